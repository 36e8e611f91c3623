// Kysely implementation of the case repository: reads here, and every change through the one
// door (src/store/case-door.ts) in a transaction of its own. Updates are optimistic (WHERE
// version = expected) so two people changing one case cannot overwrite each other.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { OrgId } from '../common/ids';
import type { CaseChange, CaseChangeResult } from '../cases/change';
import type { Case, CaseEvent, NewCaseEvent } from '../cases/model';
import type {
  CasePatch,
  CaseRecord,
  CaseRepository,
  ImportResult,
  NewCase,
  PoolCharge,
  SearchHit,
  UpdateResult,
} from '../cases/ports';
import { queryWords } from '../cases/search';
import { CaseWordIndex, type WordHit } from '../cases/term-index';
import { CaseDoor, poolUsageIn, toCase, toEvent } from './case-door';
import { ReadBatch } from './read-batch';
import type { CaseEventTable, CaseTable, Database } from './schema';

export { toCase } from './case-door';

export class KyselyCaseRepository implements CaseRepository {
  private readonly terms: TermIndexCache;

  constructor(
    private readonly db: Kysely<Database>,
    /** The one door, built once by the composition root (with the notification hook). */
    private readonly door: CaseDoor = new CaseDoor(),
    /** The search's word index; tests give one with their own clock. */
    terms?: TermIndexCache,
  ) {
    this.terms = terms ?? new TermIndexCache(db);
  }

  /** Runs one change through the door in a transaction of its own. */
  change<C extends CaseChange>(change: C): Promise<CaseChangeResult<C>> {
    return this.db.transaction().execute((trx) => this.door.apply(trx, change));
  }

  async get(id: string): Promise<Case | null> {
    const r = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toCase(r) : null;
  }

  async history(id: string, limit?: number): Promise<CaseEvent[]> {
    // The last few events (a case card's) are read with other cards' in one query.
    if (limit !== undefined) return this.recentHistory(limit).load(id);
    const q = this.db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id', 'desc');
    return (await q.execute()).map(toEvent).reverse();
  }

  private readonly recentHistories = new Map<number, ReadBatch<string, CaseEvent[]>>();

  /** The last `limit` events of each of many cases, oldest first, in one query. */
  private recentHistory(limit: number): ReadBatch<string, CaseEvent[]> {
    let batch = this.recentHistories.get(limit);
    if (!batch) {
      batch = new ReadBatch(
        async (ids) => {
          // Per case, the index on (case_id, id) gives its last `limit` events; a window over every
          // event of the cases would read whole histories to keep a few.
          const { rows } = await sql<Selectable<CaseEventTable>>`
            select e.* from unnest(${ids}::text[]) as k(id)
            cross join lateral (
              select * from case_events where case_id = k.id order by id desc limit ${limit}
            ) as e
            order by e.id`.execute(this.db);
          const byCase = new Map<string, CaseEvent[]>();
          for (const r of rows) {
            const list = byCase.get(r.case_id) ?? [];
            if (list.length === 0) byCase.set(r.case_id, list);
            list.push(toEvent(r));
          }
          return byCase;
        },
        () => [],
      );
      this.recentHistories.set(limit, batch);
    }
    return batch;
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
    return this.change({ kind: 'create', input, event }).finally(() => this.terms.touch());
  }

  update(
    id: string,
    expectedVersion: number,
    patch: CasePatch,
    event: NewCaseEvent,
    charge?: PoolCharge,
  ): Promise<UpdateResult> {
    return this.change({ kind: 'update', caseId: id, expectedVersion, patch, events: [event], charge });
  }

  appendEvent(id: string, expectedVersion: number, event: NewCaseEvent): Promise<UpdateResult> {
    return this.update(id, expectedVersion, {}, event);
  }

