import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryPolicy,
} from '../../src/notifications/retry';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
const mid = () => 0.5;

describe('notifications/retry', () => {
  it('retries 429, 412, 502, 503, 504 and network errors with growing delays', () => {
    for (const status of [412, 429, 502, 503, 504]) {
      const d = decideRetry({ kind: 'http_error', status }, 1, policy, mid);
      assert.equal(d.kind, 'retry', String(status));
    }
    assert.equal(decideRetry({ kind: 'network_error', message: 'ECONNRESET' }, 1, policy, mid).kind, 'retry');
    const delays = [1, 2, 3, 4].map((a) => backoffDelay(a, policy, mid));
    assert.deepEqual(delays, [75, 150, 300, 600]);
    assert.equal(backoffDelay(20, policy, mid), 750, 'capped at maxDelayMs');
  });

  it('keeps jittered delays between half and the whole step (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const step = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
        const d = backoffDelay(attempt, DEFAULT_RETRY_POLICY, () => r);
        assert.ok(d >= Math.floor(step / 2) && d <= Math.ceil(step), `${attempt}: ${d} vs ${step}`);
      }),
    );
  });

  it('honours Retry-After instead of the backoff when the server gives one', () => {
    const d = decideRetry({ kind: 'http_error', status: 429, retryAfterMs: 3000 }, 1, policy, () => 0);
    assert.deepEqual(d, { kind: 'retry', delayMs: 3000, reason: 'HTTP 429' });
    const j = decideRetry({ kind: 'http_error', status: 429, retryAfterMs: 3000 }, 1, policy, () => 0.99);
    assert.ok(j.kind === 'retry' && j.delayMs >= 3000 && j.delayMs <= 3250);
  });

  it('parks after the last attempt, and at once for errors that repeating cannot fix', () => {
    const last = decideRetry({ kind: 'http_error', status: 502 }, 5, policy, mid);
    assert.equal(last.kind, 'park');
    assert.match(last.kind === 'park' ? last.reason : '', /gave up after 5 attempts/);
    for (const status of [400, 401, 413, 500])
      assert.equal(decideRetry({ kind: 'http_error', status }, 1, policy, mid).kind, 'park');
  });

  it('deactivates on 403 and 404 (bot removed, channel gone)', () => {
    assert.equal(decideRetry({ kind: 'http_error', status: 403 }, 1, policy, mid).kind, 'deactivate');
    assert.equal(decideRetry({ kind: 'http_error', status: 404 }, 3, policy, mid).kind, 'deactivate');
    assert.equal(decideRetry({ kind: 'sent' }, 1, policy, mid).kind, 'done');
  });

  it('parses Retry-After as seconds or as an HTTP date, and ignores junk', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('999999999', now), 24 * 3_600_000, 'bounded to a day');
  });
});
