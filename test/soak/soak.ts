// `npm run soak [-- --seconds N] [-- --runtime tsx|build]`: mixed traffic for a bounded time
// (default 180 s, split over two phases) against the real bot processes while faults are injected,
// all on loopback (the bots run src/main.ts through tsx, or with --runtime build the build
// dist/main.js that `npm run bot` runs, which starts without compiling the sources):
// phase 1, two instances sharing one PostgreSQL (SIGKILL + restart of one, pg_terminate_backend on
// the bots' connections, connector 429/5xx and slow replies); phase 2, one instance on PGlite
// (connector faults). The traffic: who-decides questions, case status lookups and help in chat,
// and the case workflow of workflow.ts (channel subscriptions, cases moved to a vote, concurrent
// votes). After a drain period without faults the database is compared with what the connector
// stand-in accepted. Prints progress on stderr; its last line is one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as A from '../fixtures/activities';
import { ConnectorStandIn } from '../fixtures/connector-standin';
import { createPostgresDatabase, PG_ADMIN_URL } from '../store/helpers/databases';
import { openStore, type Store } from '../../src/store/open';
import { ConnectorLedger, post, Workflow, type WorkflowReport } from './workflow';

const ROOT = join(__dirname, '..', '..');

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const TOTAL_S = Number(arg('--seconds') ?? 180);
const RUNTIME = arg('--runtime') === 'build' ? 'build' : 'tsx';
const ENTRY = RUNTIME === 'build' ? join(ROOT, 'dist', 'main.js') : join(ROOT, 'src', 'main.ts');
// tsx stays loaded with the build too: the memory probe is TypeScript (the build's .js files are
// not compiled again; measured at load 9, spawn to listening 3.2-5.3 s with it, 2.2-3.7 s without).
const MAIN = [
  '--expose-gc',
  '--require',
  require.resolve('tsx/cjs'),
  '--require',
  join(__dirname, 'memory-probe.ts'),
  ENTRY,
];
/** SIGKILLs per run (phase 1, instance B). */
const KILLS = 1;
const log = (m: string) => process.stderr.write(`soak: ${m}\n`);

/** One sample of a bot's process.memoryUsage(), in MB (memory-probe.ts). */
type MemorySample = Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;

interface Bot {
  child: ChildProcess;
  url: string;
  pid: number;
  /** The latest memory sample the bot printed. */
  memory(): MemorySample | null;
  /** A sample taken right after a full garbage collection in the bot (SIGUSR2 to memory-probe.ts). */
  memoryAfterGc(): Promise<MemorySample | null>;
}

function startBot(env: Record<string, string>): Promise<Bot> {
  let out = '';
  let memory: MemorySample | null = null;
  const gcWaiters: Array<(s: MemorySample | null) => void> = [];
  const memoryAfterGc = () =>
    new Promise<MemorySample | null>((resolve) => {
      gcWaiters.push(resolve);
      // process.kill, not child.kill: the latter marks the child as killed by the soak.
      process.kill(child.pid!, 'SIGUSR2');
      setTimeout(() => resolve(null), 5000);
    });
  const child = spawn(process.execPath, MAIN, {
    cwd: ROOT,
    // The approval job opens due rounds; every 5 s (the minimum) instead of 15 s, so a soak round waits less.
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      MicrosoftAppId: '',
      APPROVAL_JOB_INTERVAL_SECONDS: '5',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      for (const [, tag, json] of String(d).matchAll(/^(soak-memory(?:-after-gc)?) (\{.*\})$/gm)) {
        const sample = JSON.parse(json!) as MemorySample;
        if (tag === 'soak-memory') memory = sample;
        else for (const w of gcWaiters.splice(0)) w(sample);
      }
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) resolve({ child, url: m[1]!, pid: child.pid!, memory: () => memory, memoryAfterGc });
      if (out.length > 100_000) out = out.slice(-10_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      reject(new Error(`bot exited with ${code}: ${out.slice(-2000)}`));
      // After start-up: an exit the soak did not ask for is a finding, with the bot's last words.
      if (!child.killed) log(`bot ${child.pid} exited by itself (${code ?? signal}): ${out.slice(-3000)}`);
    });
  });
}

