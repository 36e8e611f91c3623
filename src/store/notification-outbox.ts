// Kysely implementation of the notification outbox: enqueueing inside the caller's transaction
// (the case change that causes the notification), and the lane leases and row updates the
// dispatcher uses. Lanes are claimed with FOR UPDATE SKIP LOCKED, so two bot processes on one
// PostgreSQL never serve the same conversation at once; PGlite is single-process anyway.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { OrgId } from '../assistant/answer';
import { NotificationEvent, type NotificationEventInput } from '../notifications/events';
import type { ChangedCase } from '../notifications/from-case';
import type { ClaimedLane, FailedNotification, OutboxPayload, OutboxPort, OutboxRow } from '../notifications/ports';
import { withNotificationTables, type NotificationDb, type NotificationOutboxTable } from './notification-tables';
import { OutboxWriter } from './outbox-writes';
import type { Database } from './schema';
import { cutWellFormed } from '../common/unicode';

const HOUR_MS = 3_600_000;

/** The idempotency key of one notification to one channel. */
export function notificationKey(eventId: string, conversationId: string): string {
  return `${eventId}|${conversationId}`;
}

export interface EnqueueResult {
  events: number;
  notifications: number;
  /** Conversations that got new work, so a dispatcher in this process can be woken. */
  conversations: string[];
}

/**
 * Records events and fans them out to the channels subscribed to a concerned cluster, as outbox
 * rows. Call it with the transaction of the change that causes the events: then either both
 * the change and its notifications are stored, or neither. Re-raising an event id is a no-op.
 * `now` (the caller's clock) makes the rows due; it is never the database's own now(), whose clock
 * may differ from the application's.
 */
