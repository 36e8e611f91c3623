// The one door for every change to a case (see src/cases/change.ts). It runs inside the caller's
// transaction and writes, together or not at all: the case row, its history events, the search
// terms, the contingency-pool charge, and what the change causes elsewhere (the change hook: the
// notification outbox). No other code writes `cases` or `case_events` (a test checks that).
import { sql, type Selectable, type Transaction } from 'kysely';
import type { CaseChange, CaseChangeResult } from '../cases/change';
import { formatCaseId, type Case, type CaseEvent, type CaseEventKind, type NewCaseEvent } from '../cases/model';
import type { CaseRecord, ImportResult, NewCase, PoolCharge, UpdateResult } from '../cases/ports';
import { caseSearchText, caseTerms } from '../cases/search';
import type { OrgId } from '../common/ids';
import type { CaseChangeHook } from './case-change-hook';
import type { CaseEventTable, CaseTable, Database } from './schema';

type Trx = Transaction<Database>;

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

export function toEvent(r: Selectable<CaseEventTable>): CaseEvent {
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
  return {
    case_id: caseId,
    at: e.at,
    actor_id: e.actorId,
    actor_name: e.actorName,
    kind: e.kind,
    from_step: e.fromStep,
    to_step: e.toStep,
    comment: e.comment,
  };
}

function caseRow(c: Case) {
  const m = /^SAG-(\d{4})-(\d+)$/.exec(c.id);
  return {
    id: c.id,
    year: Number(m?.[1]),
    seq: Number(m?.[2]),
    title: c.title,
    title_en: c.titleEn,
    search_text: caseSearchText(c),
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

export class CaseDoor {
  constructor(
    /** Runs inside the transaction for every event that changes a case (notifications outbox). */
    private readonly onChange?: CaseChangeHook,
  ) {}

  async apply<C extends CaseChange>(trx: Trx, change: C): Promise<CaseChangeResult<C>> {
    switch (change.kind) {
      case 'create':
        return (await this.create(trx, change.input, change.event)) as CaseChangeResult<C>;
      case 'update':
        return (await this.update(trx, change)) as CaseChangeResult<C>;
      case 'record':
        await this.insertEvents(trx, change.caseId, change.events);
        return undefined as CaseChangeResult<C>;
      case 'import':
        return (await this.importAll(trx, change.records)) as CaseChangeResult<C>;
    }
    throw new Error(`unknown case change ${(change as CaseChange).kind}`);
  }

  private async create(trx: Trx, input: NewCase, event: NewCaseEvent): Promise<Case> {
    const seq = await nextSeq(trx, input.year);
    const id = formatCaseId(input.year, seq);
    const created: Case = {
      ...input,
      id,
      state: 'open',
      poolApprovedAt: null,
      updatedAt: input.createdAt,
      version: 1,
    };
    const row = await trx.insertInto('cases').values(caseRow(created)).returningAll().executeTakeFirstOrThrow();
    await insertTerms(trx, id, input);
    const c = toCase(row);
    await this.insertEvents(trx, id, [event]);
    await this.onChange?.(trx, { case: c, event });
    return c;
  }

  private async update(trx: Trx, change: Extract<CaseChange, { kind: 'update' }>): Promise<UpdateResult> {
    const { caseId, expectedVersion, patch, events, charge } = change;
    // A change is dated by its event, on the caller's clock; a change without one is a bug.
    if (events.length === 0) throw new Error(`a change to ${caseId} without an event`);
    const at = events[0]!.at;
    if (charge) {
      const charged = await chargePoolIn(trx, charge);
      if (charged.kind === 'pool_exceeded') return charged;
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
        ...(charge && { pool_approved_at: new Date(at) }),
        updated_at: new Date(at),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', caseId)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
      return current ? { kind: 'stale', current: toCase(current) } : { kind: 'not_found' };
    }
    const updated = toCase(row);
    await this.insertEvents(trx, caseId, events);
    for (const event of events) await this.onChange?.(trx, { case: updated, event });
    return { kind: 'updated', case: updated };
  }

  private async importAll(trx: Trx, records: CaseRecord[]): Promise<ImportResult> {
    if (records.length === 0) return { kind: 'imported', count: 0 };
    const ids = records.map((r) => r.case.id);
    const existing = await trx.selectFrom('cases').select('id').where('id', 'in', ids).execute();
    if (existing.length > 0) return { kind: 'conflict', ids: existing.map((e) => e.id) };
    for (const rec of records) {
      await trx.insertInto('cases').values(caseRow(rec.case)).execute();
      await insertTerms(trx, rec.case.id, rec.case);
      await this.insertEvents(trx, rec.case.id, rec.history);
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
        .onConflict((oc) =>
          oc.column('year').doUpdateSet({ last: sql<number>`greatest(case_seq.last, excluded.last)` }),
        )
        .execute();
    }
    return { kind: 'imported', count: records.length };
  }

  private async insertEvents(trx: Trx, caseId: string, events: readonly NewCaseEvent[]): Promise<void> {
    if (events.length === 0) return;
    await trx
      .insertInto('case_events')
      .values(events.map((e) => eventRow(caseId, e)))
      .execute();
  }
}

async function insertTerms(trx: Trx, caseId: string, c: Pick<Case, 'title' | 'titleEn'>): Promise<void> {
  const terms = caseTerms(c);
  if (terms.length === 0) return;
  await trx
    .insertInto('case_terms')
    .values(terms.map((term) => ({ case_id: caseId, term })))
    .execute();
}

async function nextSeq(trx: Trx, year: number): Promise<number> {
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
 * cannot both fit. The lock is taken before the case row, by every path, so they never deadlock.
 */
export async function chargePoolIn(
  trx: Trx,
  charge: PoolCharge,
): Promise<{ kind: 'ok' } | { kind: 'pool_exceeded'; remainingDkk: number }> {
  await lockPoolYear(trx, charge.org, charge.year);
  const { approvedDkk } = await poolUsageIn(trx, charge.org, charge.year);
  const remainingDkk = charge.annualDkk - approvedDkk;
  return charge.amountDkk > remainingDkk ? { kind: 'pool_exceeded', remainingDkk } : { kind: 'ok' };
}

export async function lockPoolYear(trx: Trx, org: string, year: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`pool:${org}:${year}`}))`.execute(trx);
}

export async function poolUsageIn(
  db: Pick<Trx, 'selectFrom'>,
  org: string,
  year: number,
): Promise<{ approvedDkk: number; pendingDkk: number }> {
  const r = await db
    .selectFrom('cases')
    .select([
      sql<number>`coalesce(sum(amount_dkk) filter (where pool_approved_at is not null), 0)::int`.as('approved'),
      sql<number>`coalesce(sum(amount_dkk) filter (where pool_approved_at is null and status = 'open'), 0)::int`.as(
        'pending',
      ),
    ])
    .where('org', '=', org)
    .where('pool_year', '=', year)
    .executeTakeFirstOrThrow();
  return { approvedDkk: Number(r.approved), pendingDkk: Number(r.pending) };
}
