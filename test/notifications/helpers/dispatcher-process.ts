// A bot process that only sends notifications: opens the store given on the command line, runs
// the real dispatcher through botbuilder against the stand-in, and (with exitWhenIdle) exits once
// the outbox is empty. Used by the kill-and-restart test and by `npm run bench:notify`.
// argv[2]: JSON { dataDir?, databaseUrl?, owner?, leaseMs?, pollMs?, exitWhenIdle? }
import pino from 'pino';
import { openStore } from '../../../src/store/open';
import { createAdapter } from '../../../src/teams/adapter';
import { createNotificationRuntime } from '../../../src/teams/notifications-runtime';

interface Args {
  dataDir?: string;
  databaseUrl?: string;
  owner?: string;
  leaseMs?: number;
  pollMs?: number;
  exitWhenIdle?: boolean;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as Args;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const store = await openStore({ dataDir: args.dataDir, databaseUrl: args.databaseUrl, poolSize: 20 });
  const runtime = createNotificationRuntime({
    store,
    adapter: createAdapter({}, logger),
    appId: '',
    logger,
    owner: args.owner,
    leaseMs: args.leaseMs,
    pollMs: args.pollMs ?? 100,
    digestCheckMs: 0,
  });
  const cpu0 = process.cpuUsage();
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const t0 = Date.now();
  const stalls: string[] = [];
  let last = Date.now();
  const probe = setInterval(() => {
    const now = Date.now();
    if (now - last > 200) stalls.push(`${last - t0}+${now - last - 20}`);
    last = now;
  }, 20);
  probe.unref();
  runtime.start();
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid }) + '\n');
  const finish = async (code: number) => {
    await runtime.stop();
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(
      JSON.stringify({ idle: true, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxLoopDelayMs: lag.max / 1e6, stalls }) +
        '\n',
    );
    await store.close();
    process.exit(code);
  };
  process.on('SIGTERM', () => void finish(0));
  if (args.exitWhenIdle) {
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if ((await runtime.outbox.pendingCount()) === 0) break;
    }
    await finish(0);
  }
}

main().catch((err) => {
  process.stderr.write(`dispatcher process failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