export async function enqueueNotificationEvents(
  db: Kysely<Database>,
  events: readonly NotificationEventInput[],
  now: Date,
): Promise<EnqueueResult> {
  const ndb = withNotificationTables(db);
  const result: EnqueueResult = { events: 0, notifications: 0, conversations: [] };
  const touched = new Set<string>();
  for (const input of events) {
    const event = NotificationEvent.parse(input);
    const inserted = await ndb
      .insertInto('notification_events')
      .values({
        id: event.id,
        org: event.org,
        kind: event.kind,
        case_id: event.caseId,
        clusters: JSON.stringify(event.clusters),
        payload: JSON.stringify(event),
        occurred_at: event.occurredAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    result.events += 1;

    let q = ndb
      .selectFrom('subscriptions')
      .selectAll()
      .where('org', '=', event.org)
      .where('active', '=', true)
      .where('mode', '=', 'immediate');
    if (event.clusters.length > 0) q = q.where('cluster_id', 'in', event.clusters);
    const subs = (await q.orderBy('id').execute()).filter((s) => (s.kinds as string[]).includes(event.kind));
    const perConversation = new Map<string, (typeof subs)[number]>();
    for (const s of subs) if (!perConversation.has(s.conversation_id)) perConversation.set(s.conversation_id, s);
    if (perConversation.size === 0) continue;

    const rows = [...perConversation.values()].map((s) => {
      const payload: OutboxPayload = { type: 'event', event, clusterId: s.cluster_id, lang: s.lang as 'da' | 'en' };
      return {
        idempotency_key: notificationKey(event.id, s.conversation_id),
        conversation_id: s.conversation_id,
        subscription_id: s.id,
        event_id: event.id,
        org: event.org,
        payload: JSON.stringify(payload),
        next_attempt_at: now,
        created_at: now,
      };
    });
    const added = await ndb
      .insertInto('notification_outbox')
      .values(rows)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('conversation_id')
      .execute();
    result.notifications += added.length;
    for (const a of added) touched.add(a.conversation_id);
  }
  if (touched.size > 0) await ensureLanes(ndb, [...touched]);
  result.conversations = [...touched];
  return result;
}

export async function ensureLanes(ndb: NotificationDb, conversationIds: string[]): Promise<void> {
  await ndb
    .insertInto('notification_lanes')
    .values(conversationIds.map((id) => ({ conversation_id: id, owner: null, lease_until: null })))
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .execute();
}

const ms = (d: Date | string): number => new Date(d).getTime();

function toRow(r: Selectable<NotificationOutboxTable>): OutboxRow {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    conversationId: r.conversation_id,
    org: r.org as OrgId,
    payload: r.payload as OutboxPayload,
    attempts: r.attempts,
    nextAttemptAt: ms(r.next_attempt_at),
  };
}

export class KyselyOutbox implements OutboxPort {
  private readonly db: NotificationDb;
  /** The per-message writes, merged across lanes (src/store/outbox-writes.ts). */
  private readonly writes: OutboxWriter;

  constructor(db: Kysely<Database>) {
    this.db = withNotificationTables(db);
    this.writes = new OutboxWriter(this.db);
  }

  async claimLanes(owner: string, max: number, now: number, leaseMs: number, headRows = 20): Promise<ClaimedLane[]> {
    const at = new Date(now);
    return this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ conversation_id: string }>`
        select l.conversation_id from notification_lanes l
        where (l.lease_until is null or l.lease_until < ${at})
          and exists (select 1 from notification_outbox o
                      where o.conversation_id = l.conversation_id and o.status = 'pending'
                        and o.next_attempt_at <= ${at})
        order by (select min(o.id) from notification_outbox o
                  where o.conversation_id = l.conversation_id and o.status = 'pending')
        limit ${max}
        for update of l skip locked`.execute(trx);
      const ids = rows.map((r) => r.conversation_id);
      if (ids.length === 0) return [];
      await trx
        .updateTable('notification_lanes')
        .set({ owner, lease_until: new Date(now + leaseMs) })
        .where('conversation_id', 'in', ids)
        .execute();
      const convs = await trx
        .selectFrom('conversations')
        .select(['id', 'reference', 'removed_at'])
        .where('id', 'in', ids)
        .execute();
      const sent = await trx
        .selectFrom('notification_outbox')
        .select(['conversation_id', 'sent_at'])
        .where('conversation_id', 'in', ids)
        .where('status', '=', 'sent')
        .where('sent_at', '>', new Date(now - HOUR_MS))
        .orderBy('sent_at')
        .execute();
      // Each lane's first rows come with the claim: one query for all lanes instead of one each.
      const { rows: head } = await sql<Selectable<NotificationOutboxTable>>`
        select * from (
          select o.*, row_number() over (partition by o.conversation_id order by o.id) as n
          from notification_outbox o
          where o.conversation_id in (${sql.join(ids)}) and o.status = 'pending') h
        where h.n <= ${headRows}
        order by h.conversation_id, h.id`.execute(trx);
      return ids.map((id) => {
        const c = convs.find((x) => x.id === id);
        return {
          conversationId: id,
          reference: c && !c.removed_at ? c.reference : null,
          recentSentAt: sent.filter((s) => s.conversation_id === id && s.sent_at).map((s) => ms(s.sent_at!)),
          head: head.filter((r) => r.conversation_id === id).map(toRow),
        };
      });
    });
  }

  async renewLane(conversationId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const r = await this.db
      .updateTable('notification_lanes')
      .set({ lease_until: new Date(now + leaseMs) })
      .where('conversation_id', '=', conversationId)
      .where('owner', '=', owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async releaseLane(conversationId: string, owner: string): Promise<void> {
    await this.db
      .updateTable('notification_lanes')
      .set({ owner: null, lease_until: null })
      .where('conversation_id', '=', conversationId)
      .where('owner', '=', owner)
      .execute();
  }

  async releaseAllLanes(): Promise<void> {
    await this.db.updateTable('notification_lanes').set({ owner: null, lease_until: null }).execute();
  }

  async nextInLane(conversationId: string, limit: number): Promise<OutboxRow[]> {
    const rows = await this.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }

  beginAttempt(id: number, conversationId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const at = new Date(now).toISOString();
    const leaseUntil = new Date(now + leaseMs).toISOString();
    return this.writes.run({ kind: 'begin', id, conv: conversationId, owner, at, leaseUntil });
  }

  async markSent(id: number, now: number, activityId: string | undefined): Promise<void> {
    await this.writes.run({ kind: 'sent', id, at: new Date(now).toISOString(), activityId: activityId ?? null });
  }

  markSentAndBegin(
    sentId: number,
    activityId: string | undefined,
    nextId: number,
    conversationId: string,
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean> {
    return this.writes.run({
      kind: 'sentAndBegin',
      sentId,
      activityId: activityId ?? null,
      nextId,
      conv: conversationId,
      owner,
      at: new Date(now).toISOString(),
      leaseUntil: new Date(now + leaseMs).toISOString(),
    });
  }

  async markRetry(id: number, nextAttemptAt: number, error: string): Promise<void> {
    await this.writes.run({
      kind: 'retry',
      id,
      nextAttemptAt: new Date(nextAttemptAt).toISOString(),
      error: cutWellFormed(error, 500),
    });
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.writes.run({ kind: 'failed', id, error: cutWellFormed(error, 500) });
  }

  async deactivateConversation(conversationId: string, reason: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('subscriptions')
        .set({ active: false, deactivated_reason: reason.slice(0, 500), updated_at: new Date() })
        .where('conversation_id', '=', conversationId)
        .where('active', '=', true)
        .execute();
      await trx
        .updateTable('notification_outbox')
        .set({ status: 'deactivated', last_error: reason.slice(0, 500) })
        .where('conversation_id', '=', conversationId)
        .where('status', '=', 'pending')
        .execute();
    });
  }

  async listFailed(filter: { org?: OrgId; conversationId?: string; limit: number }): Promise<FailedNotification[]> {
    let q = this.db.selectFrom('notification_outbox').selectAll().where('status', 'in', ['failed', 'deactivated']);
    if (filter.org) q = q.where('org', '=', filter.org);
    if (filter.conversationId) q = q.where('conversation_id', '=', filter.conversationId);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(filter.limit, 500)))
      .execute();
    return rows.map((r) => {
      const p = r.payload as OutboxPayload;
      return {
        id: r.id,
        conversationId: r.conversation_id,
        org: r.org as OrgId,
        caseId: p.type === 'event' ? p.event.caseId : null,
        kind: p.type === 'event' ? p.event.kind : 'digest',
        attempts: r.attempts,
        lastError: r.last_error,
        lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at).toISOString() : null,
        status: r.status as 'failed' | 'deactivated',
      };
    });
  }

  async retryFailed(filter: { org?: OrgId; ids?: number[] }, now: number): Promise<number> {
    if (filter.ids && filter.ids.length === 0) return 0;
    let q = this.db
      .updateTable('notification_outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(now) })
      .where('status', '=', 'failed');
    if (filter.org) q = q.where('org', '=', filter.org);
    if (filter.ids) q = q.where('id', 'in', filter.ids);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /**
   * Deletes what no one needs any more: sent notifications and events older than `keepMs` (the
   * pacer reads the last hour, digests the last weeks). Failed ones stay until an admin acts.
   */
  async purge(now: number, keepMs: number): Promise<{ sent: number; events: number }> {
    const before = new Date(now - keepMs);
    const sent = await this.db
      .deleteFrom('notification_outbox')
      .where('status', '=', 'sent')
      .where('sent_at', '<', before)
      .executeTakeFirst();
    const events = await this.db.deleteFrom('notification_events').where('occurred_at', '<', before).executeTakeFirst();
    return { sent: Number(sent.numDeletedRows), events: Number(events.numDeletedRows) };
  }

  async pendingCount(): Promise<number> {
    const r = await this.db
      .selectFrom('notification_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}

/** Open cases that have deadlines, for the daily "deadline approaching" check. */
export async function openCasesWithDeadlines(db: Kysely<Database>): Promise<ChangedCase[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'title', 'org', 'process_id', 'clusters', 'step_id', 'status', 'deadlines'])
    .where('status', '=', 'open')
    .where(sql<boolean>`jsonb_array_length(deadlines) > 0`)
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    org: r.org as OrgId,
    processId: r.process_id,
    clusters: r.clusters as string[],
    stepId: r.step_id,
    state: r.status as 'open' | 'closed',
    deadlines: r.deadlines as ChangedCase['deadlines'],
  }));
}
