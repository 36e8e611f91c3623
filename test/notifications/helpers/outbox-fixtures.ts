// Shared set-up for the outbox and dispatcher tests: channels with subscriptions, events for a
// case, a virtual clock, and a recording sender whose answers a test scripts.
import type { OrgId } from '../../../src/assistant/answer';
import type { EventKind, NotificationEventInput } from '../../../src/notifications/events';
import { EVENT_KINDS } from '../../../src/notifications/events';
import { epochMs, ManualClock, type Clock } from '../../../src/common/clock';
import type { CardMessage, NotificationSender } from '../../../src/notifications/ports';
import type { SendOutcome } from '../../../src/notifications/retry';
import { KyselyConversations } from '../../../src/store/conversations';
import type { Store } from '../../../src/store/open';
import { KyselySubscriptions } from '../../../src/store/subscriptions';

export const T0 = Date.parse('2026-11-26T08:00:00Z');

export async function addChannel(
  store: Store,
  id: string,
  sub: { org?: OrgId; cluster: string; kinds?: EventKind[]; mode?: 'immediate' | 'digest'; lang?: 'da' | 'en' },
  serviceUrl = 'http://127.0.0.1:9/',
  /** When the subscription is made, on the test's clock. */
  now = T0,
): Promise<void> {
  await new KyselyConversations(store.db).upsert({
    id,
    kind: 'channel',
    tenantId: 'tenant-1',
    teamId: 'team-1',
    serviceUrl,
    reference: {
      conversation: { id, conversationType: 'channel', tenantId: 'tenant-1' },
      serviceUrl,
      channelId: 'msteams',
      bot: { id: 'bot', name: 'bot' },
    },
  });
  await new KyselySubscriptions(store.db, () => now).subscribe({
    conversationId: id,
    org: sub.org ?? 'midt',
    clusterId: sub.cluster,
    kinds: sub.kinds ?? [...EVENT_KINDS],
    mode: sub.mode ?? 'immediate',
    lang: sub.lang ?? 'da',
  });
}

export function caseEvent(n: number, extra: Partial<NotificationEventInput> = {}): NotificationEventInput {
  return {
    id: `SAG-2026-${String(n).padStart(4, '0')}:decision:${n}`,
    org: 'midt',
    kind: 'decision',
    caseId: `SAG-2026-${String(n).padStart(4, '0')}`,
    caseTitle: `Sag nummer ${n}`,
    clusters: ['horsens'],
    occurredAt: new Date(T0).toISOString(),
    decidedBy: 'Sundhedsstyregruppen',
    ...extra,
  };
}

/**
 * Virtual time: sleepers wait for the virtual clock; once `tasks` sleepers wait (every task of
 * the code under test is asleep, e.g. the dispatcher's loop and its one lane) and nothing moved
 * for a moment, the clock jumps to the earliest wake-up. Backoffs of minutes take no real time,
 * and the times the code observes are exact however slow the machine is.
 */
export class VirtualClock extends ManualClock {
  // Real time, only to tell that the code under test has gone quiet.
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | null = null;
  constructor(
    start = T0,
    private readonly tasks = 2,
    private readonly quietMs = 3,
  ) {
    super(start);
  }
  override now(): Date {
    this.lastActivity = Date.now();
    return super.now();
  }
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.lastActivity = Date.now();
    const slept = super.sleep(ms, signal);
    this.drive();
    return slept;
  }
  private drive(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const next = this.nextWakeAt();
      if (next === null) {
        clearInterval(this.timer!);
        this.timer = null;
        return;
      }
      if (this.sleeping < this.tasks || Date.now() - this.lastActivity < this.quietMs) return;
      this.lastActivity = Date.now();
      this.set(Math.max(epochMs(this), next));
    }, 2);
  }
}

export interface SentRecord {
  conversationId: string;
  message: CardMessage;
  at: number;
}

/**
 * Records every send; answers with the scripted outcomes in order, then 'sent'. Checks
 * one-in-flight per conversation.
 */
export class ScriptedSender implements NotificationSender {
  readonly attempts: SentRecord[] = [];
  readonly delivered: SentRecord[] = [];
  readonly script: SendOutcome[] = [];
  inFlight = new Map<string, number>();
  maxInFlightPerConversation = 0;
  constructor(
    private readonly clock: Clock,
    private readonly delayMs = 0,
  ) {}
  async send(target: { conversationId: string }, message: CardMessage): Promise<SendOutcome> {
    const n = (this.inFlight.get(target.conversationId) ?? 0) + 1;
    this.inFlight.set(target.conversationId, n);
    this.maxInFlightPerConversation = Math.max(this.maxInFlightPerConversation, n);
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      const rec = { conversationId: target.conversationId, message, at: epochMs(this.clock) };
      this.attempts.push(rec);
      const outcome = this.script.shift() ?? { kind: 'sent', activityId: `a${this.attempts.length}` };
      if (outcome.kind === 'sent') this.delivered.push(rec);
      return outcome;
    } finally {
      this.inFlight.set(target.conversationId, (this.inFlight.get(target.conversationId) ?? 1) - 1);
    }
  }
}

export const refOf = (m: CardMessage): string => (m.data as { ref: string }).ref;

/**
 * Call inside a describe: returns `track`, which registers something started by a test so that it
 * is stopped after that test whether the test passed or failed (a dispatcher left running would
 * keep mocha alive). Stopping twice is harmless.
 */
export function stopsAfterEach(): <T extends { stop(): Promise<void> }>(started: T) => T {
  const running: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((r) => r.stop()));
  });
  return (started) => {
    running.push(started);
    return started;
  };
}

export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
