// Concurrent votes are race-free: 100 invokes at once at one round, through the real endpoint,
// against PGlite, against PostgreSQL, and with two bot processes sharing one PostgreSQL. Exactly
// one outcome, every accepted vote recorded once, none lost, every copy ends showing the outcome.
import { strict as assert } from 'node:assert';
import type { ApprovalsComposition } from './helpers/world';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { createTestDatabase, describeEachStore, type TestDatabase } from '../store/helpers/databases';
import { lastCardsFrom, runRace } from './helpers/race';
import { spawnSecondBot, type SecondBot } from './helpers/spawn-bot';
import { composeForTest, newClock, seedPeople } from './helpers/world';

const RUNS = 2;

describeEachStore('approvals under concurrent votes', (get) => {
  let harness: BotHarness;
  let approvals: ApprovalsComposition;

  before(async () => {
    approvals = composeForTest(get().store, newClock());
    harness = await startBotHarness({
      assistant: recordingAssistant(() => answeredSample()),
      handlers: approvals.handlers,
    });
  });
  after(async () => {
    await approvals.service.idle();
    await harness.close();
  });

  for (let run = 1; run <= RUNS; run++) {
    it(`100 concurrent invokes from the co-chairs and outsiders: one outcome, every accepted vote once (run
      ${run})`, async () => {
      await seedPeople(get().store, harness.standin.url);
      harness.standin.reset();
      const report = await runRace({
        store: get().store,
        endpoints: [harness.server.url],
        serviceUrl: harness.standin.url,
        services: [approvals.service],
        open: approvals.service,
        seed: run * 7919,
        lastCards: () => lastCardsFrom(harness.standin.calls),
      });
      assert.deepEqual(report.violations, []);
      assert.ok(
        report.accepted >= 2 || report.outcome === 'rejected',
        `accepted ${report.accepted}, outcome ${report.outcome}`,
      );
    });
  }
});

// PGlite is single-process by design (its data-directory lock refuses a second process), so the
// two-process run is PostgreSQL's.
describe('approvals under concurrent votes [two bot processes on one PostgreSQL]', () => {
  let db: TestDatabase;
  let harness: BotHarness;
  let approvals: ApprovalsComposition;
  let second: SecondBot;

  before(async function () {
    this.timeout(90_000);
    db = await createTestDatabase('postgres');
    approvals = composeForTest(db.store, newClock());
    harness = await startBotHarness({
      assistant: recordingAssistant(() => answeredSample()),
      handlers: approvals.handlers,
    });
    await seedPeople(db.store, harness.standin.url);
    second = await spawnSecondBot(db.location);
  });
  after(async () => {
    await second?.stop();
    await approvals?.service.idle();
    await harness?.close();
    await db?.drop();
  });

  for (let run = 1; run <= RUNS; run++) {
    it(
      `100 concurrent invokes split over two processes: one outcome, every accepted vote once (run ` + `${run})`,
      async () => {
        harness.standin.reset();
        const report = await runRace({
          store: db.store,
          endpoints: [harness.server.url, second.url],
          serviceUrl: harness.standin.url,
          services: [approvals.service],
          open: approvals.service,
          seed: run * 104729,
          lastCards: () => lastCardsFrom(harness.standin.calls),
        });
        assert.deepEqual(report.violations, []);
      },
    );
  }
});
