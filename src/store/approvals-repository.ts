// Kysely implementation of the approval store. A vote is one transaction that first locks the
// round's row (SELECT ... FOR UPDATE), so concurrent clicks, from one process or several sharing
// PostgreSQL, are decided one after another on the latest state; the vote's number within the
// round is the primary key, so an accepted vote is written exactly once. A deciding vote moves the
// case (and charges the contingency pool) in the same transaction.
import { randomUUID } from 'node:crypto';
import { sql, type Selectable, type Transaction } from 'kysely';
import { castVote, type VoteCommand } from '../approvals/cast-vote';
import type {
  ApprovalStore,
  CardFacts,
  HistoryEvent,
  OpenRoundResult,
  PlannedCopy,
  PostedCopy,
  SeenCase,
  StoredVoteResult,
  VoteEnv,
  WaitingCopy,
  WaitingReason,
} from '../approvals/ports';
import type { Case } from '../cases/model';
import type { Approval, ApprovalStatus, Substitution, Vote, VoteChoice, VoteRule } from '../approvals/types';
import type { ApprovalLang } from '../approvals/texts';
import type {
  ApprovalCopyTable,
  ApprovalDb,
  ApprovalTable,
  ApprovalTables,
  ApprovalVoteTable,
  SubstitutionTable,
} from './approval-tables';
import { withApprovalTables } from './approval-tables';
import { CaseDoor, lockPoolYear, poolUsageIn, toCase } from './case-door';
import { ReadBatch } from './read-batch';
import type { CaseTable, Database } from './schema';
import type { Store } from './open';

type Trx = Transaction<Database & ApprovalTables>;

/** The approval tables' transaction is the cases' transaction too: the door writes in it. */
const casesTrx = (trx: Trx) => trx as unknown as Transaction<Database>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toVote(r: Selectable<ApprovalVoteTable>): Vote {
  return {
    seat: r.seat,
    voterAadId: r.voter_aad_id,
    voterName: r.voter_name,
    onBehalfOfName: r.on_behalf_of_name,
    choice: r.choice as VoteChoice,
    comment: r.comment,
    at: iso(r.at)!,
  };
}

function toApproval(r: Selectable<ApprovalTable>, votes: Vote[]): Approval {
  return {
    id: r.id,
    caseId: r.case_id,
    stepId: r.step_id,
    bodyId: r.body_id,
    org: r.org,
    rule: r.rule as VoteRule,
    approvers: r.approvers,
    votes,
    status: r.status as ApprovalStatus,
    version: r.version,
    openedAt: iso(r.opened_at)!,
    decidedAt: iso(r.decided_at),
    deadline: r.deadline,
    amountDkk: r.amount_dkk,
    poolId: r.pool_id,
  };
}

function toSubstitution(r: Selectable<SubstitutionTable>): Substitution {
  return {
    id: r.id,
    principalAadId: r.principal_aad_id,
    principalName: r.principal_name,
    substituteAadId: r.substitute_aad_id,
    substituteName: r.substitute_name,
    from: r.from_date,
    to: r.to_date,
    createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at),
  };
}

function toCopy(r: Selectable<ApprovalCopyTable>): PostedCopy {
  return {
    id: r.id,
    approvalId: r.approval_id,
    conversationId: r.conversation_id ?? '',
    activityId: r.activity_id ?? '',
    serviceUrl: r.service_url ?? '',
    kind: r.kind as PostedCopy['kind'],
    audienceAadId: r.audience_aad_id,
    lang: r.lang as ApprovalLang,
    renderedVersion: r.rendered_version,
  };
}

/** For a case row `c`: what its pool year has approved so far (null without a pool year). */
const POOL_APPROVED = sql<
  number | null
>`case when c.pool_year is null then null else (select coalesce(sum(p.amount_dkk), 0)::int from cases p where
  p.org = c.org and p.pool_year = c.pool_year and p.pool_approved_at is not null) end`;

/** Longer than any card update of one round takes; a crashed holder's lease runs out after it. */
const CARD_LEASE_SECONDS = 30;

const VOTE_WORD: Record<VoteChoice, string> = { approve: 'approve', reject: 'reject', changes: 'changes' };

