// Cluster subscriptions per channel, the notification events (kept for weekly digests), the
// transactional outbox the dispatcher sends from, and one lane row per conversation that a
// dispatcher process leases so only one message per conversation is ever in flight.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('kinds', 'jsonb', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('immediate', 'digest')`))
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('da', 'en')`))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('deactivated_reason', 'text')
    .addColumn('last_digest_at', 'timestamptz')
    .addUniqueConstraint('subscriptions_conversation_cluster', ['conversation_id', 'org', 'cluster_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_by_org_cluster')
    .on('subscriptions')
    .columns(['org', 'cluster_id'])
    .execute();

  await db.schema
    .createTable('notification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('clusters', 'jsonb', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_events_by_org_time')
    .on('notification_events')
    .columns(['org', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'integer')
    .addColumn('event_id', 'text')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed', 'deactivated')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('activity_id', 'text')
    .execute();
  await sql`create index notification_outbox_pending on notification_outbox (conversation_id, id) where status
    = 'pending'`.execute(db);
  await sql`create index notification_outbox_sent on notification_outbox (conversation_id, sent_at) where
    status = 'sent'`.execute(db);
  await sql`create index notification_outbox_failed on notification_outbox (org, id) where status = 'failed'`.execute(
    db,
  );

  await db.schema
    .createTable('notification_lanes')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notification_lanes', 'notification_outbox', 'notification_events', 'subscriptions'])
    await db.schema.dropTable(t).execute();
}
