// The ports the notification domain talks through: the outbox (src/store implements it over
// Kysely), the subscriptions, and the sender (src/teams implements it over botbuilder).
import type { Lang, OrgId } from '../assistant/answer';
import type { EventKind, NotificationEvent } from './events';
import type { SendOutcome } from './retry';

export type OutboxPayload =
  | { type: 'event'; event: NotificationEvent; clusterId: string; lang: Lang }
  | { type: 'digest'; clusterId: string; lang: Lang; from: string; to: string; events: NotificationEvent[] };

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  conversationId: string;
  org: OrgId;
  payload: OutboxPayload;
  /** Attempts already made (a crash after the send leaves this one higher than the recorded outcomes). */
  attempts: number;
  nextAttemptAt: number;
}

export interface ClaimedLane {
  conversationId: string;
  /** botbuilder's ConversationReference, null when the bot no longer knows the conversation. */
  reference: unknown;
  /** When the connector accepted earlier messages here within the last hour (for the pacer). */
  recentSentAt: number[];
  /** The lane's oldest pending rows, read with the claim. */
  head: OutboxRow[];
}

export interface FailedNotification {
  id: number;
  conversationId: string;
  org: OrgId;
  caseId: string | null;
  kind: EventKind | 'digest';
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  status: 'failed' | 'deactivated';
}

/** All times are milliseconds since the epoch from the dispatcher's clock, so tests control them. */
export interface OutboxPort {
  /** Leases up to `max` conversations that have pending notifications and no live lease. */
  claimLanes(owner: string, max: number, now: number, leaseMs: number, headRows?: number): Promise<ClaimedLane[]>;
  /** Extends the lease; false when it was lost (expired and taken), so the caller must stop. */
  renewLane(conversationId: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  releaseLane(conversationId: string, owner: string): Promise<void>;
  /** Frees every lease: only for a single-process database (PGlite) at start-up. */
  releaseAllLanes(): Promise<void>;
  /** The oldest pending notifications of a conversation, in order, whatever their next attempt time. */
  nextInLane(conversationId: string, limit: number): Promise<OutboxRow[]>;
  /**
   * Renews the lane's lease and counts the attempt, in one statement, BEFORE sending: a crash
   * mid-send is then visible as an attempt without outcome. False when the lane was lost (or the
   * row is no longer pending), and nothing may be sent.
   */
  beginAttempt(id: number, conversationId: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  markSent(id: number, now: number, activityId: string | undefined): Promise<void>;
  /**
   * markSent of one row and beginAttempt of the next in one statement; false as for beginAttempt
   * (the "sent" is kept).
   */
  markSentAndBegin(
    sentId: number,
    activityId: string | undefined,
    nextId: number,
    conversationId: string,
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean>;
  markRetry(id: number, nextAttemptAt: number, error: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** The bot is gone from the conversation: its subscriptions stop and its pending notifications are set aside. */
  deactivateConversation(conversationId: string, reason: string): Promise<void>;
  listFailed(filter: { org?: OrgId; conversationId?: string; limit: number }): Promise<FailedNotification[]>;
  /** Puts failed (and, if asked, deactivated) notifications back in the queue; returns how many. */
  retryFailed(filter: { org?: OrgId; ids?: number[] }, now: number): Promise<number>;
  pendingCount(): Promise<number>;
}

export type DeliveryMode = 'immediate' | 'digest';

export interface Subscription {
  id: number;
  conversationId: string;
  org: OrgId;
  clusterId: string;
  kinds: EventKind[];
  mode: DeliveryMode;
  lang: Lang;
  active: boolean;
  deactivatedReason: string | null;
  lastDigestAt: string | null;
}

export interface SubscriptionPort {
  /** Creates or replaces the subscription of a conversation to one cluster (and re-activates it). */
  subscribe(s: {
    conversationId: string;
    org: OrgId;
    clusterId: string;
    kinds: EventKind[];
    mode: DeliveryMode;
    lang: Lang;
    createdBy?: string;
  }): Promise<Subscription>;
  unsubscribe(conversationId: string, org: OrgId, clusterId: string): Promise<boolean>;
  unsubscribeAll(conversationId: string): Promise<number>;
  list(conversationId: string, options?: { includeInactive?: boolean }): Promise<Subscription[]>;
  /** Active digest subscriptions whose last digest is older than `before` (or never sent). */
  dueDigests(before: number): Promise<Subscription[]>;
  /** Enqueues one digest card in the outbox and stamps the subscription, in one transaction. */
  enqueueDigest(
    subscriptionId: number,
    payload: Extract<OutboxPayload, { type: 'digest' }>,
    key: string,
    now: number,
  ): Promise<boolean>;
  eventsSince(org: OrgId, since: number, until: number): Promise<NotificationEvent[]>;
}

export interface CardMessage {
  template: 'notification' | 'notification-digest';
  data: object;
  /** Plain text for the notification preview in Teams' activity feed. */
  summary: string;
}

export interface NotificationSender {
  send(target: { conversationId: string; reference: unknown }, message: CardMessage): Promise<SendOutcome>;
}
