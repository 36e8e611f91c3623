// A second bot process for the two-process race test and benchmark: the real bot (HTTP endpoint,
// CloudAdapter, TeamsBot with the approvals handler) over the PostgreSQL database in DATABASE_URL.
// Prints its endpoint as one JSON line, then serves until stdin closes.
import { ManualClock } from '../../../src/common/clock';
import { openStore } from '../../../src/store/open';
import { answeredSample, recordingAssistant } from '../../fixtures/answers';
import { startBotHarness } from '../../fixtures/bot-harness';
import { composeForTest, NOW } from './world';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const store = await openStore({ databaseUrl: url, migrate: false });
  const approvals = composeForTest(store, new ManualClock(process.env.APPROVAL_TEST_NOW ?? NOW));
  const harness = await startBotHarness({
    assistant: recordingAssistant(() => answeredSample()),
    handlers: approvals.handlers,
  });
  process.stdout.write(`${JSON.stringify({ url: harness.server.url, pid: process.pid })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void (async () => {
      await approvals.service.idle();
      await harness.close();
      await store.close();
      process.exit(0);
    })();
  });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