export class KyselyApprovalStore implements ApprovalStore {
  private readonly db: ApprovalDb;
  /** In-process queue per round: card updates of one round never overtake each other. */
  private readonly syncQueues = new Map<string, Promise<unknown>>();
  /** This process, as the holder of card leases. */
  private readonly owner = `${process.pid}-${randomUUID()}`;

  private readonly kind: Store['kind'];

  constructor(
    store: Pick<Store, 'db' | 'kind'>,
    /** Every history line and every move of a case goes through the one door. */
    private readonly door: CaseDoor = new CaseDoor(),
  ) {
    this.db = withApprovalTables(store.db);
    this.kind = store.kind;
  }

  private record(trx: Trx, caseId: string, ...events: HistoryEvent[]): Promise<void> {
    return this.door.apply(casesTrx(trx), { kind: 'record', caseId, events });
  }

  private async load(db: ApprovalDb | Trx, row: Selectable<ApprovalTable>): Promise<Approval> {
    const votes = await db
      .selectFrom('approval_votes')
      .selectAll()
      .where('approval_id', '=', row.id)
      .orderBy('seq')
      .execute();
    return toApproval(row, votes.map(toVote));
  }

  /** The round and its votes in one query: for reading, never under a lock (see lockAndLoad). */
  private async loadById(db: ApprovalDb | Trx, id: string): Promise<Approval | null> {
    const row = await db
      .selectFrom('approvals as a')
      .selectAll('a')
      .select(
        sql<
          Array<Selectable<ApprovalVoteTable>>
        >`coalesce((select json_agg(v order by v.seq) from approval_votes v where v.approval_id = a.id),
          '[]'::json)`.as('vote_rows'),
      )
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const { vote_rows, ...approval } = row;
    return toApproval(approval, vote_rows.map(toVote));
  }

