// Kysely implementation of the case repository. Every change that writes more than one row (the
// case and its history event, the id counter) runs in one transaction; updates are optimistic
// (WHERE version = expected) so two people changing one case cannot overwrite each other.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { OrgId } from '../assistant/answer';
import { formatCaseId, type Case, type CaseEvent, type CaseEventKind, type NewCaseEvent } from '../cases/model';
import type { CasePatch, CaseRecord, CaseRepository, ImportResult, NewCase, PoolCharge, SearchHit, UpdateResult } from '../cases/ports';
import { caseSearchText, caseTerms, queryWords } from '../cases/search';
import { CaseWordIndex } from '../cases/term-index';
import type { CaseEventTable, CaseTable, Database } from './schema';
import type { CaseChangeHook } from './case-change-hook';

const iso = (d: Date | string): string => new Date(d).toISOString();

export function toCase(r: Selectable<CaseTable>): Case {
  return {
    id: r.id,
    title: r.title,
    titleEn: r.title_en,
    org: r.org as OrgId,
    processId: r.process_id,
    clusters: r.clusters,
    stepId: r.step_id,
    holder: r.holder,
    state: r.status === 'closed' ? 'closed' : 'open',
    deadlines: r.deadlines,
    documents: r.documents,
    amountDkk: r.amount_dkk,
    poolYear: r.pool_year,
    poolApprovedAt: r.pool_approved_at ? iso(r.pool_approved_at) : null,
    positions: r.positions,
    positionsProcess: r.positions_process,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

function toEvent(r: Selectable<CaseEventTable>): CaseEvent {
  return {
    id: r.id,
    caseId: r.case_id,
    at: iso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    kind: r.kind as CaseEventKind,
    fromStep: r.from_step,
    toStep: r.to_step,
    comment: r.comment,
  };
}

function eventRow(caseId: string, e: NewCaseEvent) {
  return { case_id: caseId, at: e.at, actor_id: e.actorId, actor_name: e.actorName, kind: e.kind, from_step: e.fromStep, to_step: e.toStep, comment: e.comment };
}

function caseRow(c: Case, searchText: string) {
  const m = /^SAG-(\d{4})-(\d+)$/.exec(c.id);
  return {
    id: c.id,
    year: Number(m?.[1]),
    seq: Number(m?.[2]),
    title: c.title,
    title_en: c.titleEn,
    search_text: searchText,
    org: c.org,
    process_id: c.processId,
    clusters: JSON.stringify(c.clusters),
    step_id: c.stepId,
    holder: c.holder,
    status: c.state,
    deadlines: JSON.stringify(c.deadlines),
    documents: JSON.stringify(c.documents),
    amount_dkk: c.amountDkk,
    pool_year: c.poolYear,
    pool_approved_at: c.poolApprovedAt,
    positions: JSON.stringify(c.positions),
    positions_process: c.positionsProcess,
    created_by: c.createdBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    version: c.version,
  };
}

export class KyselyCaseRepository implements CaseRepository {
  private readonly terms: TermIndexCache;

  constructor(
    private readonly db: Kysely<Database>,
    /** Runs inside each change's transaction (notifications outbox). */
    private readonly onChange?: CaseChangeHook,
  ) {
    this.terms = new TermIndexCache(db);
  }

  async get(id: string): Promise<Case | null> {
    const r = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toCase(r) : null;
  }

  async history(id: string, limit?: number): Promise<CaseEvent[]> {
    let q = this.db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id', 'desc');
    if (limit !== undefined) q = q.limit(limit);
    return (await q.execute()).map(toEvent).reverse();
  }

  async getWithHistory(id: string, limit: number): Promise<CaseRecord | null> {
    const { rows } = await sql<Selectable<CaseTable> & { events: Array<Record<string, unknown>> }>`
      select c.*, (
        select coalesce(json_agg(e order by e.id), '[]'::json)
        from (select * from case_events where case_id = c.id order by id desc limit ${limit}) e
      ) as events
      from cases c where c.id = ${id}`.execute(this.db);
    const r = rows[0];
    if (!r) return null;
    const events = typeof r.events === 'string' ? (JSON.parse(r.events) as Array<Record<string, unknown>>) : r.events;
    return { case: toCase(r), history: events.map((e) => toEvent(e as unknown as Selectable<CaseEventTable>)) };
  }

  async create(input: NewCase, event: NewCaseEvent): Promise<Case> {
    return this.db.transaction().execute(async (trx) => {
      const seq = await nextSeq(trx, input.year);
      const row = await trx
        .insertInto('cases')
        .values({
          id: formatCaseId(input.year, seq),
          year: input.year,
          seq,
          title: input.title,
          title_en: input.titleEn,
          search_text: caseSearchText(input),
          org: input.org,
          process_id: input.processId,
          clusters: JSON.stringify(input.clusters),
          step_id: input.stepId,
          holder: input.holder,
          status: 'open',
          deadlines: JSON.stringify(input.deadlines),
          documents: JSON.stringify(input.documents),
          amount_dkk: input.amountDkk,
          pool_year: input.poolYear,
          pool_approved_at: null,
          positions: JSON.stringify(input.positions),
          positions_process: input.positionsProcess,
          created_by: input.createdBy,
          created_at: input.createdAt,
          updated_at: input.createdAt,
          version: 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.insertInto('case_events').values(eventRow(row.id, event)).execute();
      await insertTerms(trx, row.id, input);
      const created = toCase(row);
      await this.onChange?.(trx, { case: created, event });
      return created;
    }).finally(() => this.terms.touch());
  }

  async update(id: string, expectedVersion: number, patch: CasePatch, event: NewCaseEvent, charge?: PoolCharge): Promise<UpdateResult> {
    return this.db.transaction().execute(async (trx): Promise<UpdateResult> => {
      let approvedAt: Date | undefined;
      if (charge) {
        const charged = await chargePoolIn(trx, charge);
        if (charged.kind === 'pool_exceeded') return charged;
        approvedAt = new Date(event.at);
      }
      const row = await trx
        .updateTable('cases')
        .set({
          ...(patch.stepId !== undefined && { step_id: patch.stepId }),
          ...(patch.holder !== undefined && { holder: patch.holder }),
          ...(patch.state !== undefined && { status: patch.state }),
          ...(patch.deadlines !== undefined && { deadlines: JSON.stringify(patch.deadlines) }),
          ...(patch.documents !== undefined && { documents: JSON.stringify(patch.documents) }),
          ...(patch.positions !== undefined && { positions: JSON.stringify(patch.positions) }),
          ...(patch.positionsProcess !== undefined && { positions_process: patch.positionsProcess }),
          ...(approvedAt && { pool_approved_at: approvedAt }),
          updated_at: new Date(event.at),
          version: sql<number>`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const current = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
        return current ? { kind: 'stale', current: toCase(current) } : { kind: 'not_found' };
      }
      await trx.insertInto('case_events').values(eventRow(id, event)).execute();
      const updated = toCase(row);
      await this.onChange?.(trx, { case: updated, event });
      return { kind: 'updated', case: updated };
    });
  }

  appendEvent(id: string, expectedVersion: number, event: NewCaseEvent): Promise<UpdateResult> {
    return this.update(id, expectedVersion, {}, event);
  }

  async search(folded: string, options: { org?: OrgId; limit: number; minScore: number }): Promise<SearchHit[]> {
    const words = queryWords(folded);
    if (words.length === 0) return [];
    const index = await this.terms.current();
    const hits = index.search(words, { org: options.org, minScore: options.minScore, termScore: TERM_MATCH_SCORE, limit: options.limit });
    if (hits.length === 0) return [];
    const rows = await this.db.selectFrom('cases').selectAll().where('id', 'in', hits.map((h) => h.caseId)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return hits.flatMap((h) => {
      const r = byId.get(h.caseId);
      return r ? [{ case: toCase(r), score: h.score }] : [];
    });
  }

  async listByHolder(org: OrgId, holders: string[], options: { includeClosed?: boolean } = {}): Promise<Case[]> {
    if (holders.length === 0) return [];
    let q = this.db.selectFrom('cases').selectAll().where('org', '=', org).where('holder', 'in', holders);
    if (!options.includeClosed) q = q.where('status', '=', 'open');
    return (await q.orderBy('id').limit(200).execute()).map(toCase);
  }

  async listMine(actorId: string, org: OrgId, holders: string[]): Promise<Case[]> {
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('org', '=', org)
      .where('status', '=', 'open')
      .where((eb) =>
        eb.or([
          eb('created_by', '=', actorId),
          eb.exists(eb.selectFrom('case_events').select('case_events.id').whereRef('case_events.case_id', '=', 'cases.id').where('case_events.actor_id', '=', actorId)),
          ...(holders.length > 0 ? [eb('holder', 'in', holders)] : []),
        ]),
      )
      .orderBy('id')
      .limit(200)
      .execute();
    return rows.map(toCase);
  }

  poolUsage(org: OrgId, year: number): Promise<{ approvedDkk: number; pendingDkk: number }> {
    return poolUsageIn(this.db, org, year);
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async exportAll(): Promise<CaseRecord[]> {
    const cases = (await this.db.selectFrom('cases').selectAll().orderBy('year').orderBy('seq').execute()).map(toCase);
    const events = (await this.db.selectFrom('case_events').selectAll().orderBy('id').execute()).map(toEvent);
    const byCase = new Map<string, CaseEvent[]>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    return cases.map((c) => ({ case: c, history: byCase.get(c.id) ?? [] }));
  }

  async importAll(records: CaseRecord[]): Promise<ImportResult> {
    if (records.length === 0) return { kind: 'imported', count: 0 };
    return this.db.transaction().execute(async (trx): Promise<ImportResult> => {
      const ids = records.map((r) => r.case.id);
      const existing = await trx.selectFrom('cases').select('id').where('id', 'in', ids).execute();
      if (existing.length > 0) return { kind: 'conflict', ids: existing.map((e) => e.id) };
      for (const rec of records) {
        await trx.insertInto('cases').values(caseRow(rec.case, caseSearchText(rec.case))).execute();
        await insertTerms(trx, rec.case.id, rec.case);
        for (const e of rec.history) await trx.insertInto('case_events').values(eventRow(rec.case.id, e)).execute();
      }
      // Keep the id counter ahead of imported ids so new cases never collide with them.
      const maxima = new Map<number, number>();
      for (const id of ids) {
        const m = /^SAG-(\d{4})-(\d+)$/.exec(id)!;
        maxima.set(Number(m[1]), Math.max(maxima.get(Number(m[1])) ?? 0, Number(m[2])));
      }
      for (const [year, last] of maxima) {
        await trx
          .insertInto('case_seq')
          .values({ year, last })
          .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql<number>`greatest(case_seq.last, excluded.last)` }))
          .execute();
      }
      return { kind: 'imported', count: records.length };
    }).finally(() => this.terms.touch());
  }
}

/** Query words match title words from this score up (trigram containment, see TermIndex). */
const TERM_MATCH_SCORE = 0.45;

/**
 * The in-memory word index of all cases, brought up to date from case_terms by seq before a search
 * (at most every 250 ms; at once after this process wrote). Another process's new cases are seen
 * on the next refresh; a full reload every few minutes also picks up rows committed out of order.
 */
class TermIndexCache {
  private index = new CaseWordIndex();
  private lastSeq = 0;
  private loadedAt = 0;
  private checkedAt = 0;

  constructor(private readonly db: Kysely<Database>) {}

  /** This process added words: read them on the next search. */
  touch(): void {
    this.checkedAt = 0;
  }

  async current(): Promise<CaseWordIndex> {
    if (Date.now() - this.checkedAt < 250) return this.index;
    this.checkedAt = Date.now();
    if (Date.now() - this.loadedAt > 5 * 60_000) {
      this.index = new CaseWordIndex();
      this.lastSeq = 0;
      this.loadedAt = Date.now();
    }
    const rows = await this.db
      .selectFrom('case_terms')
      .innerJoin('cases', 'cases.id', 'case_terms.case_id')
      .select(['case_terms.seq', 'case_terms.case_id', 'case_terms.term', 'cases.org'])
      .where('case_terms.seq', '>', this.lastSeq)
      .orderBy('case_terms.seq')
      .execute();
    for (const r of rows) {
      this.index.add(r.case_id, r.org, r.term);
      this.lastSeq = Math.max(this.lastSeq, r.seq);
    }
    return this.index;
  }
}

async function insertTerms(trx: Transaction<Database>, caseId: string, c: Pick<Case, 'title' | 'titleEn'>): Promise<void> {
  const terms = caseTerms(c);
  if (terms.length === 0) return;
  await trx.insertInto('case_terms').values(terms.map((term) => ({ case_id: caseId, term }))).execute();
}

async function nextSeq(trx: Transaction<Database>, year: number): Promise<number> {
  const r = await trx
    .insertInto('case_seq')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql<number>`case_seq.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/**
 * Checks, inside the caller's transaction, that an expense fits what is left of its pool year. One
 * pool year is checked by one transaction at a time (advisory lock until commit), so two approvals
 * cannot both fit. Call it in the transaction that sets pool_approved_at.
 */
export async function chargePoolIn(trx: Transaction<Database>, charge: PoolCharge): Promise<{ kind: 'ok' } | { kind: 'pool_exceeded'; remainingDkk: number }> {
  await sql`select pg_advisory_xact_lock(hashtext(${`pool:${charge.org}:${charge.year}`}))`.execute(trx);
  const { approvedDkk } = await poolUsageIn(trx, charge.org, charge.year);
  const remainingDkk = charge.annualDkk - approvedDkk;
  return charge.amountDkk > remainingDkk ? { kind: 'pool_exceeded', remainingDkk } : { kind: 'ok' };
}

async function poolUsageIn(db: Kysely<Database>, org: OrgId, year: number): Promise<{ approvedDkk: number; pendingDkk: number }> {
  const r = await db
    .selectFrom('cases')
    .select([
      sql<number>`coalesce(sum(amount_dkk) filter (where pool_approved_at is not null), 0)::int`.as('approved'),
      sql<number>`coalesce(sum(amount_dkk) filter (where pool_approved_at is null and status = 'open'), 0)::int`.as('pending'),
    ])
    .where('org', '=', org)
    .where('pool_year', '=', year)
    .executeTakeFirstOrThrow();
  return { approvedDkk: Number(r.approved), pendingDkk: Number(r.pending) };
}
