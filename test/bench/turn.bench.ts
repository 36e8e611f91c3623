// Whole-turn throughput over HTTP: activity JSON posted to /api/messages, reply received at the Bot
// Connector stand-in, for this bot and for a bare botbuilder + restify echo bot. Each server runs in
// its own process (one core each on a 2-core machine); the load generator and the stand-in share
// this process and are the same for both. Rounds alternate echo/bot to spread machine noise.
// Env: BENCH_SECONDS (per measurement, default 4), BENCH_ROUNDS (default 5), BENCH_CONCURRENCY (16).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { postActivity } from './post';
import { join } from 'node:path';
import * as A from '../fixtures/activities';
import { ConnectorStandIn } from '../fixtures/connector-standin';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP_SECONDS = 2;

type Mode = 'echo' | 'bot';

/** The questions of one of the project's own question sets. */
function questions(): string[] {
  return readFileSync(join(__dirname, '..', 'engine', 'blind-questions.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => String(JSON.parse(l).q));
}

interface Server {
  url: string;
  child: ChildProcess;
  /** CPU time (user + system) the server process has used so far, in microseconds. */
  cpu(): Promise<number>;
}

async function startServer(mode: Mode): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), join(__dirname, 'turn-server.ts'), mode],
    {
      cwd: join(__dirname, '..', '..'),
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const pending: Array<(v: any) => void> = [];
  let onUrl: ((url: string) => void) | undefined;
  let buf = '';
  child.stdout!.on('data', (d) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const msg = JSON.parse(line);
      if (msg.url) onUrl?.(msg.url);
      else if (msg.cpu) pending.shift()?.(msg.cpu);
    }
  });
  const url = await new Promise<string>((resolve, reject) => {
    onUrl = resolve;
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  const cpu = () =>
    new Promise<number>((resolve) => {
      pending.push((c: { user: number; system: number }) => resolve(c.user + c.system));
      child.stdin!.write('cpu\n');
    });
  return { url, child, cpu };
}

interface Measurement {
  turnsPerS: number;
  cpuUsPerTurn: number;
  p50: number;
  p99: number;
  errors: number;
  repliesPerTurn: number;
}

async function load(
  server: Server,
  standin: ConnectorStandIn,
  qs: string[],
  seconds: number,
  replies: { n: number },
): Promise<Measurement> {
  const url = server.url;
  const cpu0 = await server.cpu();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  replies.n = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      const text = qs[i++ % qs.length]!;
      const body = JSON.stringify(A.message({ serviceUrl: standin.url, text }));
      const t0 = performance.now();
      const status = await postActivity(agent, url, body);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuUs = (await server.cpu()) - cpu0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    turnsPerS: latencies.length / elapsed,
    cpuUsPerTurn: cpuUs / latencies.length,
    p50: q(0.5),
    p99: q(0.99),
    errors,
    repliesPerTurn: replies.n / latencies.length,
  };
}

async function main(): Promise<void> {
  const standin = await new ConnectorStandIn().start();
  standin.record = false;
  const replies = { n: 0 };
  standin.hook('replyToActivity', (call) => {
    if (call.body?.type === 'message') replies.n++;
    return undefined;
  });
  const qs = questions();
  const results: Record<Mode, Measurement[]> = { echo: [], bot: [] };
  console.log(
    `turn benchmark: ${ROUNDS} rounds x ${SECONDS}s per server, concurrency ${CONCURRENCY}, ${qs.length} questions`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const mode of ['echo', 'bot'] as const) {
      const server = await startServer(mode);
      try {
        await load(server, standin, qs, WARMUP_SECONDS, replies);
        const m = await load(server, standin, qs, SECONDS, replies);
        results[mode].push(m);
        console.log(
          `round ${round} ${mode.padEnd(4)}: ${m.turnsPerS.toFixed(0)} turns/s, server CPU ` +
            `${(m.cpuUsPerTurn / 1000).toFixed(3)} ms/turn, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, ` +
            `errors ${m.errors}, replies per turn ${m.repliesPerTurn.toFixed(2)}`,
        );
      } finally {
        server.child.kill();
      }
    }
  }
  await standin.stop();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bot = median(results.bot.map((m) => m.turnsPerS));
  const echo = median(results.echo.map((m) => m.turnsPerS));
  // Each round measures echo and then the bot back to back; the ratio within a round is far less
  // sensitive to the machine's changing load than a ratio of medians taken minutes apart.
  const ratio = median(results.bot.map((m, i) => m.turnsPerS / results.echo[i]!.turnsPerS));
  const p99 = median(results.bot.map((m) => m.p99));
  const errors = [...results.bot, ...results.echo].reduce((n, m) => n + m.errors, 0);
  const botCpu = median(results.bot.map((m) => m.cpuUsPerTurn));
  const echoCpu = median(results.echo.map((m) => m.cpuUsPerTurn));
  // Throughput of a CPU-bound server is 1 / CPU per turn; this ratio does not depend on how busy
  // the machine is with other work, while the wall-clock ratio does.
  const cpuRatio = median(results.bot.map((m, i) => results.echo[i]!.cpuUsPerTurn / m.cpuUsPerTurn));
  console.log(
    `median: bot ${bot.toFixed(0)} turns/s, echo ${echo.toFixed(0)} turns/s, ratio (median of rounds) ` +
      `${ratio.toFixed(3)} (target >= 0.8), bot p99 ${p99.toFixed(2)} ms, errors ${errors}`,
  );
  console.log(
    `server CPU per turn: bot ${(botCpu / 1000).toFixed(3)} ms, echo ${(echoCpu / 1000).toFixed(3)} ms, ratio ` +
      `echo/bot (median of rounds) ${cpuRatio.toFixed(3)}`,
  );
  console.log(
    JSON.stringify({
      bot_turns_per_s: Math.round(bot),
      echo_turns_per_s: Math.round(echo),
      ratio: Number(ratio.toFixed(3)),
      p99_ms: Number(p99.toFixed(2)),
      cpu_ratio: Number(cpuRatio.toFixed(3)),
      bot_cpu_ms_per_turn: Number((botCpu / 1000).toFixed(3)),
      echo_cpu_ms_per_turn: Number((echoCpu / 1000).toFixed(3)),
    }),
  );
  if (errors > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
