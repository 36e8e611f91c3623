// Start-up and idle memory of the bot as `npm run bot` runs it (the build, dist/main.js),
// on a fresh embedded database: the first start (creating and migrating the PGlite directory,
// seeding the demo data), then restarts on the same directory. "Ready" is the first 200 from
// /readyz (the database answers, the background jobs are within their grace), timed from the spawn
// of the process (Node's own start-up included). Resident memory (VmRSS) is read after the bot has
// idled for BENCH_IDLE_SECONDS. The process's own breakdown, the time from its start to the end of
// each start-up step and its memory then, is read from its 'started' log line (see src/main.ts).
// Env: BENCH_RESTARTS (default 3; the median is reported), BENCH_IDLE_SECONDS (default 5),
// BENCH_RUNTIME=build|tsx (default build; tsx runs src/main.ts the way `npm run bot` used to),
// BENCH_HEALTH_PATH (default /readyz; /healthz answers as soon as the database does).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const RUNTIME = process.env.BENCH_RUNTIME === 'tsx' ? 'tsx' : 'build';
const HEALTH_PATH = process.env.BENCH_HEALTH_PATH ?? '/readyz';
const TARGET_RESTART_MS = 1500;
const TARGET_RSS_MB = 350;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

/**
 * CPU time the process has used (user + system, all its threads), in ms: on a shared machine the
 * wall-clock figure depends on what else runs, this much less.
 */
function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return Math.round((ticks * 1000) / 100); // USER_HZ is 100 on Linux
}

interface Run {
  healthyMs: number;
  /** CPU time used until ready. */
  cpuMs: number;
  rssMb: number;
  /** From the bot's 'started' log line: ms since its start at the end of each step, memory then. */
  steps?: Record<string, number>;
  memoryMb?: Record<string, number>;
}

/** The bot's 'started' line among its JSON log lines (pino). */
function startedLine(log: string): Pick<Run, 'steps' | 'memoryMb'> {
  for (const line of log.split('\n')) {
    if (!line.includes('"started"')) continue;
    try {
      const o = JSON.parse(line) as {
        msg?: string;
        startupMs?: Record<string, number>;
        memoryMb?: Record<string, number>;
      };
      if (o.msg === 'started') return { steps: o.startupMs, memoryMb: o.memoryMb };
    } catch {
      // not a log line
    }
  }
  return {};
}

/** "modules 812, governance +40, ...": each step's own duration after the first. */
function stepsText(steps: Record<string, number> | undefined): string {
  if (!steps) return 'no breakdown (no started line)';
  let before = 0;
  return Object.entries(steps)
    .map(([name, at], i) => {
      const text = i === 0 ? `${name} ${at}` : `${name} +${at - before}`;
      before = at;
      return text;
    })
    .join(', ');
}

async function startOnce(dataDir: string, port: number): Promise<Run> {
  const args =
    RUNTIME === 'build'
      ? [path.join(ROOT, 'dist', 'main.js')]
      : ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'src', 'main.ts')];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ENV_NAME: 'local', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    if (log.length < 1_000_000) log += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let dead = false;
  void exited.then(() => (dead = true));
  try {
    let healthyMs = -1;
    let cpuUntilReady = -1;
    while (healthyMs < 0) {
      if (dead) throw new Error(`the bot exited (code ${child.exitCode}) before it was healthy`);
      if (performance.now() - started > 120_000) throw new Error('the bot was not healthy within 120 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`, { signal: AbortSignal.timeout(500) });
        if (res.ok) {
          healthyMs = Math.round(performance.now() - started);
          cpuUntilReady = cpuMs(child.pid!);
        }
      } catch {
        // not listening yet
      }
      if (healthyMs < 0) await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    return { healthyMs, cpuMs: cpuUntilReady, rssMb: rssMb(child.pid!), ...startedLine(log) };
  } finally {
    if (!dead) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (RUNTIME === 'build')
    execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), 'src/cli/build.ts', '--if-stale'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  try {
    const dataDir = path.join(root, 'pglite');
    const port = await freePort();
    const first = await startOnce(dataDir, port);
    const report = (what: string, r: Run) =>
      process.stdout.write(
        `${what}: ready after ${r.healthyMs} ms (${r.cpuMs} ms of CPU), ${r.rssMb} MB idle\n` +
          `  steps (ms): ${stepsText(r.steps)}\n  memory when started (MB): ${JSON.stringify(r.memoryMb ?? {})}\n`,
      );
    report('first start (fresh database)', first);
    const restarts: Run[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      const r = await startOnce(dataDir, port);
      restarts.push(r);
      report(`restart ${i + 1}`, r);
    }
    const restartMs = median(restarts.map((r) => r.healthyMs));
    const restartRss = median(restarts.map((r) => r.rssMb));
    process.stdout.write(
      `${JSON.stringify({
        bench: 'startup',
        runtime: RUNTIME,
        node: process.version,
        health_path: HEALTH_PATH,
        load_avg: os.loadavg().map((x) => Math.round(x * 100) / 100),
        first_start_ms: first.healthyMs,
        first_start_rss_mb: first.rssMb,
        restart_ms: restartMs,
        restart_rss_mb: restartRss,
        restarts_ms: restarts.map((r) => r.healthyMs),
        first_start_cpu_ms: first.cpuMs,
        restarts_cpu_ms: restarts.map((r) => r.cpuMs),
        restarts_rss_mb: restarts.map((r) => r.rssMb),
        first_start_steps_ms: first.steps ?? null,
        restart_steps_ms: restarts[restarts.length - 1]?.steps ?? null,
        idle_seconds: IDLE_SECONDS,
        target_restart_ms: TARGET_RESTART_MS,
        target_rss_mb: TARGET_RSS_MB,
        restart_ok: restartMs < TARGET_RESTART_MS,
        rss_ok: Math.max(first.rssMb, restartRss) < TARGET_RSS_MB,
      })}\n`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