async function stopBot(b: Bot): Promise<void> {
  if (b.child.exitCode !== null || b.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => b.child.once('exit', () => r()));
  b.child.kill('SIGTERM');
  const t = setTimeout(() => b.child.kill('SIGKILL'), 12_000);
  await exited;
  clearTimeout(t);
}

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const KINDS = {
  who_decides: () => 'Hvem beslutter om vi må bruge penge fra beredskabspuljen?',
  status: () => `status på SAG-2026-000${1 + Math.floor(Math.random() * 6)}`,
  help: () => 'hjælp',
};
type Kind = keyof typeof KINDS;
/** The chat kinds above plus the workflow's (subscribe, case_change, vote). */
type AnyKind = string;

class Stats {
  readonly latencies = new Map<AnyKind, number[]>();
  readonly errors: Record<string, number> = {};
  requests = 0;
  fiveXxOutsideDowntime = 0;
  record(kind: AnyKind, ms: number, outcome: string, duringDowntime: boolean): void {
    this.requests++;
    if (!this.latencies.has(kind)) this.latencies.set(kind, []);
    this.latencies.get(kind)!.push(ms);
    if (outcome !== '200') {
      const key = `${kind}:${outcome}`;
      this.errors[key] = (this.errors[key] ?? 0) + 1;
      if (/^5/.test(outcome) && !duringDowntime) this.fiveXxOutsideDowntime++;
    }
  }
  p99(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.latencies) {
      const s = [...v].sort((a, b) => a - b);
      out[k] = s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0;
    }
    return out;
  }
}

async function turn(url: string, serviceUrl: string, kind: Kind, n: number): Promise<string> {
  const a = await post(url, A.message({ serviceUrl, text: KINDS[kind](), conversationId: `a:soak-${n % 20}` }));
  return a.outcome;
}

/** Runs traffic against `targets()` until `until`, `concurrency` callers in parallel. */
async function traffic(
  stats: Stats,
  targets: () => string[],
  serviceUrl: string,
  until: number,
  downtime: () => boolean,
  concurrency = 4,
): Promise<void> {
  let n = 0;
  const kinds = Object.keys(KINDS) as Kind[];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const i = n++;
        const list = targets();
        const url = list[i % list.length]!;
        const kind = kinds[i % kinds.length]!;
        const t0 = Date.now();
        const outcome = await turn(url, serviceUrl, kind, i);
        stats.record(kind, Date.now() - t0, outcome, downtime());
      }
    }),
  );
}

/**
 * Connector faults while `on`: every 7th call 429, every 11th 503, every 13th 1.5 s slow. Every
 * call the stand-in accepts goes to the phase's ledger first (a slow reply counts: Teams has
 * posted the message by the time it answers).
 */
function connectorFaults(standin: ConnectorStandIn) {
  const control = { on: false, ledger: new ConnectorLedger() };
  let calls = 0;
  standin.record = false;
  standin.hook('*', (call) => {
    calls++;
    if (control.on && calls % 7 === 0) return { status: 429, headers: { 'Retry-After': '1' } };
    if (control.on && calls % 11 === 0) return { status: 503 };
    control.ledger.observe(call);
    if (control.on && calls % 13 === 0) return { status: 200, body: { id: `slow-${calls}` }, delayMs: 1500 };
    return undefined;
  });
  return control;
}
type Faults = ReturnType<typeof connectorFaults>;

/**
 * Without faults, until the outbox has nothing pending (when the soak can read it while the bots
 * run: PostgreSQL; a SIGKILLed instance's lanes wait out their 60 s lease) and the bots have posted
 * nothing for 15 s, retries having backed off that long; at most 120 s.
 */
async function drain(faults: Faults, pending: () => Promise<number> = async () => 0): Promise<number> {
  faults.on = false;
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000 && (await pending()) > 0) await new Promise((r) => setTimeout(r, 500));
  await faults.ledger.quiet(15_000, Math.max(0, 120_000 - (Date.now() - t0)));
  log(`drained in ${Date.now() - t0} ms`);
  return Date.now() - t0;
}

