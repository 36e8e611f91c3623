// Starting and stopping the two local processes (the bot and the Agents Playground), shared by the
// plain launcher and by the part that runs inside the network namespace.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/** True when this is the compiled JavaScript (dist/, `npm run build`) rather than the TypeScript under tsx. */
const RUNNING_COMPILED = __filename.endsWith('.js');

export interface Spawned {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

function track(name: string, child: ChildProcess): Spawned {
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.once('error', () => resolve(127));
  });
  return { name, child, exited };
}

export interface ProcessOptions {
  root: string;
  /** The Playground's tenant file; the project's .m365agentsplayground.yml by default. */
  tenantFile?: string;
  /** Added to this process's environment for the child. */
  env: Record<string, string>;
  stdio: StdioOptions;
}

/**
 * Node's arguments to run one of this project's modules, given by its path without the extension
 * relative to src/ (`main`, `playground/namespace-child`), the same way this code runs: the compiled
 * JavaScript next to this file when it is the build (`npm run build`), else the TypeScript through tsx.
 */
export function ownModuleArgs(module: string): string[] {
  const src = join(__dirname, '..');
  return RUNNING_COMPILED
    ? [join(src, `${module}.js`)]
    : ['--require', require.resolve('tsx/cjs'), join(src, `${module}.ts`)];
}

/** The bot, exactly as `npm run bot` runs it (dist/main.js; src/main.ts through tsx in the tests). */
export function spawnBot(port: number, options: ProcessOptions): Spawned {
  const child = spawn(process.execPath, ownModuleArgs('main'), {
    cwd: options.root,
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: options.stdio,
  });
  return track('bot', child);
}

/** The Agents Playground pointed at the bot, reading .m365agentsplayground.yml from the project root. */
export function spawnPlayground(
  port: number,
  botPort: number,
  options: ProcessOptions & { openBrowser: boolean },
): Spawned {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [
    cli,
    '--app-endpoint',
    `http://127.0.0.1:${botPort}/api/messages`,
    '--channel-id',
    'msteams',
    '--port',
    String(port),
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: {
      ...process.env,
      ...options.env,
      // Its log goes next to the bot's data instead of a devTools/ folder in the checkout.
      M365_AGENTS_PLAYGROUND_LOGFILE: join(options.root, '.data', 'playground', 'm365agentsplayground.log'),
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.tenantFile ?? join(options.root, '.m365agentsplayground.yml'),
      ...(options.openBrowser ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
    },
    stdio: options.stdio,
  });
  return track('playground', child);
}

/** Resolves when `url` answers 2xx; rejects when `watch` exits first or the deadline passes. */
export async function waitForHttp(url: string, timeoutMs: number, watch: Spawned[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: Spawned | undefined;
  for (const s of watch) void s.exited.then(() => (exited ??= s));
  let lastError = '';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${exited.name} exited (code ${exited.child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

/** SIGTERM, then SIGKILL for whatever is still running after `graceMs`. */
export async function stopAll(spawned: Spawned[], graceMs = 5000): Promise<void> {
  const running = spawned.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
  for (const s of running) s.child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  const all = Promise.all(running.map((s) => s.exited));
  if ((await Promise.race([all, timer])) === 'timeout') {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await all;
  }
}

/** A byte pipe: every connection to `listen` is joined to a new connection made by `dial`. */
export function forward(dial: () => Socket): Server {
  return createServer((client) => {
    const upstream = dial();
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
}

export function forwardToTcp(port: number): Server {
  return forward(() => connect(port, '127.0.0.1'));
}

export function forwardToUnixSocket(path: string): Server {
  return forward(() => connect(path));
}

export function listen(server: Server, target: number | string, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve();
    };
    if (typeof target === 'string') server.listen(target, done);
    else server.listen(target, host, done);
  });
}
