// Twelve simultaneous votes on twelve rounds whose cards have personal copies, on PostgreSQL with
// its pool of ten connections. Each vote starts a card update of its round. Those updates used to
// hold a pooled connection in a transaction (an advisory lock) while their queries needed another:
// ten of them took the whole pool and waited for ever, and every later turn hung behind them.
// Now the updates finish, the pool is free afterwards, and /healthz-style pings answer.
import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import { pingStore } from '../../src/store/open';
import { execute } from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { createTestDatabase, type TestDatabase } from '../store/helpers/databases';
import { PEOPLE, composeForTest, newClock, seedPeople, seedPoolCase, type ApprovalsComposition } from './helpers/world';

const ROUNDS = 12;

/** Resolves with `true` when `p` settles within `ms`, else `false` (the test fails, it does not hang). */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    p.then(done, done);
  });
}

describe('approvals on PostgreSQL: concurrent card updates never exhaust the connection pool', function () {
  this.timeout(90_000);
  let db: TestDatabase;
  let harness: BotHarness;
  let approvals: ApprovalsComposition;

  before(async () => {
    db = await createTestDatabase('postgres');
    approvals = composeForTest(db.store, newClock());
    harness = await startBotHarness({
      assistant: recordingAssistant(() => answeredSample()),
      handlers: approvals.handlers,
    });
    await seedPeople(db.store, harness.standin.url);
  });
  after(async () => {
    // Bounded, so that a regression fails this test instead of hanging the run.
    await within(approvals.service.idle(), 5_000);
    await within(harness.close(), 5_000);
    await within(db.drop(), 10_000);
  });

  it('answers twelve simultaneous votes, updates every card, and the database answers afterwards', async () => {
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const c = await seedPoolCase(db.store, 10_000, `Samtidige stemmer ${i}`);
      rounds.push(
        (await approvals.service.openIfDue(c, { aadObjectId: PEOPLE.sara.aadObjectId, name: PEOPLE.sara.name }))!,
      );
    }
    await approvals.service.idle();
    const voting = Promise.all(
      rounds.map((a) =>
        harness.post(
          execute({
            serviceUrl: harness.standin.url,
            user: PEOPLE.anne,
            verb: 'approval.approve',
            data: { approvalId: a.id, caseId: a.caseId, stepId: a.stepId, version: a.version },
          }),
        ),
      ),
    );
    assert.ok(await within(voting, 20_000), 'every vote was answered');
    assert.deepEqual(
      (await voting).map((r) => r.status),
      rounds.map(() => 200),
    );
    assert.ok(
      await within(approvals.service.idle(), 15_000),
      'the card updates finished (they hung with the pool exhausted)',
    );
    const behind = await sql<{
      n: number;
    }>`select count(*)::int as n from approval_copies c join approvals a on a.id = c.approval_id
      where c.rendered_version < a.version`.execute(db.store.db);
    assert.equal(behind.rows[0]!.n, 0, 'every copy shows the vote');
    assert.deepEqual(await pingStore(db.store, 2_000), { ok: true });
  });
});
