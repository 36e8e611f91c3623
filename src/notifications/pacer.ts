// Teams throttles each bot per conversation (7 msgs/1 s, 8/2 s, 60/30 s, 1,800/hour) and answers
// 429 beyond that. The pacer keeps the dispatcher under those limits with sliding windows so it
// rarely meets a 429 at all. Pure and clock-injected: the caller passes `now` in milliseconds.
//
// Record the time the connector ANSWERED, not the time the request left: the server counts a
// message when it arrives, which is somewhere between the two, so the answer time is the safe
// upper bound and the next send can never land inside a window the server still counts.

export interface RateLimit {
  count: number;
  windowMs: number;
}

export const TEAMS_CONVERSATION_LIMITS: readonly RateLimit[] = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1_800, windowMs: 3_600_000 },
];

/**
 * Earliest time at or after `now` when one more message fits under every limit, given the
 * ascending times of earlier accepted messages.
 */
export function nextSlot(
  sentAt: readonly number[],
  now: number,
  limits: readonly RateLimit[] = TEAMS_CONVERSATION_LIMITS,
): number {
  let at = now;
  for (const { count, windowMs } of limits) {
    if (sentAt.length < count) continue;
    // The message `count` places back must have left the window (window is half-open: (t-w, t]).
    const blocking = sentAt[sentAt.length - count]!;
    at = Math.max(at, blocking + windowMs);
  }
  return at;
}

/** Per-conversation send history with sliding windows; one instance per dispatcher process. */
export class ConversationPacer {
  private readonly history = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly longest: number;

  constructor(private readonly limits: readonly RateLimit[] = TEAMS_CONVERSATION_LIMITS) {
    this.longest = Math.max(...limits.map((l) => l.windowMs));
  }

  /** Milliseconds to wait before the next message to this conversation may be sent. */
  delayFor(conversationId: string, now: number): number {
    const sent = this.history.get(conversationId) ?? [];
    const slot = Math.max(nextSlot(sent, now, this.limits), this.blockedUntil.get(conversationId) ?? 0);
    return Math.max(0, slot - now);
  }

  /** Records a message the connector accepted, at the time it answered. */
  record(conversationId: string, answeredAt: number): void {
    const sent = this.history.get(conversationId) ?? [];
    sent.push(answeredAt);
    if (sent.length > 1 && sent[sent.length - 2]! > answeredAt) sent.sort((a, b) => a - b);
    this.prune(sent, answeredAt);
    this.history.set(conversationId, sent);
  }

  /** Seeds history from storage when this process takes over a conversation another one served. */
  seed(conversationId: string, acceptedAt: readonly number[], now: number): void {
    const sent = [...(this.history.get(conversationId) ?? []), ...acceptedAt].sort((a, b) => a - b);
    this.prune(sent, now);
    this.history.set(conversationId, sent);
  }

  /** The connector said "not before" (Retry-After on a 429): nothing goes out to it until then. */
  block(conversationId: string, until: number): void {
    this.blockedUntil.set(conversationId, Math.max(until, this.blockedUntil.get(conversationId) ?? 0));
  }

  forget(conversationId: string): void {
    this.history.delete(conversationId);
    this.blockedUntil.delete(conversationId);
  }

  private prune(sent: number[], now: number): void {
    let drop = 0;
    while (drop < sent.length && sent[drop]! <= now - this.longest) drop++;
    if (drop > 0) sent.splice(0, drop);
  }
}

/**
 * The earliest time a perfect sender could have had its n-th message accepted, starting with an
 * empty history at 0 and with zero latency: the yardstick for "throughput the limits allow".
 */
export function idealMakespan(n: number, limits: readonly RateLimit[] = TEAMS_CONVERSATION_LIMITS): number {
  const sent: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t = nextSlot(sent, t, limits);
    sent.push(t);
  }
  return n === 0 ? 0 : sent[sent.length - 1]!;
}
