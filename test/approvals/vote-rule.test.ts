import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { evaluateRule } from '../../src/approvals/vote-rule';
import type { VoteChoice, VoteRule } from '../../src/approvals/types';

const pair = ['a', 'b'];
const votes = (entries: Array<[string, VoteChoice]>) => new Map(entries);

describe('approvals/vote-rule', () => {
  it('all-members: both of the pair must approve; one rejection ends it', () => {
    assert.equal(evaluateRule('all-members', pair, votes([])), 'open');
    assert.equal(evaluateRule('all-members', pair, votes([['a', 'approve']])), 'open');
    assert.equal(
      evaluateRule(
        'all-members',
        pair,
        votes([
          ['a', 'approve'],
          ['b', 'approve'],
        ]),
      ),
      'approved',
    );
    assert.equal(evaluateRule('all-members', pair, votes([['b', 'reject']])), 'rejected');
    assert.equal(
      evaluateRule(
        'all-members',
        pair,
        votes([
          ['a', 'approve'],
          ['b', 'reject'],
        ]),
      ),
      'rejected',
    );
  });

  it('any rule: one request for changes sends the case back', () => {
    for (const rule of ['all-members', 'any-member', 'majority'] as VoteRule[]) {
      assert.equal(evaluateRule(rule, pair, votes([['a', 'changes']])), 'changes_requested', rule);
    }
  });

  it('any-member: the first approval or rejection decides', () => {
    assert.equal(evaluateRule('any-member', pair, votes([['b', 'approve']])), 'approved');
    assert.equal(evaluateRule('any-member', pair, votes([['a', 'reject']])), 'rejected');
  });

  it('majority: more than half approve; rejected once a majority is out of reach', () => {
    const three = ['a', 'b', 'c'];
    assert.equal(evaluateRule('majority', three, votes([['a', 'approve']])), 'open');
    assert.equal(
      evaluateRule(
        'majority',
        three,
        votes([
          ['a', 'approve'],
          ['c', 'approve'],
        ]),
      ),
      'approved',
    );
    assert.equal(evaluateRule('majority', three, votes([['a', 'reject']])), 'open');
    assert.equal(
      evaluateRule(
        'majority',
        three,
        votes([
          ['a', 'reject'],
          ['b', 'reject'],
        ]),
      ),
      'rejected',
    );
    assert.equal(evaluateRule('majority', pair, votes([['a', 'reject']])), 'rejected');
  });

  it('ignores votes from people without a seat', () => {
    assert.equal(
      evaluateRule(
        'all-members',
        pair,
        votes([
          ['a', 'approve'],
          ['x', 'approve'],
        ]),
      ),
      'open',
    );
    assert.equal(evaluateRule('all-members', pair, votes([['x', 'reject']])), 'open');
  });

  it('never approves a round with a rejection or an open seat under all-members (property)', () => {
    const choice = fc.option(fc.constantFrom<VoteChoice>('approve', 'reject', 'changes'), { nil: undefined });
    fc.assert(
      fc.property(fc.array(choice, { minLength: 1, maxLength: 6 }), (cs) => {
        const seats = cs.map((_, i) => `s${i}`);
        const m = new Map<string, VoteChoice>();
        cs.forEach((c, i) => c && m.set(`s${i}`, c));
        const status = evaluateRule('all-members', seats, m);
        assert.equal(
          status === 'approved',
          cs.every((c) => c === 'approve'),
        );
      }),
    );
  });
});
