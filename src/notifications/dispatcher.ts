// Sends what the outbox holds. Each conversation is a lane that one dispatcher process leases at
// a time, so at most one message per conversation is ever in flight: a crash can then duplicate
// at most that one message (Teams does not de-duplicate). Within a lane notifications go out in
// the order they were written, paced under Teams' limits, retried with backoff, parked as failed
// after the last attempt, and a 403/404 ends the conversation's subscriptions.
import { setMaxListeners } from 'node:events';
import type { ClusterConfig } from './clusters';
import { copenhagenDate, epochMs, type Clock } from '../common/clock';
import { clusterById } from './clusters';
import { KIND_LABEL } from './events';
import { ConversationPacer, TEAMS_CONVERSATION_LIMITS, type RateLimit } from './pacer';
import type { CardMessage, ClaimedLane, NotificationSender, OutboxPayload, OutboxPort, OutboxRow } from './ports';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy, type SendOutcome } from './retry';
import { digestCardData, notificationCardData } from './view';

export interface DispatcherLog {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export interface DispatcherOptions {
  /** Unique per process, e.g. "<host>:<pid>:<random>"; written as the lane owner. */
  owner: string;
  /** Conversations served at once by this process. */
  maxLanes?: number;
  /** How long a lane stays ours without renewal; must exceed the sender's request timeout. */
  leaseMs?: number;
  /** How often to look for new work when nothing woke us. */
  pollMs?: number;
  /** PGlite: no other process can hold a lease, so stale leases of a killed run are freed at start. */
  singleProcess?: boolean;
  policy?: RetryPolicy;
  limits?: readonly RateLimit[];
}

export interface DispatcherDeps {
  outbox: OutboxPort;
  sender: NotificationSender;
  clusters: ClusterConfig;
  clock: Clock;
  random?: () => number;
  log?: DispatcherLog;
}

/** Pending rows read per query; a lane's owner is the only one changing them while it holds the lease. */
const LANE_BATCH = 20;

const silent: DispatcherLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class Dispatcher {
  private readonly pacer: ConversationPacer;
  private readonly active = new Map<string, Promise<void>>();
  private readonly stopper = new AbortController();
  private waker = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly o: Required<DispatcherOptions>;
  private readonly random: () => number;
  private readonly log: DispatcherLog;
  /** When the loop last claimed lanes without an error (clock time), for readiness; null before. */
  lastClaimAt: number | null = null;

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions,
  ) {
    this.o = {
      maxLanes: 64,
      leaseMs: 60_000,
      pollMs: 500,
      singleProcess: false,
      policy: DEFAULT_RETRY_POLICY,
      limits: TEAMS_CONVERSATION_LIMITS,
      ...options,
    };
    this.pacer = new ConversationPacer(this.o.limits);
    // Every lane waiting for its pacing slot listens on the stop signal: up to maxLanes at once is
    // expected, not the leak Node warns about beyond 10 listeners.
    setMaxListeners(this.o.maxLanes + 10, this.stopper.signal);
    this.random = deps.random ?? Math.random;
    this.log = deps.log ?? silent;
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run().catch((err) => this.log.error({ err }, 'notification dispatcher stopped on an error'));
  }

  /** Finishes the sends in flight (their outcome is recorded), then stops. */
  async stop(): Promise<void> {
    this.stopper.abort();
    this.waker.abort();
    await this.loop;
  }

  /** New work was written (same process): look now instead of at the next poll. */
  wake(): void {
    this.waker.abort();
  }

  /** The clock's instant in milliseconds: the outbox, the pacer and the retry policy count in them. */
  private now(): number {
    return epochMs(this.deps.clock);
  }

  private get stopping(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    if (this.o.singleProcess) await this.deps.outbox.releaseAllLanes();
    while (!this.stopping) {
      // A fresh waker before claiming, so a wake() during the claim is not lost.
      this.waker = new AbortController();
      try {
        await this.claim();
        this.lastClaimAt = this.now();
      } catch (err) {
        this.log.error({ err }, 'could not claim notification lanes; retrying');
      }
      if (this.stopping) break;
      // stop() aborts the waker too, so one signal serves both.
      await this.deps.clock.sleep(this.o.pollMs, this.waker.signal);
    }
    await Promise.all(this.active.values());
  }

  private async claim(): Promise<void> {
    const free = this.o.maxLanes - this.active.size;
    if (free <= 0) return;
    const lanes = await this.deps.outbox.claimLanes(this.o.owner, free, this.now(), this.o.leaseMs, LANE_BATCH);
    for (const lane of lanes) {
      const served = this.serve(lane)
        .catch(async (err) => {
          this.log.error(
            { err, conversationId: lane.conversationId },
            'notification lane failed; it is picked up again',
          );
          await this.deps.outbox.releaseLane(lane.conversationId, this.o.owner).catch(() => undefined);
        })
        .finally(() => {
          this.active.delete(lane.conversationId);
          this.wake();
        });
      this.active.set(lane.conversationId, served);
    }
  }

