// The tab's case table: one page of cases matching the filters, with the total, read straight from
// the cases table so that it stays fast at 10,000 cases (filters and paging in SQL, never in
// memory). Read-only: changes go through the one door like everywhere else.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Case } from '../cases/model';
import type { OrgId } from '../common/ids';
import { toCase } from './case-door';
import type { Database } from './schema';

/** Each process's steps in order, by id: process id → step id → position (0 = the first step). */
export type StepOrder = Record<string, Record<string, number>>;

export interface CaseTableFilter {
  org: OrgId;
  cluster?: string;
  process?: string;
  step?: string;
  holder?: string;
  state?: 'open' | 'closed' | 'all';
  /**
   * Open cases with a deadline before `today` that has not been left behind: the case's own, or
   * one of the current or a later step (`stepOrder` says which steps come later). The case view's
   * definition (currentDeadline in src/cases/view.ts), so the filter and the row's mark agree.
   */
  overdue?: boolean;
  today: string;
  /** The steps' order of the organisation's processes today; without it no deadline is passed. */
  stepOrder?: StepOrder;
  /** "Mine": cases the person created or acted on, or that their bodies hold. */
  mine?: { actorId: string; holders: string[] };
  /** Restrict to these ids, in this order (the fuzzy search's hits, best first). */
  ids?: string[];
  /** Case id prefix, e.g. "SAG-2026-00". */
  idPrefix?: string;
  offset: number;
  limit: number;
}

type CaseQuery = SelectQueryBuilder<Database, 'cases', object>;

/** The filters as WHERE clauses, applied to the page query and to the count alike. */
function filtered(q: CaseQuery, f: CaseTableFilter): CaseQuery {
  q = q.where('cases.org', '=', f.org);
  if (f.cluster) q = q.where(sql<boolean>`cases.clusters @> ${JSON.stringify([f.cluster])}::jsonb`);
  if (f.process) q = q.where('cases.process_id', '=', f.process);
  if (f.step) q = q.where('cases.step_id', '=', f.step);
  if (f.holder) q = q.where('cases.holder', '=', f.holder);
  const state = f.state ?? 'open';
  if (state !== 'all') q = q.where('cases.status', '=', state);
  if (f.overdue) {
    // A deadline is left behind when it belongs to a step of the process before the current one
    // (a step the process does not know counts as before a known current step, as in the view).
    const order = JSON.stringify(f.stepOrder ?? {});
    const position = (step: ReturnType<typeof sql>) =>
      sql`coalesce((${order}::jsonb -> cases.process_id ->> (${step}))::int, -1)`;
    q = q
      .where('cases.status', '=', 'open')
      // Necessary for any overdue deadline, and indexed (012): only these few are tested exactly.
      .where(sql<boolean>`case_earliest_deadline(cases.deadlines) < ${f.today}`)
      .where(
        sql<boolean>`exists (select 1 from jsonb_array_elements(cases.deadlines) d
          where d->>'date' < ${f.today}
          and not (d->>'stepId' is not null and (${order}::jsonb -> cases.process_id) is not null
            and ${position(sql`d->>'stepId'`)} < ${position(sql`cases.step_id`)}))`,
      );
  }
  if (f.idPrefix) q = q.where('cases.id', 'like', `${f.idPrefix.replace(/[%_\\]/g, '')}%`);
  if (f.ids) q = q.where('cases.id', 'in', f.ids);
  const mine = f.mine;
  if (mine) {
    // Each branch by its own index (created_by; case_events (actor_id, case_id); org, holder),
    // rather than an OR that makes the database test every case.
    const holders = mine.holders;
    q = q.where((eb) =>
      eb(
        'cases.id',
        'in',
        eb
          .selectFrom('cases as c')
          .select('c.id')
          .where('c.created_by', '=', mine.actorId)
          .union(eb.selectFrom('case_events').select('case_events.case_id as id').where('actor_id', '=', mine.actorId))
          .$if(holders.length > 0, (u) =>
            u.union(
              eb.selectFrom('cases as h').select('h.id').where('h.org', '=', f.org).where('h.holder', 'in', holders),
            ),
          ),
      ),
    );
  }
  return q;
}

export async function caseTablePage(
  db: Kysely<Database>,
  f: CaseTableFilter,
): Promise<{ total: number; cases: Case[] }> {
  if (f.ids && f.ids.length === 0) return { total: 0, cases: [] };
  if (f.ids) {
    // At most the search's hits: which of them pass the filters (ids only, no whole rows), then
    // the rows of the one page, in the search's rank order.
    const passing = new Set((await filtered(db.selectFrom('cases'), f).select('cases.id').execute()).map((r) => r.id));
    const ranked = f.ids.filter((id) => passing.has(id));
    const pageIds = ranked.slice(f.offset, f.offset + f.limit);
    if (pageIds.length === 0) return { total: ranked.length, cases: [] };
    const rows = await db.selectFrom('cases').selectAll().where('id', 'in', pageIds).execute();
    const rank = new Map(pageIds.map((id, i) => [id, i]));
    const cases = rows.map(toCase).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    return { total: ranked.length, cases };
  }
  // The page and the total in one round trip. The total is a scalar subquery that counts without
  // reading whole rows (count(*) over () built every matching row, 10,000 of them, for 25 shown);
  // a page past the end has no row to carry it, so only then is it counted on its own.
  const count = () => filtered(db.selectFrom('cases'), f).select(sql<number>`count(*)::int`.as('n'));
  const rows = await filtered(db.selectFrom('cases'), f)
    .selectAll('cases')
    .select(() => count().as('total_rows'))
    .orderBy('cases.year', 'desc')
    .orderBy('cases.seq', 'desc')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  if (rows.length > 0) return { total: Number(rows[0]!.total_rows), cases: rows.map(toCase) };
  const counted = await count().executeTakeFirstOrThrow();
  return { total: Number(counted.n), cases: [] };
}
