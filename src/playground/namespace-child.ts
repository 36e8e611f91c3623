// Runs inside the loopback-only network namespace made by the launcher (unshare -n): starts the bot
// and the Agents Playground there, and opens the Playground to the outside through a Unix socket
// (file system sockets are not confined by a network namespace). The Playground probes a cloud
// metadata address at start-up; in the namespace that probe fails at once instead of hanging.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { forwardToTcp, listen, spawnBot, spawnPlayground, stopAll, waitForHttp, type Spawned } from './processes';

export const NamespaceChildOptions = z.strictObject({
  root: z.string().min(1),
  botPort: z.number().int().min(1).max(65535),
  playgroundPort: z.number().int().min(1).max(65535),
  socketPath: z.string().min(1),
  env: z.record(z.string(), z.string()),
  startTimeoutMs: z.number().int().positive(),
  tenantFile: z.string().min(1).optional(),
});
export type NamespaceChildOptions = z.infer<typeof NamespaceChildOptions>;

async function main(): Promise<void> {
  const parsed = NamespaceChildOptions.safeParse(JSON.parse(process.argv[2] ?? 'null'));
  if (!parsed.success) {
    process.stderr.write(`namespace-child: bad options: ${parsed.error.message}\n`);
    process.exit(2);
  }
  const o = parsed.data;
  const spawned: Spawned[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopAll(spawned);
    // The socket's private directory too, in case the launcher is gone before it can tidy up.
    rmSync(dirname(o.socketPath), { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  // The launcher holds our stdin open; when it goes away, so do we, and nothing is left behind.
  process.stdin.on('end', () => void shutdown(0));
  process.stdin.on('error', () => void shutdown(0));
  process.stdin.resume();

  const processOptions = { root: o.root, env: o.env, stdio: 'inherit' as const, tenantFile: o.tenantFile };
  try {
    const bot = spawnBot(o.botPort, processOptions);
    spawned.push(bot);
    void bot.exited.then((code) => shutdown(code === 0 ? 1 : (code ?? 1)));
    await waitForHttp(`http://127.0.0.1:${o.botPort}/healthz`, o.startTimeoutMs, [bot]);
    const playground = spawnPlayground(o.playgroundPort, o.botPort, { ...processOptions, openBrowser: false });
    spawned.push(playground);
    void playground.exited.then((code) => shutdown(code === 0 ? 1 : (code ?? 1)));
    await waitForHttp(`http://127.0.0.1:${o.playgroundPort}/_debug/ping`, o.startTimeoutMs, [playground]);
    await listen(forwardToTcp(o.playgroundPort), o.socketPath);
  } catch (err) {
    process.stderr.write(`namespace-child: ${(err as Error).message}\n`);
    await shutdown(1);
  }
}

void main();