  /**
   * Locks the round's row, then reads its votes in a second statement. One statement would not
   * do: after waiting for the lock, PostgreSQL re-reads the locked row but evaluates a subquery
   * with the snapshot taken before the wait, so a vote committed meanwhile would be missed.
   */
  private async lockAndLoad(trx: Trx, id: string): Promise<{ approval: Approval; subs: Substitution[] } | null> {
    const row = await trx.selectFrom('approvals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) return null;
    const seats = row.approvers.map((p) => p.aadObjectId);
    const principals = sql.join(seats.length > 0 ? seats : ['']);
    const { rows } = await sql<{
      vote_rows: Array<Selectable<ApprovalVoteTable>>;
      sub_rows: Array<Selectable<SubstitutionTable>>;
    }>`
      select
        coalesce((select json_agg(v order by v.seq) from approval_votes v
                  where v.approval_id = ${id}), '[]'::json) as vote_rows,
        coalesce((select json_agg(s order by s.created_at) from substitutions s
                  where s.principal_aad_id in (${principals})), '[]'::json) as sub_rows`.execute(trx);
    return { approval: toApproval(row, rows[0]!.vote_rows.map(toVote)), subs: rows[0]!.sub_rows.map(toSubstitution) };
  }

  async casesAwaitingRound(
    org: string,
    steps: ReadonlyArray<{ processId: string; stepId: string }>,
    afterId: string | null,
    limit: number,
  ): Promise<Case[]> {
    if (steps.length === 0) return [];
    let q = this.db
      .selectFrom('cases as c')
      .selectAll('c')
      .where('c.org', '=', org)
      .where('c.status', '=', 'open')
      .where((eb) =>
        eb.or(steps.map((st) => eb.and([eb('c.process_id', '=', st.processId), eb('c.step_id', '=', st.stepId)]))),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('approvals as a')
              .select('a.id')
              .whereRef('a.case_id', '=', 'c.id')
              .whereRef('a.step_id', '=', 'c.step_id')
              .where('a.status', '=', 'open'),
          ),
        ),
      );
    if (afterId !== null) q = q.where('c.id', '>', afterId);
    return (await q.orderBy('c.id').limit(limit).execute()).map(toCase);
  }

  async openRound(a: Approval, event: HistoryEvent, seen: SeenCase): Promise<OpenRoundResult> {
    const existing = async () => {
      const row = await this.db
        .selectFrom('approvals')
        .selectAll()
        .where('case_id', '=', a.caseId)
        .where('step_id', '=', a.stepId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return row ? this.load(this.db, row) : null;
    };
    const before = await existing();
    if (before) return { kind: 'exists', approval: before };

    try {
      const opened = await this.db.transaction().execute(async (trx) => {
        // The same row lock a deciding vote takes: either the decision's move is committed and
        // seen here, or the round is open before the vote looks.
        const now = await trx
          .selectFrom('cases')
          .select(['step_id', 'status', 'version'])
          .where('id', '=', a.caseId)
          .forUpdate()
          .executeTakeFirst();
        if (
          !now ||
          now.status === 'closed' ||
          now.step_id !== seen.stepId ||
          now.version !== seen.version ||
          seen.stepId !== a.stepId
        )
          return false;
        await trx
          .insertInto('approvals')
          .values({
            id: a.id,
            case_id: a.caseId,
            step_id: a.stepId,
            body_id: a.bodyId,
            org: a.org,
            rule: a.rule,
            approvers: JSON.stringify(a.approvers),
            status: a.status,
            version: a.version,
            opened_at: a.openedAt,
            opened_by: event.actorId,
            decided_at: null,
            deadline: a.deadline,
            amount_dkk: a.amountDkk,
            pool_id: a.poolId,
          })
          .execute();
        await this.record(trx, a.caseId, event);
        return true;
      });
      return opened ? { kind: 'opened', approval: a } : { kind: 'moved' };
    } catch (e) {
      // Another process opened the same round a moment ago (the partial unique index).
      const now = await existing();
      if (now) return { kind: 'exists', approval: now };
      throw e;
    }
  }

  get(id: string): Promise<Approval | null> {
    return this.loadById(this.db, id);
  }

  async view(id: string): Promise<({ approval: Approval } & CardFacts) | null> {
    const row = await this.db
      .selectFrom('approvals as a')
      .selectAll('a')
      .select(
        sql<
          Array<Selectable<ApprovalVoteTable>>
        >`coalesce((select json_agg(v order by v.seq) from approval_votes v where v.approval_id = a.id),
          '[]'::json)`.as('vote_rows'),
      )
      .select(
        sql<
          Array<Selectable<SubstitutionTable>>
        >`coalesce((select json_agg(s order by s.created_at) from substitutions s where s.principal_aad_id in
          (select p->>'aadObjectId' from jsonb_array_elements(a.approvers) p)), '[]'::json)`.as('sub_rows'),
      )
      .select(
        sql<Selectable<CaseTable> | null>`(select row_to_json(c) from cases c where c.id = a.case_id)`.as('case_row'),
      )
      .select(sql<number | null>`(select ${POOL_APPROVED} from cases c where c.id = a.case_id)`.as('pool_approved'))
      .where('a.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const { vote_rows, sub_rows, case_row, pool_approved, ...approval } = row;
    return {
      approval: toApproval(approval, vote_rows.map(toVote)),
      subs: sub_rows.map(toSubstitution),
      case: case_row ? toCase(case_row) : null,
      poolApprovedDkk: pool_approved === null ? null : Number(pool_approved),
    };
  }

  async cardFacts(caseId: string, principalAadIds: readonly string[]): Promise<CardFacts> {
    const ids = principalAadIds.length > 0 ? [...principalAadIds] : [''];
    const row = await this.db
      .selectFrom('cases as c')
      .selectAll('c')
      .select(sql<number | null>`${POOL_APPROVED}`.as('pool_approved'))
      .select(
        sql<
          Array<Selectable<SubstitutionTable>>
        >`coalesce((select json_agg(s order by s.created_at) from substitutions s where s.principal_aad_id in
          (${sql.join(ids)})), '[]'::json)`.as('sub_rows'),
      )
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    if (!row) return { case: null, subs: await this.substitutionsFor(principalAadIds), poolApprovedDkk: null };
    const { pool_approved, sub_rows, ...c } = row;
    return {
      case: toCase(c),
      subs: sub_rows.map(toSubstitution),
      poolApprovedDkk: pool_approved === null ? null : Number(pool_approved),
    };
  }

  latestFor(caseId: string): Promise<Approval | null> {
    return this.latest.load(caseId);
  }

  /** Each case's latest round with its votes, for many cases in two queries (cards in a list). */
  private readonly latest = new ReadBatch<string, Approval | null>(
    async (caseIds) => {
      const rows = await this.db
        .selectFrom('approvals')
        .selectAll()
        .distinctOn('case_id')
        .where('case_id', 'in', caseIds)
        .orderBy('case_id')
        .orderBy('opened_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return new Map((await this.withVotes(rows)).map((a) => [a.caseId, a]));
    },
    () => null,
  );

  async listOpen(filter: { org?: string } = {}): Promise<Approval[]> {
    let q = this.db.selectFrom('approvals').selectAll().where('status', '=', 'open');
    if (filter.org) q = q.where('org', '=', filter.org);
    // No limit: there is at most one open round per case step, and the sweep must see them all.
    return this.withVotes(await q.orderBy('opened_at').execute());
  }

  /** These rounds with their votes, read in one query. */
  private async withVotes(rows: Array<Selectable<ApprovalTable>>): Promise<Approval[]> {
    if (rows.length === 0) return [];
    const votes = await this.db
      .selectFrom('approval_votes')
      .selectAll()
      .where(
        'approval_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('seq')
      .execute();
    const byId = new Map<string, Vote[]>();
    for (const v of votes) byId.set(v.approval_id, [...(byId.get(v.approval_id) ?? []), toVote(v)]);
    return rows.map((r) => toApproval(r, byId.get(r.id) ?? []));
  }

  vote(cmd: VoteCommand, env: VoteEnv): Promise<StoredVoteResult> {
    return this.db.transaction().execute(async (trx): Promise<StoredVoteResult> => {
      const locked = await this.lockAndLoad(trx, cmd.approvalId);
      if (!locked) return { kind: 'not_found' };
      const { approval, subs } = locked;

      let poolRemainingDkk: number | null = null;
      const poolAnnualDkk = env.poolAnnualDkk(approval);
      if (
        cmd.choice === 'approve' &&
        approval.status === 'open' &&
        approval.amountDkk !== null &&
        poolAnnualDkk !== null
      ) {
        const pooled = await trx
          .selectFrom('cases')
          .select(['pool_year', 'org'])
          .where('id', '=', approval.caseId)
          .executeTakeFirst();
        if (pooled?.pool_year != null) {
          // The same lock the door takes to charge a pool year, taken before the case row as it
          // does: one charge at a time, and no lock-order deadlock with it.
          await lockPoolYear(casesTrx(trx), pooled.org, pooled.pool_year);
          poolRemainingDkk = poolAnnualDkk - (await poolUsageIn(trx, pooled.org, pooled.pool_year)).approvedDkk;
        }
      }
      const caseRow = await trx
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', approval.caseId)
        .forUpdate()
        .executeTakeFirst();
      if (!caseRow) return { kind: 'not_found' };
      if (approval.status === 'open' && (caseRow.step_id !== approval.stepId || caseRow.status === 'closed')) {
        return { kind: 'stale', approval, reason: 'step' };
      }

      const result = castVote(approval, cmd, { now: env.now, substitutes: subs, poolRemainingDkk });
      if (result.kind !== 'accepted') return result;
      const next = result.approval;
      const at = env.now.toISOString();
      await trx
        .insertInto('approval_votes')
        .values({
          approval_id: next.id,
          seq: next.votes.length,
          seat: result.vote.seat,
          voter_aad_id: result.vote.voterAadId,
          voter_name: result.vote.voterName,
          on_behalf_of_name: result.vote.onBehalfOfName,
          choice: result.vote.choice,
          comment: result.vote.comment,
          at,
        })
        .execute();
      const updated = await trx
        .updateTable('approvals')
        .set({ status: next.status, version: next.version, decided_at: next.decidedAt })
        .where('id', '=', next.id)
        .where('version', '=', approval.version)
        .executeTakeFirst();
      // The row lock makes this impossible; if it ever happens the transaction must not commit.
      if (Number(updated.numUpdatedRows) !== 1) throw new Error(`approval ${next.id} changed under its row lock`);
      const onBehalf = result.vote.onBehalfOfName ? ` (for ${result.vote.onBehalfOfName})` : '';
      const choice = VOTE_WORD[result.vote.choice];
      await this.record(trx, next.caseId, {
        at,
        actorId: result.vote.voterAadId,
        actorName: `${result.vote.voterName}${onBehalf}`,
        kind: 'vote',
        fromStep: next.stepId,
        toStep: null,
        comment: result.vote.comment ? `${choice}: ${result.vote.comment}` : choice,
      });
      if (!result.decided) return result;
      await this.record(trx, next.caseId, {
        at,
        actorId: next.bodyId,
        actorName: env.bodyName(next),
        kind: 'approval_decided',
        fromStep: next.stepId,
        toStep: null,
        comment: next.status,
      });
      const c = toCase(caseRow);
      const effect = env.effect(next, c);
      if (!effect) return result;
      // The decision moves the case through the one door, as any move does: the same
      // transaction writes the move, charges the pool and raises the decision notification.
      const charge =
        effect.chargePool && c.poolYear !== null && c.amountDkk !== null && poolAnnualDkk !== null
          ? { org: c.org, year: c.poolYear, annualDkk: poolAnnualDkk, amountDkk: c.amountDkk }
          : undefined;
      const moved = await this.door.apply(casesTrx(trx), {
        kind: 'update',
        caseId: c.id,
        expectedVersion: c.version,
        patch: effect.patch,
        charge,
        events: [{ at, actorId: result.vote.voterAadId, actorName: result.vote.voterName, ...effect.event }],
      });
      // The case row is locked and the pool was checked under its lock: anything else is a bug.
      if (moved.kind !== 'updated') throw new Error(`the decided case ${c.id} could not move (${moved.kind})`);
      return result;
    });
  }

  async recordHistory(caseId: string, events: readonly HistoryEvent[]): Promise<void> {
    await this.db.transaction().execute((trx) => this.record(trx, caseId, ...events));
  }

  async withdraw(approvalId: string, event: HistoryEvent): Promise<Approval | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('approvals')
        .selectAll()
        .where('id', '=', approvalId)
        .forUpdate()
        .executeTakeFirst();
      if (row?.status !== 'open') return null;
      const done = await trx
        .updateTable('approvals')
        .set({ status: 'withdrawn', version: row.version + 1, decided_at: event.at })
        .where('id', '=', approvalId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.record(trx, row.case_id, event);
      return this.load(trx, done);
    });
  }

  async addCopy(c: Omit<PostedCopy, 'id'>): Promise<void> {
    const now = new Date();
    await this.db
      .insertInto('approval_copies')
      .values({
        approval_id: c.approvalId,
        conversation_id: c.conversationId,
        activity_id: c.activityId,
        service_url: c.serviceUrl,
        kind: c.kind,
        audience_aad_id: c.audienceAadId,
        lang: c.lang,
        rendered_version: c.renderedVersion,
        posted_at: now,
        updated_at: now,
        last_error: null,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing())
      .execute();
  }

  async copies(approvalId: string): Promise<PostedCopy[]> {
    const rows = await this.db
      .selectFrom('approval_copies')
      .selectAll()
      .where('approval_id', '=', approvalId)
      .where('state', '=', 'posted')
      .orderBy('id')
      .execute();
    return rows.map(toCopy);
  }

  async planCopies(approvalId: string, copies: readonly PlannedCopy[]): Promise<void> {
    if (copies.length === 0) return;
    const now = new Date();
    const rows = copies.map((c) => ({
      approval_id: approvalId,
      conversation_id: c.conversationId,
      activity_id: null,
      service_url: null,
      kind: c.kind,
      audience_aad_id: c.audienceAadId,
      lang: 'da',
      rendered_version: 0,
      posted_at: now,
      updated_at: now,
      last_error: null,
      state: 'waiting',
      waiting_reason: c.kind === 'body' ? 'conversation_unknown' : 'no_personal_chat',
    }));
    // The partial unique index keeps one waiting copy per round and audience.
    for (const row of rows) {
      const exists = await this.db
        .selectFrom('approval_copies')
        .select('id')
        .where('approval_id', '=', approvalId)
        .where('kind', '=', row.kind)
        .where((eb) =>
          row.audience_aad_id === null
            ? eb('audience_aad_id', 'is', null)
            : eb('audience_aad_id', '=', row.audience_aad_id),
        )
        .where((eb) => (row.kind === 'body' ? eb('conversation_id', '=', row.conversation_id) : eb.lit(true)))
        .executeTakeFirst();
      if (!exists)
        await this.db
          .insertInto('approval_copies')
          .values(row)
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
  }

  async waitingCopies(filter: {
    approvalId?: string;
    caseId?: string;
    conversationId?: string;
    audienceAadId?: string;
  }): Promise<WaitingCopy[]> {
    let q = this.db
      .selectFrom('approval_copies as c')
      .innerJoin('approvals as a', 'a.id', 'c.approval_id')
      .selectAll('c')
      .where('c.state', '=', 'waiting')
      .where('a.status', '=', 'open');
    if (filter.approvalId) q = q.where('c.approval_id', '=', filter.approvalId);
    if (filter.caseId) q = q.where('a.case_id', '=', filter.caseId);
    if (filter.conversationId) q = q.where('c.conversation_id', '=', filter.conversationId);
    if (filter.audienceAadId) q = q.where('c.audience_aad_id', '=', filter.audienceAadId);
    const rows = await q.orderBy('c.id').execute();
    return rows.map((r) => ({
      id: r.id,
      approvalId: r.approval_id,
      kind: r.kind as PostedCopy['kind'],
      conversationId: r.conversation_id,
      audienceAadId: r.audience_aad_id,
      reason: (r.waiting_reason ?? 'conversation_unknown') as WaitingReason,
      lastError: r.last_error,
    }));
  }

  async markPosted(
    copyId: number,
    p: Pick<PostedCopy, 'conversationId' | 'activityId' | 'serviceUrl' | 'lang' | 'renderedVersion'>,
  ): Promise<boolean> {
    const now = new Date();
    const r = await this.db
      .updateTable('approval_copies')
      .set({
        state: 'posted',
        waiting_reason: null,
        conversation_id: p.conversationId,
        activity_id: p.activityId,
        service_url: p.serviceUrl,
        lang: p.lang,
        rendered_version: p.renderedVersion,
        posted_at: now,
        updated_at: now,
        last_error: null,
      })
      .where('id', '=', copyId)
      .where('state', '=', 'waiting')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async markWaiting(copyId: number, reason: WaitingReason, error: string | null): Promise<void> {
    await this.db
      .updateTable('approval_copies')
      .set({ waiting_reason: reason, last_error: error?.slice(0, 500) ?? null, updated_at: new Date() })
      .where('id', '=', copyId)
      .where('state', '=', 'waiting')
      .execute();
  }

  async markRendered(copyId: number, version: number, error: string | null): Promise<void> {
    await this.db
      .updateTable('approval_copies')
      .set(
        error === null
          ? { rendered_version: version, updated_at: new Date(), last_error: null }
          : { updated_at: new Date(), last_error: error.slice(0, 500) },
      )
      .where('id', '=', copyId)
      .execute();
  }

  serialiseCardSync<T>(approvalId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.syncQueues.get(approvalId) ?? Promise.resolve();
    // PGlite has one process by construction (the data directory's lock file): its queue is enough.
    const run = prev
      .catch(() => undefined)
      .then(() => (this.kind === 'postgres' ? this.underCardLease(approvalId, fn) : fn()));
    this.syncQueues.set(approvalId, run);
    void run
      .finally(() => {
        if (this.syncQueues.get(approvalId) === run) this.syncQueues.delete(approvalId);
      })
      .catch(() => undefined);
    return run;
  }

  /**
   * Other bot processes on the same database wait for the round's card lease. Claiming and
   * releasing are single statements: no connection is held while `fn` runs or while waiting, so
   * `fn` may use the pool freely. A lease left by a crashed process expires.
   */
  private async underCardLease<T>(approvalId: string, fn: () => Promise<T>): Promise<T> {
    const until = sql<Date>`now() + ${`${CARD_LEASE_SECONDS} seconds`}::interval`;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const claimed = await this.db
        .insertInto('approval_card_leases')
        .values({ approval_id: approvalId, owner: this.owner, lease_until: until })
        .onConflict((oc) =>
          oc
            .column('approval_id')
            .doUpdateSet({ owner: this.owner, lease_until: until })
            .where((eb) =>
              eb.or([
                sql<boolean>`approval_card_leases.lease_until < now()`,
                eb('approval_card_leases.owner', '=', this.owner),
              ]),
            ),
        )
        .returning('approval_id')
        .executeTakeFirst();
      if (claimed) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return await fn();
    } finally {
      await this.db
        .deleteFrom('approval_card_leases')
        .where('approval_id', '=', approvalId)
        .where('owner', '=', this.owner)
        .execute();
    }
  }

  substitutionsFor(principalAadIds: readonly string[]): Promise<Substitution[]> {
    return substitutionsIn(this.db, principalAadIds);
  }

  async substitutionsBy(substituteAadId: string): Promise<Substitution[]> {
    return (
      await this.db
        .selectFrom('substitutions')
        .selectAll()
        .where('substitute_aad_id', '=', substituteAadId)
        .orderBy('created_at')
        .execute()
    ).map(toSubstitution);
  }

  async addSubstitution(s: Substitution, event: HistoryEvent): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('substitutions')
        .values({
          id: s.id,
          principal_aad_id: s.principalAadId,
          principal_name: s.principalName,
          substitute_aad_id: s.substituteAadId,
          substitute_name: s.substituteName,
          from_date: s.from,
          to_date: s.to,
          created_at: s.createdAt,
          revoked_at: null,
        })
        .execute();
      await this.historyInOpenSeats(trx, s.principalAadId, event);
    });
  }

  async revokeSubstitutions(principalAadId: string, event: HistoryEvent): Promise<Substitution[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('substitutions')
        .set({ revoked_at: event.at })
        .where('principal_aad_id', '=', principalAadId)
        .where('revoked_at', 'is', null)
        .where('to_date', '>=', event.at.slice(0, 10))
        .returningAll()
        .execute();
      if (rows.length > 0) await this.historyInOpenSeats(trx, principalAadId, event);
      return rows.map(toSubstitution);
    });
  }

  /** A substitution belongs in the history of every case where the principal has an open seat. */
  private async historyInOpenSeats(trx: Trx, principalAadId: string, event: HistoryEvent): Promise<void> {
    const open = await trx
      .selectFrom('approvals')
      .select(['case_id', 'step_id'])
      .where('status', '=', 'open')
      .where(sql<boolean>`approvers @> ${JSON.stringify([{ aadObjectId: principalAadId }])}::jsonb`)
      .execute();
    for (const a of open) await this.record(trx, a.case_id, { ...event, fromStep: a.step_id });
  }

  async remindersSent(approvalId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('approval_reminders')
      .select(['seat', sql<number>`max(seq)::int`.as('seq')])
      .where('approval_id', '=', approvalId)
      .groupBy('seat')
      .execute();
    return new Map(rows.map((r) => [r.seat, Number(r.seq)]));
  }

  async claimReminder(
    approvalId: string,
    caseId: string,
    seat: string,
    seq: number,
    event: HistoryEvent,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('approval_reminders')
        .values({ approval_id: approvalId, seat, seq, sent_at: event.at })
        .onConflict((oc) => oc.columns(['approval_id', 'seat', 'seq']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await this.record(trx, caseId, event);
      return true;
    });
  }
}

async function substitutionsIn(db: ApprovalDb | Trx, principalAadIds: readonly string[]): Promise<Substitution[]> {
  if (principalAadIds.length === 0) return [];
  return (
    await db
      .selectFrom('substitutions')
      .selectAll()
      .where('principal_aad_id', 'in', [...principalAadIds])
      .orderBy('created_at')
      .execute()
  ).map(toSubstitution);
}
