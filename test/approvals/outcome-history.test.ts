import { strict as assert } from 'node:assert';
import { castVote } from '../../src/approvals/cast-vote';
import { historyLines } from '../../src/cases/history';
import { outcomeEffect } from '../../src/approvals/outcome';
import type { Approval, VoteChoice } from '../../src/approvals/types';
import type { CaseEvent } from '../../src/cases/model';
import { governance } from './helpers/world';
import { approval, chairMunicipal, chairRegion, command, poolCase } from './builders';

const now = new Date('2026-11-26T10:00:00Z');
const process = governance().periodAt('midt', '2026-11-26')!.processes.get('contingency-pool')!;

function decide(...votes: Array<[typeof chairRegion, VoteChoice, string?]>): Approval {
  let a = { ...approval({ amountDkk: 150_000 }), stepId: 'chair-approval' };
  for (const [who, choice, comment] of votes)
    a = castVote(a, command(a, who, choice, comment ?? null), {
      now,
      substitutes: [],
      poolRemainingDkk: 500_000,
    }).approval;
  return a;
}

describe('approvals/outcome and history', () => {
  it('approved: the case moves to the next step and the expense is charged to the pool', () => {
    const e = outcomeEffect(decide([chairRegion, 'approve'], [chairMunicipal, 'approve']), poolCase(), process)!;
    assert.deepEqual(e.patch, { stepId: 'booked', holder: 'sekretariat' });
    assert.equal(e.event.kind, 'moved');
    assert.equal(e.chargePool, true);
  });

  it('changes: back one step with the comment; rejected: closed with the comment; no pool charge', () => {
    const back = outcomeEffect(decide([chairRegion, 'changes', 'Tilføj budget']), poolCase(), process)!;
    assert.deepEqual(back.patch, { stepId: 'recommendation', holder: 'sekretariat' });
    assert.deepEqual([back.event.kind, back.event.comment, back.chargePool], ['sent_back', 'Tilføj budget', false]);
    const closed = outcomeEffect(decide([chairMunicipal, 'reject', 'Uden for formålet']), poolCase(), process)!;
    assert.deepEqual(closed.patch, { state: 'closed' });
    assert.deepEqual(
      [closed.event.kind, closed.event.comment, closed.chargePool],
      ['closed', 'Uden for formålet', false],
    );
  });

  it('does nothing while open, or when the case has already left the step', () => {
    assert.equal(outcomeEffect(decide([chairRegion, 'approve']), poolCase(), process), null);
    assert.equal(
      outcomeEffect(
        decide([chairRegion, 'approve'], [chairMunicipal, 'approve']),
        poolCase({ stepId: 'booked' }),
        process,
      ),
      null,
    );
    assert.equal(
      outcomeEffect(
        decide([chairRegion, 'approve'], [chairMunicipal, 'approve']),
        poolCase({ poolApprovedAt: '2026-11-21T00:00:00Z' }),
        process,
      )!.chargePool,
      false,
    );
  });

  it("writes history lines in the reader's language with step names", () => {
    const ev = (
      kind: string,
      comment: string | null,
      fromStep: string | null = 'chair-approval',
      toStep: string | null = null,
    ): CaseEvent => ({
      id: 1,
      caseId: 'SAG-2026-0007',
      at: '2026-11-26T09:15:00Z',
      actorId: 'a',
      actorName: 'Anne Regionsen',
      kind: kind as CaseEvent['kind'],
      fromStep,
      toStep,
      comment,
    });
    const names = {
      step: (id: string) => ({ 'chair-approval': 'Formandskabet godkender', booked: 'Bogført' })[id] ?? id,
      body: (id: string) => id,
    };
    const events = [
      ev('vote', 'reject: For dyrt', null),
      ev('approval_decided', 'rejected', null),
      ev('moved', null, 'chair-approval', 'booked'),
      ev('reminder', 'Bo #1'),
    ];
    assert.deepEqual(historyLines(events, 'da', names), [
      '26.11.2026, 10.15 · Anne Regionsen · Stemme: Afvist: For dyrt',
      '26.11.2026, 10.15 · Anne Regionsen · Afgjort: Afvist',
      '26.11.2026, 10.15 · Anne Regionsen · Flyttet: Formandskabet godkender → Bogført',
      '26.11.2026, 10.15 · Anne Regionsen · Påmindelse: Formandskabet godkender: Bo #1',
    ]);
    assert.match(
      historyLines(events, 'en', names)[0]!,
      /26 Nov 2026, 10:15 · Anne Regionsen · Vote: Rejected: For dyrt/,
    );
  });
});
