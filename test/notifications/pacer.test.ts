import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ConversationPacer, idealMakespan, nextSlot, TEAMS_CONVERSATION_LIMITS } from '../../src/notifications/pacer';

/** Largest number of times that fall in any window (t-w, t] of the given width. */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('notifications/pacer', () => {
  it('lets 7 through at once, then holds the 8th a second and the 9th until the 2 s window frees', () => {
    const p = new ConversationPacer();
    for (let i = 0; i < 7; i++) {
      assert.equal(p.delayFor('c', 0), 0);
      p.record('c', 0);
    }
    assert.equal(p.delayFor('c', 0), 1000);
    p.record('c', 1000);
    assert.equal(p.delayFor('c', 1000), 1000); // 8 in (0, 2000] would be the 9th in 2 s
    assert.equal(p.delayFor('other', 0), 0, 'conversations are paced independently');
  });

  it('blocks a conversation until a Retry-After time', () => {
    const p = new ConversationPacer();
    p.block('c', 5000);
    assert.equal(p.delayFor('c', 1000), 4000);
    assert.equal(p.delayFor('c', 6000), 0);
  });

  it('never lets any schedule exceed any Teams limit (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        const p = new ConversationPacer();
        let now = 0;
        const sent: number[] = [];
        for (const gap of gaps) {
          now += gap;
          now += p.delayFor('c', now);
          p.record('c', now);
          sent.push(now);
        }
        for (const l of TEAMS_CONVERSATION_LIMITS)
          assert.ok(maxInWindow(sent, l.windowMs) <= l.count, `${l.count}/${l.windowMs}`);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the hour limit: the 1,801st message waits for the first to leave the hour', () => {
    const sent: number[] = [];
    let t = 0;
    for (let i = 0; i < 1800; i++) {
      t = nextSlot(sent, t);
      sent.push(t);
    }
    assert.ok(t < 3_600_000);
    assert.equal(nextSlot(sent, t), 3_600_000);
  });

  it('seeds history taken over from another process', () => {
    const p = new ConversationPacer();
    p.seed('c', [0, 0, 0, 0, 0, 0, 0], 100);
    assert.equal(p.delayFor('c', 100), 900);
  });

  it('computes the ideal makespan the limits allow', () => {
    assert.equal(idealMakespan(1), 0);
    assert.equal(idealMakespan(7), 0);
    assert.equal(idealMakespan(8), 1000);
    const forty = idealMakespan(40);
    // 8 per 2 s dominates a 40-message burst: about 10 s, never less than 9 s.
    assert.ok(forty >= 9000 && forty <= 10000, String(forty));
    assert.equal(idealMakespan(61), 30_000);
  });
});
