// Notification delivery against the Bot Connector stand-in enforcing Teams' per-conversation
// limits (7/1 s, 8/2 s, 60/30 s, 1,800/h) and injecting 429s and 5xx at a set rate.
// 2,000 notifications to 50 channels (40 each), written to the outbox as case changes would, then
// sent by the real dispatcher through botbuilder. Counts come from what the stand-in accepted.
//
// Throughput ratio: for each channel, the ideal time is how long after its first message a
// perfect sender (zero latency, no faults) could have had its last one accepted under the limits,
// from an empty window (idealMakespan in src/notifications/pacer.ts: 40 messages -> 9 s; the
// 8-per-2-s window dominates a 40-message burst, 60/30 s and the hour limit are never reached).
// The actual time is from the stand-in accepting the channel's first message to its last one,
// so retries, backoff, pacing and the bot's own processing all count, process start-up does not.
// throughput_ratio = sum(ideal) / sum(actual) over the channels (1.0 = as fast as allowed).
// Also printed: the same ratio counted from the dispatcher's start (start-up latency included).
//
// Env: BENCH_DB=pglite|postgres (default pglite), BENCH_FAULT_RATE (default 0.05),
// BENCH_CHANNELS (50), BENCH_NOTIFICATIONS (2000), BENCH_SEED (1), BENCH_BUSY (0): that many CPU-bound
// child processes run beside the bot while it sends (a busy machine; `npm run bench:notify -- --busy 2`).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationPacer, idealMakespan } from '../../src/notifications/pacer';
import { decideRetry, DEFAULT_RETRY_POLICY } from '../../src/notifications/retry';
import { enqueueNotificationEvents, KyselyOutbox } from '../../src/store/notification-outbox';
import { openStore, type Store } from '../../src/store/open';
import { ConnectorStandIn } from '../fixtures/connector-standin';
import { copiesByRef, enforceTeamsLimits, seededRandom } from '../fixtures/teams-limits';
import { addChannel, caseEvent } from '../notifications/helpers/outbox-fixtures';
import { spawnDispatcher } from '../notifications/helpers/spawn-dispatcher';
import { createPostgresDatabase } from '../store/helpers/databases';

const DB = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.05);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 50);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 2000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const busyArg = process.argv.indexOf('--busy');
const BUSY = Number(busyArg >= 0 ? process.argv[busyArg + 1] : (process.env.BENCH_BUSY ?? 0));

/** Processes that only burn CPU, so that the bot and the stand-in compete for the cores. */
function startBusyProcesses(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}
const CLUSTERS = ['horsens', 'randers', 'aarhus', 'midt', 'vest'];