async function waitReady(url: string, limitMs = 30_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < limitMs) {
    try {
      const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return Date.now() - t0;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return Number.POSITIVE_INFINITY;
}

interface PhaseResult {
  rssStart: number | null;
  rssEnd: number | null;
  /** Instance A's own breakdown at the same two moments, after a full GC; and its last sample before that GC. */
  memoryStart: MemorySample | null;
  memoryEnd: MemorySample | null;
  memoryEndLive: MemorySample | null;
  /** After the drain (15 s or more without traffic) and a full GC: does the process give memory back? */
  memoryIdleAfterGc: MemorySample | null;
  workflow: WorkflowReport;
}

/** A new ledger and workflow for a phase, set up through `setupUrl`. */
async function startWorkflow(
  label: string,
  standin: ConnectorStandIn,
  faults: Faults,
  stats: Stats,
  setupUrl: string,
  downtime: () => boolean = () => false,
) {
  faults.ledger = new ConnectorLedger();
  const flow = new Workflow(label, standin.url, faults.ledger, (kind, ms, outcome) =>
    stats.record(kind, ms, outcome, downtime()),
  );
  await flow.setup(setupUrl);
  return flow;
}

/** The end of a phase: A's memory, the drain, its memory idle, the bots stopped, the database compared. */
async function finishPhase(o: {
  a: Bot;
  start: Pick<PhaseResult, 'rssStart' | 'memoryStart'>;
  faults: Faults;
  flow: Workflow;
  kills: number;
  pending?: () => Promise<number>;
  stopBots: () => Promise<void>;
  openDb: () => Promise<Store>;
}): Promise<PhaseResult> {
  const rssEnd = rssMb(o.a.pid);
  const memoryEndLive = o.a.memory();
  const memoryEnd = await o.a.memoryAfterGc();
  await drain(o.faults, o.pending);
  const memoryIdleAfterGc = await o.a.memoryAfterGc();
  await o.stopBots();
  const store = await o.openDb();
  try {
    const workflow = await o.flow.verify(store, o.kills);
    return { ...o.start, rssEnd, memoryEnd, memoryEndLive, memoryIdleAfterGc, workflow };
  } finally {
    await store.close();
  }
}

async function postgresPhase(
  seconds: number,
  standin: ConnectorStandIn,
  faults: Faults,
  stats: Stats,
  recoveries: number[],
  /** Where the SIGKILLed instance's restart spent its time: spawn to listening, spawn to ready. */
  restart: Array<{ listeningMs: number; readyMs: number }>,
): Promise<PhaseResult> {
  const db = await createPostgresDatabase();
  let a: Bot | undefined;
  let b: Bot | undefined;
  try {
    a = await startBot({ DATABASE_URL: db.url });
    b = await startBot({ DATABASE_URL: db.url });
    await Promise.all([waitReady(a.url), waitReady(b.url)]);
    let down = false;
    const flow = await startWorkflow('pg', standin, faults, stats, a.url, () => down);
    const rssStart = rssMb(a.pid);
    const memoryStart = await a.memoryAfterGc();
    faults.on = true;
    const until = Date.now() + seconds * 1000;
    const targets = () => (down ? [a!.url] : [a!.url, b!.url]);
    const faultPlan = (async () => {
      const step = (seconds * 1000) / 4;
      await new Promise((r) => setTimeout(r, step));
      log('fault: SIGKILL instance B, then restart');
      down = true;
      b!.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      const t0 = Date.now();
      b = await startBot({ DATABASE_URL: db.url });
      const listening = Date.now() - t0;
      await waitReady(b.url);
      recoveries.push(Date.now() - t0);
      log(`restarted B: listening after ${listening} ms, ready after ${Date.now() - t0} ms`);
      restart.push({ listeningMs: listening, readyMs: Date.now() - t0 });
      down = false;
      await new Promise((r) => setTimeout(r, step));
      log('fault: pg_terminate_backend on the bots’ connections');
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      const dbName = new URL(db.url).pathname.slice(1);
      const t1 = Date.now();
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [dbName]);
      await admin.end();
      await Promise.all([waitReady(a!.url), waitReady(b.url)]);
      recoveries.push(Date.now() - t1);
    })();
    await Promise.all([traffic(stats, targets, standin.url, until, () => down), flow.run(targets, until)]);
    await faultPlan;
    const reader = new pg.Client({ connectionString: db.url });
    await reader.connect();
    try {
      const bots = [a, b];
      return await finishPhase({
        a,
        start: { rssStart, memoryStart },
        faults,
        flow,
        kills: KILLS,
        pending: async () =>
          (await reader.query("select count(*)::int as n from notification_outbox where status = 'pending'")).rows[0].n,
        stopBots: async () => {
          for (const bot of bots) await stopBot(bot);
        },
        openDb: () => openStore({ databaseUrl: db.url, poolSize: 2 }),
      });
    } finally {
      await reader.end();
    }
  } finally {
    if (a) await stopBot(a);
    if (b) await stopBot(b);
    await db.drop();
  }
}

