// The composition root builds one clock and hands it to everything that reads the time in the
// background: the notification dispatcher (its poll sleeps and its readiness stamp), the
// approvals job (the time of each run) and /readyz (its "now"). A clock far from the machine's,
// moved by the test, shows each of them reading it rather than the wall clock.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ApprovalService } from '../../src/approvals/service';
import { epochMs, ManualClock } from '../../src/common/clock';
import { startApprovalJobs } from '../../src/compose/approvals';
import { recentRun } from '../../src/compose/readiness';
import { loadConfig } from '../../src/config';
import { compose, type App } from '../../src/main';

/** Years away from any machine's clock, so a wall-clock reading cannot pass for it. */
const START = '2031-03-04T09:00:00Z';
const HOUR = 3_600_000;
const silent = pino({ level: 'silent' });

async function readyz(url: string): Promise<{ status: number; parts: Record<string, string> }> {
  const res = await fetch(`${url}/readyz`);
  const body = (await res.json()) as { parts: Record<string, string> };
  return { status: res.status, parts: body.parts };
}

/** Polls /readyz (real time, bounded) until `ok` holds for it; returns the last answer. */
async function readyzUntil(
  url: string,
  ok: (r: { status: number; parts: Record<string, string> }) => boolean,
): Promise<{ status: number; parts: Record<string, string> }> {
  let r = await readyz(url);
  for (let i = 0; i < 100 && !ok(r); i++) {
    await new Promise((res) => setTimeout(res, 100));
    r = await readyz(url);
  }
  return r;
}

describe('compose: one clock for /readyz, the notification dispatcher and the approvals job', function () {
  this.timeout(60_000);

  it('recentRun measures staleness on the clock it is given', () => {
    const clock = new ManualClock(START);
    let last: number | null = null;
    const check = recentRun('the job', () => last, 60_000, epochMs(clock), clock);
    assert.deepEqual(check(), { ok: true }, 'within the grace period from start-up');
    clock.advanceMs(61_000);
    assert.deepEqual(check(), { ok: false, reason: 'the job has not run since start-up' });
    last = epochMs(clock);
    clock.advanceMs(30_000);
    assert.deepEqual(check(), { ok: true });
    clock.advanceMs(31_000);
    assert.deepEqual(check(), { ok: false, reason: 'the job last ran 61 s ago' });
  });

  it('the approvals job stamps each run with the clock it is given', async () => {
    const clock = new ManualClock(START);
    const runs: number[] = [];
    const service = {
      sweep: async () => undefined,
      runReminders: async () => undefined,
      idle: async () => undefined,
    } as unknown as ApprovalService;
    const stop = startApprovalJobs(service, 3_600_000, silent, clock, (at) => runs.push(at));
    await stop();
    assert.deepEqual(runs, [Date.parse(START)]);
  });

  describe('the composed bot', () => {
    let dataDir: string;
    let app: App | undefined;
    before(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'compose-clock-'));
    });
    after(async () => {
      await app?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('reports readiness on the injected clock: the dispatcher keeps up with it, an idle job goes stale', async () => {
      const clock = new ManualClock(START);
      // An hour between approval runs in real time: the job runs once at start and not again here.
      const config = loadConfig({
        env: { PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir, APPROVAL_JOB_INTERVAL_SECONDS: '3600' },
      });
      app = await compose(config, silent, clock);
      // The job's first run must be over (and stamped) before the clock moves.
      const service = app.core.approvals;
      const reminders = service.runReminders.bind(service);
      let firstRunDone: () => void = () => undefined;
      const firstRun = new Promise<void>((resolve) => (firstRunDone = resolve));
      service.runReminders = async (...args) => {
        const r = await reminders(...args);
        firstRunDone();
        return r;
      };
      const { url } = await app.start();
      await firstRun;
      await new Promise((resolve) => setTimeout(resolve, 50));
      const first = await readyzUntil(url, (r) => r.status === 200);
      assert.equal(first.status, 200, JSON.stringify(first.parts));

      // Four hours later on the bot's clock (none in real time): the dispatcher, asleep on that
      // clock, wakes and claims again, so it stays ready; the approvals job last ran four hours
      // ago by that clock, beyond its 3 x 1 h + 10 s allowance.
      clock.advanceMs(4 * HOUR);
      const later = await readyzUntil(url, (r) => r.parts.notifications === 'ok');
      assert.equal(later.status, 503, JSON.stringify(later.parts));
      assert.equal(later.parts.notifications, 'ok');
      assert.equal(later.parts.approvals, 'the approvals job last ran 14400 s ago');
      assert.equal(later.parts.database, 'ok');
    });
  });
});
