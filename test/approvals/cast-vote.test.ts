import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { castVote, openApproval, type VoteContext, type VoteResult } from '../../src/approvals/cast-vote';
import type { Approval, VoteChoice } from '../../src/approvals/types';
import { approval, chairMunicipal, chairRegion, command, deputy, outsider, substitution } from './builders';

const now = new Date('2026-11-26T10:00:00Z');
const ctx = (over: Partial<VoteContext> = {}): VoteContext => ({
  now,
  substitutes: [],
  poolRemainingDkk: null,
  ...over,
});

function accepted(r: VoteResult): Approval {
  assert.equal(r.kind, 'accepted', `expected accepted, got ${r.kind}`);
  return r.approval;
}

describe('approvals/cast-vote', () => {
  it('refuses to open a round without approvers and drops duplicate seats', () => {
    const base = {
      id: 'x',
      caseId: 'SAG-2026-0001',
      stepId: 's',
      bodyId: 'formandskab',
      org: 'midt',
      rule: 'all-members' as const,
      now,
      deadline: null,
      amountDkk: null,
      poolId: null,
    };
    assert.deepEqual(openApproval({ ...base, approvers: [] }), { kind: 'no_approvers', bodyId: 'formandskab' });
    const r = openApproval({ ...base, approvers: [chairRegion, chairRegion, chairMunicipal] });
    assert.equal(r.kind === 'opened' && r.approval.approvers.length, 2);
  });

  it('approves when both co-chairs approve, with the decision time, and bumps the version on each vote', () => {
    let a = approval();
    a = accepted(castVote(a, command(a, chairRegion, 'approve'), ctx()));
    assert.equal(a.status, 'open');
    assert.equal(a.version, 2);
    const r = castVote(a, command(a, chairMunicipal, 'approve', '  fint  '), ctx());
    assert.equal(r.kind === 'accepted' && r.decided, true);
    a = accepted(r);
    assert.equal(a.status, 'approved');
    assert.equal(a.decidedAt, now.toISOString());
    assert.equal(a.votes[1]!.comment, 'fint');
    assert.equal(a.version, 3);
  });

  it('one rejection ends the round', () => {
    const a = approval();
    const done = accepted(castVote(a, command(a, chairMunicipal, 'reject', 'Ikke inden for rammen'), ctx()));
    assert.equal(done.status, 'rejected');
  });

  it('asking for changes ends the round with the comment', () => {
    const a = approval();
    const done = accepted(castVote(a, command(a, chairRegion, 'changes', 'Tilføj økonomien'), ctx()));
    assert.equal(done.status, 'changes_requested');
    assert.equal(done.votes[0]!.comment, 'Tilføj økonomien');
  });

  it('requires a comment to reject or ask for changes, and changes nothing without one', () => {
    const a = approval();
    for (const choice of ['reject', 'changes'] as VoteChoice[]) {
      for (const comment of [null, '', '   ']) {
        const r = castVote(a, command(a, chairRegion, choice, comment), ctx());
        assert.equal(r.kind, 'comment_required');
        assert.equal(r.approval, a);
      }
    }
  });

  it('refuses people without a seat, whatever the card says', () => {
    const a = approval();
    const r = castVote(a, command(a, outsider, 'approve', null), ctx());
    assert.equal(r.kind, 'not_allowed');
    assert.equal(castVote(a, command(a, { aadObjectId: '', name: 'x' }, 'approve'), ctx()).kind, 'not_allowed');
  });

  it('counts the same vote by the same person once (double click, re-sent invoke)', () => {
    const a0 = approval();
    const cmd = command(a0, chairRegion, 'approve');
    const a1 = accepted(castVote(a0, cmd, ctx()));
    const again = castVote(a1, cmd, ctx());
    assert.equal(again.kind, 'duplicate');
    assert.equal(again.approval.votes.length, 1);
    // ...also once the round is decided by the other vote.
    const a2 = accepted(castVote(a1, command(a1, chairMunicipal, 'approve'), ctx()));
    assert.equal(castVote(a2, cmd, ctx()).kind, 'duplicate');
  });

  it("allows changing one's vote before the outcome and refuses it after", () => {
    let a = approval({ rule: 'majority', approvers: [chairRegion, chairMunicipal, deputy] });
    a = accepted(castVote(a, command(a, chairRegion, 'approve'), ctx()));
    a = accepted(castVote(a, command(a, chairRegion, 'reject', 'Jeg har set budgettet igen'), ctx()));
    assert.equal(a.votes.length, 2, 'both votes stay in the record');
    assert.equal(a.status, 'open');
    a = accepted(castVote(a, command(a, chairMunicipal, 'reject', 'Enig'), ctx()));
    assert.equal(a.status, 'rejected');
    assert.equal(castVote(a, command(a, deputy, 'approve'), ctx()).kind, 'already_decided');
    assert.equal(castVote(a, command(a, chairMunicipal, 'approve'), ctx()).kind, 'already_decided');
  });

  it('refuses a stale or forged card: other case, other step, a version the round never had', () => {
    const a0 = approval();
    const a1 = accepted(castVote(a0, command(a0, chairRegion, 'approve'), ctx()));
    const future = castVote(a1, command(a1, chairMunicipal, 'approve', null, { version: 7 }), ctx());
    assert.equal(future.kind === 'stale' && future.reason, 'version');
    const forgedCase = castVote(a1, command(a1, chairMunicipal, 'approve', null, { caseId: 'SAG-2026-0001' }), ctx());
    assert.equal(forgedCase.kind === 'stale' && forgedCase.reason, 'case');
    const forgedStep = castVote(a1, command(a1, chairMunicipal, 'approve', null, { stepId: 'drafting' }), ctx());
    assert.equal(forgedStep.kind === 'stale' && forgedStep.reason, 'step');
  });

  it(
    "treats a card older than the voter's own last vote as out of date, but not one older than the " + "co-approver's",
    () => {
      const a0 = approval({ rule: 'majority', approvers: [chairRegion, chairMunicipal, deputy] });
      const a1 = accepted(castVote(a0, command(a0, chairRegion, 'approve'), ctx()));
      // Anne's other copy still shows version 1: changing her vote from it is refused.
      const stale = castVote(a1, command(a0, chairRegion, 'reject', 'nej'), ctx());
      assert.equal(stale.kind === 'stale' && stale.reason, 'version');
      // From the refreshed card she can change it.
      const a2 = accepted(castVote(a1, command(a1, chairRegion, 'reject', 'nej'), ctx()));
      // Bo's card from before Anne's votes is still good for his own first vote.
      const a3 = accepted(castVote(a2, command(a0, chairMunicipal, 'approve'), ctx()));
      assert.equal(a3.votes.length, 3);
    },
  );

  it("lets an active substitute vote in the seat holder's place, and records on whose behalf", () => {
    const a = approval();
    const subs = [substitution(chairMunicipal, deputy, '2026-11-20', '2026-12-05')];
    const r = castVote(a, command(a, deputy, 'approve'), ctx({ substitutes: subs }));
    const done = accepted(r);
    assert.equal(done.votes[0]!.seat, chairMunicipal.aadObjectId);
    assert.equal(done.votes[0]!.onBehalfOfName, chairMunicipal.name);
    // The seat holder's own identical vote now counts once.
    assert.equal(
      castVote(done, command(done, chairMunicipal, 'approve'), ctx({ substitutes: subs })).kind,
      'duplicate',
    );
  });

  it('refuses a substitute outside the period or after revocation', () => {
    const a = approval();
    const cases = [
      substitution(chairMunicipal, deputy, '2026-11-27', '2026-12-05'),
      substitution(chairMunicipal, deputy, '2026-11-01', '2026-11-25'),
      substitution(chairMunicipal, deputy, '2026-11-20', '2026-12-05', { revokedAt: '2026-11-25T12:00:00Z' }),
    ];
    for (const s of cases)
      assert.equal(
        castVote(a, command(a, deputy, 'approve'), ctx({ substitutes: [s] })).kind,
        'not_allowed',
        JSON.stringify(s),
      );
  });

  it('uses the Copenhagen date for the substitution period', () => {
    const a = approval();
    const s = [substitution(chairMunicipal, deputy, '2026-11-27', '2026-12-05')];
    // 23:30 UTC on the 26th is already the 27th in Copenhagen.
    assert.equal(
      castVote(a, command(a, deputy, 'approve'), {
        now: new Date('2026-11-26T23:30:00Z'),
        substitutes: s,
        poolRemainingDkk: null,
      }).kind,
      'accepted',
    );
  });

  it("cannot approve an expense above the pool's remaining balance, but can reject it", () => {
    const a = approval({ amountDkk: 150_000 });
    const r = castVote(a, command(a, chairRegion, 'approve'), ctx({ poolRemainingDkk: 120_000 }));
    assert.deepEqual(r.kind === 'exceeds_pool' && r.remainingDkk, 120_000);
    assert.equal(castVote(a, command(a, chairRegion, 'approve'), ctx({ poolRemainingDkk: 150_000 })).kind, 'accepted');
    assert.equal(
      castVote(a, command(a, chairRegion, 'reject', 'For dyrt'), ctx({ poolRemainingDkk: 120_000 })).kind,
      'accepted',
    );
  });

  it('reaches exactly one outcome and never loses an accepted vote, whatever the order (property)', () => {
    const people = [chairRegion, chairMunicipal, outsider, deputy];
    const click = fc.record({
      who: fc.constantFrom(...people),
      choice: fc.constantFrom<VoteChoice>('approve', 'reject', 'changes'),
      comment: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
      fresh: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(click, { maxLength: 30 }), (clicks) => {
        let a = approval();
        const first = a;
        let acceptedCount = 0;
        let decisions = 0;
        for (const c of clicks) {
          const r = castVote(a, command(c.fresh ? a : first, c.who, c.choice, c.comment), ctx());
          if (r.kind === 'accepted') {
            acceptedCount++;
            if (r.decided) decisions++;
            assert.equal(r.approval.votes.length, a.votes.length + 1);
            a = r.approval;
          } else {
            assert.equal(r.approval, a, 'a refused vote changes nothing');
          }
        }
        assert.equal(a.votes.length, acceptedCount);
        assert.ok(decisions <= 1);
        assert.equal(decisions === 1, a.status !== 'open');
        assert.ok(a.votes.every((v) => v.voterAadId !== outsider.aadObjectId && v.voterAadId !== deputy.aadObjectId));
      }),
      { numRuns: 500 },
    );
  });
});
