// The tab's case table: one page of cases matching the filters, with the total, read straight from
// the cases table so that it stays fast at 10,000 cases (filters and paging in SQL, never in
// memory). Read-only: changes go through the one door like everywhere else.
import { sql, type Kysely } from 'kysely';
import type { Case } from '../cases/model';
import type { OrgId } from '../common/ids';
import { toCase } from './case-door';
import type { Database } from './schema';

export interface CaseTableFilter {
  org: OrgId;
  cluster?: string;
  process?: string;
  step?: string;
  holder?: string;
  state?: 'open' | 'closed' | 'all';
  /** Open cases with a deadline of the case or of its current step before `today`. */
  overdue?: boolean;
  today: string;
  /** "Mine": cases the person created or acted on, or that their bodies hold. */
  mine?: { actorId: string; holders: string[] };
  /** Restrict to these ids, in this order (the fuzzy search's hits, best first). */
  ids?: string[];
  /** Case id prefix, e.g. "SAG-2026-00". */
  idPrefix?: string;
  offset: number;
  limit: number;
}

export async function caseTablePage(
  db: Kysely<Database>,
  f: CaseTableFilter,
): Promise<{ total: number; cases: Case[] }> {
  if (f.ids && f.ids.length === 0) return { total: 0, cases: [] };
  let q = db.selectFrom('cases').where('org', '=', f.org);
  if (f.cluster) q = q.where(sql<boolean>`clusters @> ${JSON.stringify([f.cluster])}::jsonb`);
  if (f.process) q = q.where('process_id', '=', f.process);
  if (f.step) q = q.where('step_id', '=', f.step);
  if (f.holder) q = q.where('holder', '=', f.holder);
  const state = f.state ?? 'open';
  if (state !== 'all') q = q.where('status', '=', state);
  if (f.overdue)
    q = q.where('status', '=', 'open').where(
      sql<boolean>`exists (select 1 from jsonb_array_elements(cases.deadlines) d
        where d->>'date' < ${f.today} and (d->>'stepId' is null or d->>'stepId' = cases.step_id))`,
    );
  if (f.idPrefix) q = q.where('id', 'like', `${f.idPrefix.replace(/[%_\\]/g, '')}%`);
  if (f.ids) q = q.where('id', 'in', f.ids);
  const mine = f.mine;
  if (mine)
    q = q.where((eb) =>
      eb.or([
        eb('created_by', '=', mine.actorId),
        eb.exists(
          eb
            .selectFrom('case_events')
            .select('case_events.id')
            .whereRef('case_events.case_id', '=', 'cases.id')
            .where('case_events.actor_id', '=', mine.actorId),
        ),
        ...(mine.holders.length > 0 ? [eb('holder', 'in', mine.holders)] : []),
      ]),
    );
  if (f.ids) {
    // At most the search's hits: fetch them all and page in their rank order.
    const rows = await q.selectAll().execute();
    const rank = new Map(f.ids.map((id, i) => [id, i]));
    const cases = rows.map(toCase).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    return { total: cases.length, cases: cases.slice(f.offset, f.offset + f.limit) };
  }
  // The page and the total in one round trip (count(*) over ()); a page past the end has no row
  // to carry the total, so only then is it counted on its own.
  const rows = await q
    .selectAll()
    .select(sql<number>`count(*) over ()`.as('total_rows'))
    .orderBy('year', 'desc')
    .orderBy('seq', 'desc')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  if (rows.length > 0) return { total: Number(rows[0]!.total_rows), cases: rows.map(toCase) };
  const count = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { total: Number(count.n), cases: [] };
}
