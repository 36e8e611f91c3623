// Kysely implementation of the cluster subscriptions of each channel, and the weekly digests.
import type { Kysely, Selectable } from 'kysely';
import type { Lang, OrgId } from '../assistant/answer';
import { NotificationEvent, type EventKind } from '../notifications/events';
import type { DeliveryMode, OutboxPayload, Subscription, SubscriptionPort } from '../notifications/ports';
import { ensureLanes } from './notification-outbox';
import { withNotificationTables, type NotificationDb, type SubscriptionTable } from './notification-tables';
import type { Database } from './schema';

function toSubscription(r: Selectable<SubscriptionTable>): Subscription {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    org: r.org as OrgId,
    clusterId: r.cluster_id,
    kinds: r.kinds as EventKind[],
    mode: r.mode as DeliveryMode,
    lang: r.lang as Lang,
    active: r.active,
    deactivatedReason: r.deactivated_reason,
    lastDigestAt: r.last_digest_at ? new Date(r.last_digest_at).toISOString() : null,
  };
}

export class KyselySubscriptions implements SubscriptionPort {
  private readonly db: NotificationDb;

  /** `now` is the application's clock (never the database's now(), which may differ). */
  constructor(
    db: Kysely<Database>,
    private readonly now: () => number,
  ) {
    this.db = withNotificationTables(db);
  }

  async subscribe(s: {
    conversationId: string;
    org: OrgId;
    clusterId: string;
    kinds: EventKind[];
    mode: DeliveryMode;
    lang: Lang;
    createdBy?: string;
  }): Promise<Subscription> {
    const now = new Date(this.now());
    const values = {
      conversation_id: s.conversationId,
      org: s.org,
      cluster_id: s.clusterId,
      kinds: JSON.stringify(s.kinds),
      mode: s.mode,
      lang: s.lang,
      created_by: s.createdBy ?? null,
      created_at: now,
      updated_at: now,
      active: true,
      deactivated_reason: null,
      // A new digest subscription gets its first digest a week from now, not at once.
      last_digest_at: s.mode === 'digest' ? now : null,
    };
    const r = await this.db
      .insertInto('subscriptions')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['conversation_id', 'org', 'cluster_id']).doUpdateSet({
          kinds: values.kinds,
          mode: values.mode,
          lang: values.lang,
          updated_at: now,
          active: true,
          deactivated_reason: null,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(r);
  }

  async unsubscribe(conversationId: string, org: OrgId, clusterId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('subscriptions')
      .where('conversation_id', '=', conversationId)
      .where('org', '=', org)
      .where('cluster_id', '=', clusterId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async unsubscribeAll(conversationId: string): Promise<number> {
    const r = await this.db
      .deleteFrom('subscriptions')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async list(conversationId: string, options: { includeInactive?: boolean } = {}): Promise<Subscription[]> {
    let q = this.db.selectFrom('subscriptions').selectAll().where('conversation_id', '=', conversationId);
    if (!options.includeInactive) q = q.where('active', '=', true);
    return (await q.orderBy('org').orderBy('cluster_id').execute()).map(toSubscription);
  }

  async dueDigests(before: number): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('active', '=', true)
      .where('mode', '=', 'digest')
      .where((eb) => eb.or([eb('last_digest_at', 'is', null), eb('last_digest_at', '<=', new Date(before))]))
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  async enqueueDigest(
    subscriptionId: number,
    payload: Extract<OutboxPayload, { type: 'digest' }>,
    key: string,
    now: number,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const sub = await trx
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', subscriptionId)
        .forUpdate()
        .executeTakeFirst();
      if (!sub?.active) return false;
      const added = await trx
        .insertInto('notification_outbox')
        .values({
          idempotency_key: key,
          conversation_id: sub.conversation_id,
          subscription_id: sub.id,
          event_id: null,
          org: sub.org,
          payload: JSON.stringify(payload),
          next_attempt_at: new Date(now),
          created_at: new Date(now),
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      await trx
        .updateTable('subscriptions')
        .set({ last_digest_at: new Date(now) })
        .where('id', '=', subscriptionId)
        .execute();
      if (added) await ensureLanes(trx, [sub.conversation_id]);
      return Boolean(added);
    });
  }

  async eventsSince(org: OrgId, since: number, until: number): Promise<NotificationEvent[]> {
    const rows = await this.db
      .selectFrom('notification_events')
      .select('payload')
      .where('org', '=', org)
      .where('occurred_at', '>', new Date(since))
      .where('occurred_at', '<=', new Date(until))
      .orderBy('occurred_at')
      .limit(1000)
      .execute();
    const out: NotificationEvent[] = [];
    for (const r of rows) {
      const parsed = NotificationEvent.safeParse(r.payload);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }
}
