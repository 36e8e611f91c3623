// The approvals sweep is the only place that opens rounds on its own, so it must see every case
// waiting at an approval step (it saw only the first 200), and a round must never open for a
// step the case has just left (a phantom round, seen once under 50 concurrent votes).
import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import type { CaseRecord } from '../../src/cases/ports';
import { describeEachStore } from '../store/helpers/databases';
import { PEOPLE, approvalsSuite, newClock, seedPeople, seedPoolCase } from './helpers/world';

/** `n` contingency-pool expenses standing at the formandskab's approval step, imported in one go. */
function waitingCases(n: number): CaseRecord[] {
  const at = '2026-11-20T09:00:00.000Z';
  return Array.from({ length: n }, (_, i) => {
    const id = `SAG-2026-${String(i + 1).padStart(4, '0')}`;
    return {
      case: {
        id,
        title: `Udgift ${i + 1} fra beredskabspuljen`,
        titleEn: null,
        org: 'midt' as const,
        processId: 'contingency-pool',
        clusters: [],
        stepId: 'chair-approval',
        holder: 'formandskab',
        state: 'open' as const,
        deadlines: [],
        documents: [],
        amountDkk: 1_000,
        poolYear: 2026,
        poolApprovedAt: null,
        positions: [],
        positionsProcess: null,
        createdBy: PEOPLE.sara.aadObjectId,
        createdAt: at,
        updatedAt: at,
        version: 2,
      },
      history: [
        {
          id: 1,
          caseId: id,
          at,
          actorId: PEOPLE.sara.aadObjectId,
          actorName: PEOPLE.sara.name,
          kind: 'imported',
          fromStep: null,
          toStep: 'chair-approval',
          comment: null,
        },
      ],
    };
  });
}

describeEachStore('the approvals sweep', (get) => {
  const clock = newClock();
  // No copies to post: this is about which rounds open, not about cards.
  const world = approvalsSuite(() => get().store, clock, { bodyConversations: {}, personalCopies: false });

  it('opens a round for every waiting case, also beyond the first 200', async function () {
    this.timeout(120_000);
    const { approvals } = world;
    await seedPeople(get().store, world.harness.standin.url);
    const imported = await approvals.core.repos.cases.importAll(waitingCases(205));
    assert.deepEqual(imported, { kind: 'imported', count: 205 });
    await approvals.service.sweep(['midt']);
    const open = await sql<{
      n: number;
    }>`select count(distinct case_id)::int as n from approvals where status = 'open'`.execute(get().store.db);
    assert.equal(open.rows[0]!.n, 205);
    const newest = await sql<{
      n: number;
    }>`select count(*)::int as n from approvals where case_id = 'SAG-2026-0205'`.execute(get().store.db);
    assert.equal(newest.rows[0]!.n, 1, 'the newest case got its round');
  });

  it('does not open a round for a step the case left after the sweep read it', async () => {
    const { approvals, harness } = world;
    await seedPeople(get().store, harness.standin.url);
    const seenBySweep = await seedPoolCase(get().store);
    const round = (await approvals.service.openIfDue(seenBySweep, {
      aadObjectId: PEOPLE.sara.aadObjectId,
      name: PEOPLE.sara.name,
    }))!;
    for (const who of [PEOPLE.anne, PEOPLE.bo]) {
      const r = await approvals.service.vote(
        {
          approvalId: round.id,
          caseId: round.caseId,
          stepId: round.stepId,
          version: round.version,
          choice: 'approve',
          comment: null,
          voterAadId: who.aadObjectId,
        },
        'da',
      );
      assert.equal(r.result.kind, 'accepted');
    }
    assert.equal((await approvals.core.repos.cases.get(seenBySweep.id))?.stepId, 'booked');
    // The sweep's copy of the case still says "chair-approval": opening from it must not succeed.
    const phantom = await approvals.service.openIfDue(seenBySweep, {
      aadObjectId: 'system',
      name: 'Sundhedsaftale-bot',
    });
    assert.equal(phantom, null);
    const rounds = await sql<{
      status: string;
    }>`select status from approvals where case_id = ${seenBySweep.id} order by opened_at`.execute(get().store.db);
    assert.deepEqual(
      rounds.rows.map((r) => r.status),
      ['approved'],
    );
  });
});