  private async serve(lane: ClaimedLane): Promise<void> {
    const { outbox } = this.deps;
    const conv = lane.conversationId;
    this.pacer.forget(conv);
    this.pacer.seed(conv, lane.recentSentAt, this.now());
    if (lane.reference === null || lane.reference === undefined) {
      await outbox.deactivateConversation(conv, 'the bot no longer knows this conversation');
      await outbox.releaseLane(conv, this.o.owner);
      return;
    }
    // Rows are read a batch at a time; only this lane's owner changes them while it holds the lease.
    let batch: OutboxRow[] = lane.head;
    // The row whose attempt was already recorded together with its predecessor's "sent".
    let begun: number | null = null;
    while (!this.stopping) {
      if (batch.length === 0) batch = await outbox.nextInLane(conv, LANE_BATCH);
      const row = batch[0];
      if (!row) break;
      if (begun !== row.id) {
        if (!(await this.waitUntil(conv, () => row.nextAttemptAt))) return;
        if (!(await outbox.beginAttempt(row.id, conv, this.o.owner, this.now(), this.o.leaseMs)))
          return this.lost(conv);
      }
      begun = null;
      // The attempt is on record before the pacing wait, so the write overlaps the wait instead of
      // delaying the send when the window opens.
      if (!(await this.waitUntil(conv, () => this.now() + this.pacer.delayFor(conv, this.now())))) return;
      const outcome = await this.send(lane, row);
      const next = await this.settle(conv, row, outcome, batch[1]);
      if (next === 'stop') break;
      if (next === 'lost') return this.lost(conv);
      if (next !== 'retry') batch.shift();
      if (next === 'done-and-next-begun') begun = batch[0]!.id;
    }
    await outbox.releaseLane(conv, this.o.owner);
  }

  private lost(conv: string): void {
    this.log.warn({ conversationId: conv }, 'lost a notification lane lease; another dispatcher has it');
  }

  /** Waits until the time `until()` names, keeping the lease alive; false if the lane was lost or we stop. */
  private async waitUntil(conv: string, until: () => number): Promise<boolean> {
    const { outbox, clock } = this.deps;
    for (;;) {
      const wait = until() - this.now();
      if (wait <= 0) return true;
      const chunk = Math.min(wait, this.o.leaseMs / 3);
      await clock.sleep(chunk, this.stopper.signal);
      if (this.stopping) {
        await outbox.releaseLane(conv, this.o.owner);
        return false;
      }
      // Short waits are covered by the lease beginAttempt renews; long ones renew as they go.
      if (chunk >= this.o.leaseMs / 3 && !(await outbox.renewLane(conv, this.o.owner, this.now(), this.o.leaseMs))) {
        this.lost(conv);
        return false;
      }
    }
  }

  private async send(lane: ClaimedLane, row: OutboxRow): Promise<SendOutcome> {
    try {
      return await this.deps.sender.send(
        { conversationId: lane.conversationId, reference: lane.reference },
        this.render(row),
      );
    } catch (err) {
      return { kind: 'network_error', message: err instanceof Error ? err.message : String(err) };
    }
  }

  /**
   * Records the outcome: the row is done (sent or parked), to be retried, or the lane must stop
   * (bot gone). When the next row is due, its attempt is recorded in the same statement as this
   * row's "sent" (before its pacing wait): one write per message instead of two.
   */
  private async settle(
    conv: string,
    row: OutboxRow,
    outcome: SendOutcome,
    next: OutboxRow | undefined,
  ): Promise<'done' | 'done-and-next-begun' | 'retry' | 'stop' | 'lost'> {
    const { outbox } = this.deps;
    const at = this.now();
    const decision = decideRetry(outcome, row.attempts + 1, this.o.policy, this.random);
    switch (decision.kind) {
      case 'done': {
        this.pacer.record(conv, at);
        const activityId = outcome.kind === 'sent' ? outcome.activityId : undefined;
        if (next && !this.stopping && next.nextAttemptAt <= at) {
          return (await outbox.markSentAndBegin(row.id, activityId, next.id, conv, this.o.owner, at, this.o.leaseMs))
            ? 'done-and-next-begun'
            : 'lost';
        }
        await outbox.markSent(row.id, at, activityId);
        return 'done';
      }
      case 'retry':
        if (outcome.kind === 'http_error' && outcome.status === 429) this.pacer.block(conv, at + decision.delayMs);
        await outbox.markRetry(row.id, at + decision.delayMs, decision.reason);
        row.attempts += 1;
        row.nextAttemptAt = at + decision.delayMs;
        return 'retry';
      case 'park':
        this.log.warn({ conversationId: conv, id: row.id, reason: decision.reason }, 'notification parked as failed');
        await outbox.markFailed(row.id, decision.reason);
        return 'done';
      case 'deactivate':
        this.log.warn(
          { conversationId: conv, reason: decision.reason },
          'bot removed from conversation; subscriptions deactivated',
        );
        await outbox.deactivateConversation(conv, decision.reason);
        return 'stop';
    }
  }

  private render(row: OutboxRow): CardMessage {
    return renderPayload(row.payload, row.idempotencyKey, this.deps.clusters, row.org, this.deps.clock.today());
  }
}

/** The Copenhagen date of an instant: what "overdue" on a card means to its readers. */
export function isoDay(ms: number): string {
  return copenhagenDate(new Date(ms));
}

export function renderPayload(
  p: OutboxPayload,
  key: string,
  clusters: ClusterConfig,
  org: OutboxRow['org'],
  today: string,
): CardMessage {
  const cluster = clusterById(clusters, org, p.clusterId);
  if (p.type === 'event') {
    const data = notificationCardData(p.event, cluster, p.lang, key, today);
    return {
      template: 'notification',
      data,
      summary: `${KIND_LABEL[p.event.kind][p.lang]}: ${p.event.caseId} ${p.event.caseTitle}`.slice(0, 200),
    };
  }
  const data = digestCardData(p.events, cluster, p.lang, key, p.from, p.to);
  return { template: 'notification-digest', data, summary: data.heading };
}