/** Where the bench database lives; the bot process opens it by the same location. */
async function benchDatabase(): Promise<{
  location: { dataDir?: string; databaseUrl?: string };
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}> {
  if (DB === 'postgres') {
    const db = await createPostgresDatabase();
    return {
      location: { databaseUrl: db.url },
      open: () => openStore({ databaseUrl: db.url }),
      cleanup: () => db.drop(),
    };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-notify-'));
  const dataDir = path.join(root, 'db');
  return {
    location: { dataDir },
    open: () => openStore({ dataDir }),
    cleanup: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * What the same pacer and retry policy could reach against the same fault rate if sending took
 * no time but 1 ms per request: the ceiling the faults alone leave (a model, not a measurement).
 */
function faultCeiling(perChannel: number): number {
  const random = seededRandom(SEED + 1);
  let ideal = 0;
  let actual = 0;
  for (let c = 0; c < CHANNELS; c++) {
    const pacer = new ConversationPacer();
    let t = 0;
    let first = -1;
    for (let i = 0; i < perChannel; i++) {
      for (let attempt = 1; ; attempt++) {
        t += pacer.delayFor('c', t) + 1;
        if (random() < FAULT_RATE) {
          const fault =
            random() < 0.4
              ? { kind: 'http_error' as const, status: 429, retryAfterMs: 1000 }
              : { kind: 'http_error' as const, status: 502 };
          const d = decideRetry(fault, attempt, DEFAULT_RETRY_POLICY, random);
          if (d.kind !== 'retry') break;
          if (fault.status === 429) pacer.block('c', t + d.delayMs);
          t += d.delayMs;
          continue;
        }
        pacer.record('c', t);
        if (first < 0) first = t;
        break;
      }
    }
    ideal += idealMakespan(perChannel);
    actual += t - first;
  }
  return ideal / actual;
}

async function main(): Promise<void> {
  const perChannel = Math.ceil(NOTIFICATIONS / CHANNELS);
  const standin = await new ConnectorStandIn().start();
  const limits = enforceTeamsLimits(standin, { faultRate: FAULT_RATE, random: seededRandom(SEED) });
  const database = await benchDatabase();
  let busy: ChildProcess[] = [];
  try {
    let store = await database.open();
    const channels = Array.from({ length: CHANNELS }, (_, i) => `19:bench-${i}@thread.tacv2`);
    for (const [i, id] of channels.entries())
      await addChannel(store, id, { cluster: CLUSTERS[i % CLUSTERS.length]! }, standin.url + '/');
    // Each event concerns every cluster, so each reaches all channels; each is its own transaction.
    const now = new Date();
    for (let n = 1; n <= perChannel; n++)
      await store.db
        .transaction()
        .execute((trx) =>
          enqueueNotificationEvents(trx, [caseEvent(n, { clusters: [], occurredAt: now.toISOString() })], now),
        );
    const expected = await new KyselyOutbox(store.db).pendingCount();
    // The bot runs in its own process, as in production (PGlite: one process at a time).
    await store.close();

    // Timed from the moment the bot process reports its dispatcher started (after its own start-up).
    busy = startBusyProcesses(BUSY);
    const bot = await spawnDispatcher({ ...database.location, owner: 'bench', exitWhenIdle: true, pollMs: 200 });
    const t0 = Date.now();
    const { code, last } = await bot.exited;
    const elapsed = Date.now() - t0;
    for (const b of busy) b.kill('SIGKILL');
    if (code !== 0) throw new Error(`the bot process exited with ${code}`);
    const cpuSeconds = Number(last?.cpuSeconds ?? NaN);
    if (process.env.BENCH_DEBUG)
      console.log('bot event loop:', JSON.stringify({ maxDelayMs: last?.maxLoopDelayMs, stalls: last?.stalls }));
    store = await database.open();
    const outbox = new KyselyOutbox(store.db);

    const copies = copiesByRef(standin);
    const delivered = copies.size;
    const duplicates = [...copies.values()].reduce((s, n) => s + n - 1, 0);
    const failed = (await outbox.listFailed({ limit: 500 })).length;
    await store.close();
    const lost = expected - delivered;

    let idealSum = 0;
    let actualSum = 0;
    let fromStartSum = 0;
    for (const id of channels) {
      const at = limits.stats.acceptedAt.get(id) ?? [];
      const n = standin.sentActivities(id).length;
      idealSum += idealMakespan(n);
      actualSum += Math.max(0, (at[at.length - 1] ?? t0) - (at[0] ?? t0));
      fromStartSum += Math.max(0, (at[at.length - 1] ?? t0) - t0);
    }
    if (process.env.BENCH_DEBUG)
      for (const id of channels.slice(0, 3))
        console.log(id, (limits.stats.acceptedAt.get(id) ?? []).map((t) => t - t0).join(' '));
    const ratio = actualSum > 0 ? idealSum / actualSum : 0;
    const idealWall = idealMakespan(perChannel);
    const attempts = standin.calls.filter((c) => c.route === 'sendToConversation').length;

    console.log(
      `database: ${DB}; ${CHANNELS} channels x ${perChannel} = ${expected} notifications; fault rate ` +
        `${FAULT_RATE} (seed ${SEED})`,
    );
    console.log(
      `HTTP attempts: ${attempts}; stand-in throttled (limit exceeded): ${limits.stats.throttled}; injected ` +
        `faults: ${JSON.stringify(limits.stats.injected)}`,
    );
    console.log(`delivered: ${delivered}  duplicates: ${duplicates}  lost: ${lost}  parked as failed: ${failed}`);
    console.log(
      `load average: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores`,
    );
    console.log(
      `CPU of the bot process (from its dispatcher's start): ${cpuSeconds.toFixed(2)} s, ` +
        `${((cpuSeconds * 1000) / Math.max(1, delivered)).toFixed(2)} ms per notification delivered`,
    );
    console.log(`throughput ratio (sum of ideal / sum of actual first-to-last times per channel): ${ratio.toFixed(3)}`);
    console.log(
      `ceiling the injected faults leave with this pacer and retry policy (model, 1 ms per request): ` +
        `${faultCeiling(perChannel).toFixed(3)}`,
    );
    console.log(
      `counted from the dispatcher's start instead: ${(idealSum / fromStartSum).toFixed(3)}; wall-clock (ideal
        ${(idealWall / 1000).toFixed(1)} s / ${(elapsed / 1000).toFixed(1)} s): ${(idealWall / elapsed).toFixed(3)}`,
    );
    console.log(
      JSON.stringify({
        delivered,
        lost,
        duplicates,
        throughput_ratio: Number(ratio.toFixed(3)),
        failed,
        throttled: limits.stats.throttled,
        injected: limits.stats.injected,
        wall_s: Number((elapsed / 1000).toFixed(2)),
        cpu_ms_per_notification: Number(((cpuSeconds * 1000) / Math.max(1, delivered)).toFixed(2)),
        db: DB,
        busy_processes: BUSY,
      }),
    );
  } finally {
    for (const b of busy) b.kill('SIGKILL');
    await database.cleanup();
    await standin.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
