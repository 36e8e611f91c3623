// What to do after one attempt to post a notification. Teams documents 429, 412, 502 and 504 as
// transient (retry with backoff); 503 and network errors are transient too. 403/404 mean the bot
// was removed from the team or the channel is gone: retrying would never end, so the
// subscription is deactivated instead. Anything else (400, 401, 413, 500, ...) will not get
// better by repeating the same request, so the notification is parked for an admin at once.

export type SendOutcome =
  | { kind: 'sent'; activityId?: string }
  | { kind: 'http_error'; status: number; retryAfterMs?: number; message?: string }
  | { kind: 'network_error'; message: string };

export type RetryDecision =
  | { kind: 'done' }
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'park'; reason: string }
  | { kind: 'deactivate'; reason: string };

export interface RetryPolicy {
  /** Attempts in total (the first send included) before a notification is parked as failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 5 * 60_000 };

const RETRYABLE = new Set([412, 429, 502, 503, 504]);
const GONE = new Set([403, 404]);

export function describeOutcome(outcome: SendOutcome): string {
  switch (outcome.kind) {
    case 'sent':
      return 'sent';
    case 'http_error':
      return `HTTP ${outcome.status}${outcome.message ? `: ${outcome.message.slice(0, 200)}` : ''}`;
    case 'network_error':
      return `network: ${outcome.message.slice(0, 200)}`;
  }
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed so a retry never comes back
 * immediately, the other half random so many conversations hit by one outage spread out.
 * `random` is injected (0 <= r < 1) to keep tests deterministic.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** `attempt` is the number of the attempt that just finished (1 for the first send). */
export function decideRetry(
  outcome: SendOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (outcome.kind === 'sent') return { kind: 'done' };
  const reason = describeOutcome(outcome);
  if (outcome.kind === 'http_error' && GONE.has(outcome.status)) return { kind: 'deactivate', reason };
  const transient = outcome.kind === 'network_error' || RETRYABLE.has(outcome.status);
  if (!transient) return { kind: 'park', reason };
  if (attempt >= policy.maxAttempts) return { kind: 'park', reason: `${reason} (gave up after ${attempt} attempts)` };
  let delayMs = backoffDelay(attempt, policy, random);
  // Retry-After is the server's own "not before": honour it, plus a little jitter so every
  // conversation told the same second does not come back in the same millisecond.
  if (outcome.kind === 'http_error' && outcome.retryAfterMs !== undefined) {
    delayMs = Math.max(outcome.retryAfterMs + Math.round(random() * Math.min(250, outcome.retryAfterMs * 0.1 + 20)), 0);
  }
  return { kind: 'retry', delayMs, reason };
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.min(Math.round(Number(v) * 1000), 24 * 3_600_000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.min(at - now, 24 * 3_600_000));
}