  /**
   * The fuzzy title search's hits, best first, as ids and scores only: for callers that filter
   * and page the hits in SQL themselves (the tab), which need not read 200 whole cases for 25.
   */
  async searchIds(folded: string, options: { org?: OrgId; limit: number; minScore: number }): Promise<WordHit[]> {
    const words = queryWords(folded);
    if (words.length === 0) return [];
    const index = await this.terms.current();
    return index.search(words, {
      org: options.org,
      minScore: options.minScore,
      termScore: TERM_MATCH_SCORE,
      limit: options.limit,
    });
  }

  async search(folded: string, options: { org?: OrgId; limit: number; minScore: number }): Promise<SearchHit[]> {
    const hits = await this.searchIds(folded, options);
    if (hits.length === 0) return [];
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where(
        'id',
        'in',
        hits.map((h) => h.caseId),
      )
      .execute();
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

  async listByFacet(org: OrgId, facet: { processIds: string[]; clusterIds: string[] }, limit: number): Promise<Case[]> {
    const { processIds, clusterIds } = facet;
    if (processIds.length === 0 && clusterIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('org', '=', org)
      .where((eb) =>
        eb.or([
          ...(processIds.length > 0 ? [eb('process_id', 'in', processIds)] : []),
          ...clusterIds.map((id) => eb(sql<boolean>`clusters @> ${JSON.stringify([id])}::jsonb`, '=', true)),
        ]),
      )
      .orderBy('status', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(limit, 200)))
      .execute();
    return rows.map(toCase);
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
          eb.exists(
            eb
              .selectFrom('case_events')
              .select('case_events.id')
              .whereRef('case_events.case_id', '=', 'cases.id')
              .where('case_events.actor_id', '=', actorId),
          ),
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
    return this.change({ kind: 'import', records }).finally(() => this.terms.touch());
  }
}

/** Query words match title words from this score up (trigram containment, see TermIndex). */
const TERM_MATCH_SCORE = 0.45;

/**
 * The in-memory word index of all cases, brought up to date from case_terms by seq before a search
 * (at most every 250 ms; at once after this process wrote). Another process's new cases are seen
 * on the next refresh; a full reload every few minutes also picks up rows committed out of order.
 * A search never sees a half-built index: a reload is built beside the one in use and replaces it
 * when complete (it used to empty the index first, so searches during the reload found nothing),
 * and a search waits for the refresh in flight, which may hold its own process's new case.
 */
export class TermIndexCache {
  private index = new CaseWordIndex();
  private lastSeq = 0;
  private loadedAt = 0;
  private checkedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    /** Milliseconds, as Date.now; tests move it on. */
    private readonly now: () => number = Date.now,
  ) {}

  /** This process added words: read them on the next search. */
  touch(): void {
    this.checkedAt = -Infinity;
  }

  async current(): Promise<CaseWordIndex> {
    if (this.now() - this.checkedAt >= 250) {
      this.checkedAt = this.now();
      // After the one in flight, which may have read case_terms before this process's write.
      const run = () => this.refresh();
      const next = (this.refreshing ?? Promise.resolve()).then(run, run);
      const done = () => {
        if (this.refreshing === next) this.refreshing = null;
      };
      next.then(done, done);
      this.refreshing = next;
    }
    if (this.refreshing) await this.refreshing;
    return this.index;
  }

  private async refresh(): Promise<void> {
    const reload = this.now() - this.loadedAt > 5 * 60_000;
    const from = reload ? 0 : this.lastSeq;
    const rows = await this.db
      .selectFrom('case_terms')
      .innerJoin('cases', 'cases.id', 'case_terms.case_id')
      .select(['case_terms.seq', 'case_terms.case_id', 'case_terms.term', 'cases.org'])
      .where('case_terms.seq', '>', from)
      .orderBy('case_terms.seq')
      .execute();
    const index = reload ? new CaseWordIndex() : this.index;
    let last = from;
    for (const r of rows) {
      index.add(r.case_id, r.org, r.term);
      last = Math.max(last, r.seq);
    }
    this.index = index;
    this.lastSeq = last;
    if (reload) this.loadedAt = this.now();
  }
}
