// A decision by the co-chairs' votes is announced like any other decision: the move goes through
// the one case door, whose hook writes the decision notification for the subscribed cluster
// channels in the same transaction. (Before the door, the approval store wrote `cases` and
// `case_events` itself, past the hook, and no notification was raised.)
import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import { KyselySubscriptions } from '../../src/store/subscriptions';
import { execute } from '../fixtures/activities';
import { describeEachStore } from '../store/helpers/databases';
import { PEOPLE, approvalsSuite, newClock, seedPeople, seedPoolCase } from './helpers/world';

const CLUSTER_CHANNEL = '19:klynge-horsens@thread.tacv2';

describeEachStore('a decision by vote raises the decision notification', (get) => {
  const clock = newClock();
  const world = approvalsSuite(() => get().store, clock);

  it('writes the case move and a decision event for the subscribed cluster channel together', async () => {
    const { approvals, harness } = world;
    const store = get().store;
    await seedPeople(store, harness.standin.url);
    await new KyselySubscriptions(store.db, () => clock.now().getTime()).subscribe({
      conversationId: CLUSTER_CHANNEL,
      org: 'midt',
      clusterId: 'horsens',
      kinds: ['decision'],
      mode: 'immediate',
      lang: 'da',
    });
    const c = await seedPoolCase(store);
    const round = (await approvals.service.openIfDue(c, {
      aadObjectId: PEOPLE.sara.aadObjectId,
      name: PEOPLE.sara.name,
    }))!;
    const data = { approvalId: round.id, caseId: round.caseId, stepId: round.stepId, version: round.version };
    for (const who of [PEOPLE.anne, PEOPLE.bo]) {
      const res = await harness.post(
        execute({ serviceUrl: harness.standin.url, user: who, verb: 'approval.approve', data }),
      );
      assert.equal(res.status, 200);
    }
    const moved = await approvals.core.repos.cases.get(c.id);
    assert.equal(moved?.stepId, 'booked', 'the votes decided the case');
    const events = await sql<{ kind: string; payload: { outcome: { da: string } } }>`
      select kind, payload from notification_events where case_id = ${c.id}`.execute(store.db);
    const decisions = events.rows.filter((e) => e.kind === 'decision');
    assert.equal(decisions.length, 1, `one decision event, got ${JSON.stringify(events.rows.map((e) => e.kind))}`);
    assert.equal(decisions[0]!.payload.outcome.da, 'godkendt');
    const outbox = await sql<{ conversation_id: string }>`
      select conversation_id from notification_outbox where event_id like ${`${c.id}:decision:%`}`.execute(store.db);
    assert.deepEqual(
      outbox.rows.map((r) => r.conversation_id),
      [CLUSTER_CHANNEL],
    );
  });
});