async function pglitePhase(
  seconds: number,
  standin: ConnectorStandIn,
  faults: Faults,
  stats: Stats,
): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-pglite-'));
  const dataDir = join(dir, 'data');
  let a: Bot | undefined;
  try {
    a = await startBot({ DATA_DIR: dataDir, DATABASE_URL: '' });
    await waitReady(a.url);
    const flow = await startWorkflow('lite', standin, faults, stats, a.url);
    const rssStart = rssMb(a.pid);
    const memoryStart = await a.memoryAfterGc();
    faults.on = true;
    const until = Date.now() + seconds * 1000;
    const targets = () => [a!.url];
    await Promise.all([traffic(stats, targets, standin.url, until, () => false), flow.run(targets, until)]);
    const bot = a;
    return await finishPhase({
      a,
      start: { rssStart, memoryStart },
      faults,
      flow,
      kills: 0,
      stopBots: () => stopBot(bot),
      // PGlite admits one process per data directory: read it once the bot is gone.
      openDb: () => openStore({ dataDir }),
    });
  } finally {
    if (a) await stopBot(a);
    rmSync(dir, { recursive: true, force: true });
  }
}

function memoryOf(r: PhaseResult) {
  return {
    startAfterGc: r.memoryStart,
    endLive: r.memoryEndLive,
    endAfterGc: r.memoryEnd,
    idleAfterGc: r.memoryIdleAfterGc,
  };
}

async function main(): Promise<void> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing (--runtime build needs \`npm run build\` first)`);
  const standin = await new ConnectorStandIn().start();
  const faults = connectorFaults(standin);
  const pgStats = new Stats();
  const liteStats = new Stats();
  const recoveries: number[] = [];
  const restart: Array<{ listeningMs: number; readyMs: number }> = [];
  try {
    log(`phase 1: two instances on PostgreSQL for ${Math.round(TOTAL_S * 0.6)} s`);
    const pgRun = await postgresPhase(Math.round(TOTAL_S * 0.6), standin, faults, pgStats, recoveries, restart);
    log(`phase 2: one instance on PGlite for ${Math.round(TOTAL_S * 0.4)} s`);
    const liteRun = await pglitePhase(Math.round(TOTAL_S * 0.4), standin, faults, liteStats);
    const growth = (r: { rssStart: number | null; rssEnd: number | null }) =>
      r.rssStart && r.rssEnd ? Math.round(((r.rssEnd - r.rssStart) / r.rssStart) * 1000) / 10 : null;
    const both = <T>(f: (w: WorkflowReport) => T) => ({ postgres: f(pgRun.workflow), pglite: f(liteRun.workflow) });
    const sum = (f: (w: WorkflowReport) => number) => f(pgRun.workflow) + f(liteRun.workflow);
    const result = {
      seconds: TOTAL_S,
      runtime: RUNTIME,
      requests: { postgres: pgStats.requests, pglite: liteStats.requests },
      errors: { postgres: pgStats.errors, pglite: liteStats.errors },
      fiveXxOutsideDowntime: pgStats.fiveXxOutsideDowntime + liteStats.fiveXxOutsideDowntime,
      p99Ms: { postgres: pgStats.p99(), pglite: liteStats.p99() },
      rssMb: {
        postgres: { rssStart: pgRun.rssStart, rssEnd: pgRun.rssEnd },
        pglite: { rssStart: liteRun.rssStart, rssEnd: liteRun.rssEnd },
      },
      rssGrowthPct: { postgres: growth(pgRun), pglite: growth(liteRun) },
      memoryMb: {
        postgres: memoryOf(pgRun),
        pglite: memoryOf(liteRun),
      },
      recoveryMs: recoveries,
      restartAfterSigkillMs: restart,
      notificationsLost: sum((w) => w.notifications.lost),
      notificationsDuplicated: sum((w) => w.notifications.duplicated),
      notificationsDuplicatedBeyondOnePerKill: sum((w) => w.notifications.duplicatedBeyondAllowance),
      votesLost: sum((w) => w.votesLost),
      outcomesPerRound: both((w) => w.outcomesPerRound),
      workflow: both((w) => w),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await standin.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`soak failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
