// Kysely typing of the notification tables (migration 005_notifications). Kept beside the shared
// schema and joined to it with `withTables`, so the feature's tables stay in the feature's files.
import type { Generated, Kysely } from 'kysely';
import type { Database, Json, Timestamp } from './schema';

export interface SubscriptionTable {
  id: Generated<number>;
  conversation_id: string;
  org: string;
  cluster_id: string;
  kinds: Json<string[]>;
  mode: string;
  lang: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  active: Generated<boolean>;
  deactivated_reason: string | null;
  last_digest_at: Timestamp | null;
}

export interface NotificationEventTable {
  id: string;
  org: string;
  kind: string;
  case_id: string;
  clusters: Json<string[]>;
  payload: Json<unknown>;
  occurred_at: Timestamp;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  conversation_id: string;
  subscription_id: number | null;
  event_id: string | null;
  org: string;
  payload: Json<unknown>;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  activity_id: string | null;
}

export interface NotificationLaneTable {
  conversation_id: string;
  owner: string | null;
  lease_until: Timestamp | null;
}

// A type alias, not an interface: withTables needs an index-compatible record type.
export type NotificationTables = {
  subscriptions: SubscriptionTable;
  notification_events: NotificationEventTable;
  notification_outbox: NotificationOutboxTable;
  notification_lanes: NotificationLaneTable;
};

export type NotificationDb = Kysely<Database & NotificationTables>;

export function withNotificationTables(db: Kysely<Database>): NotificationDb {
  return db.withTables<NotificationTables>();
}
