// Starts the bot and the Agents Playground together for local use (`npm start`) and for the
// end-to-end test. Where we are root on Linux, both run inside a fresh loopback-only network
// namespace (the Playground probes a cloud metadata address at start-up, which on locked-down
// machines stalls it), and the Playground's web UI is brought out to 127.0.0.1:<uiPort> here.
// Elsewhere both are started as ordinary processes.
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NamespaceChildOptions } from './namespace-child';
import {
  forwardToUnixSocket,
  listen,
  ownModuleArgs,
  PROJECT_ROOT,
  spawnBot,
  spawnPlayground,
  stopAll,
  waitForHttp,
  type Spawned,
} from './processes';

export const DEFAULT_UI_PORT = 56150;

export interface StartLocalOptions {
  root?: string;
  botPort: number;
  /** Where the browser reaches the Playground on this machine; 0 picks a free port. */
  uiPort?: number;
  /** 'auto': isolate when root on Linux with unshare and ip available. */
  isolate?: 'auto' | boolean;
  /** Extra environment for the bot and the Playground (tests set DATA_DIR, LOG_LEVEL). */
  env?: Record<string, string>;
  /** 'inherit' for a terminal; 'pipe' collects the output (see LocalStack.output). */
  stdio?: 'inherit' | 'pipe';
  /** Let the Playground open a browser (only without isolation: inside the namespace there is none). */
  openBrowser?: boolean;
  startTimeoutMs?: number;
  /** Another tenant file for the Playground (`npm start -- --as anders`). */
  tenantFile?: string;
}

export interface LocalStack {
  /** Open this in a browser. */
  url: string;
  isolated: boolean;
  /** A process inside the network namespace (for nsenter), or null when not isolated. */
  namespacePid: number | null;
  /** The Playground's base URL as seen by processes in the bot's network (inside the namespace). */
  innerPlaygroundUrl: string;
  /** Resolves with an exit code when the stack stops by itself (a process died). */
  exited: Promise<number | null>;
  /** The collected output of all processes when stdio is 'pipe'. */
  output(): string;
  stop(): Promise<void>;
}

export interface IsolationCheck {
  possible: boolean;
  reason: string;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function canIsolate(): IsolationCheck {
  if (process.platform !== 'linux') return { possible: false, reason: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0) return { possible: false, reason: 'not running as root (unshare -n needs it)' };
  for (const command of ['unshare', 'ip'])
    if (!onPath(command)) return { possible: false, reason: `${command} is not installed` };
  return { possible: true, reason: 'root on Linux with unshare and ip' };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Keeps the last `limit` characters written by the children, for failure messages. */
function collector(limit = 200_000) {
  let text = '';
  return {
    add(chunk: Buffer) {
      text += chunk.toString('utf8');
      if (text.length > limit) text = text.slice(text.length - limit);
    },
    get: () => text,
  };
}

export async function startLocal(options: StartLocalOptions): Promise<LocalStack> {
  const root = options.root ?? PROJECT_ROOT;
  const env = options.env ?? {};
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const check = canIsolate();
  const isolate = options.isolate === undefined || options.isolate === 'auto' ? check.possible : options.isolate;
  if (isolate && !check.possible)
    throw new Error(`cannot isolate the Playground in a network namespace: ${check.reason}`);
  const output = collector();
  const stdio: StdioOptions = options.stdio === 'pipe' ? ['pipe', 'pipe', 'pipe'] : ['pipe', 'inherit', 'inherit'];
  const requestedUiPort = options.uiPort ?? DEFAULT_UI_PORT;

  if (!isolate) {
    const uiPort = requestedUiPort === 0 ? await freePort() : requestedUiPort;
    const processOptions = { root, env, stdio, tenantFile: options.tenantFile };
    const spawned: Spawned[] = [];
    const pipeOut = (s: Spawned) => {
      s.child.stdout?.on('data', output.add);
      s.child.stderr?.on('data', output.add);
    };
    const stop = () => stopAll(spawned);
    try {
      const bot = spawnBot(options.botPort, processOptions);
      spawned.push(bot);
      pipeOut(bot);
      await waitForHttp(`http://127.0.0.1:${options.botPort}/healthz`, startTimeoutMs, [bot]);
      const playground = spawnPlayground(uiPort, options.botPort, {
        ...processOptions,
        openBrowser: options.openBrowser ?? false,
      });
      spawned.push(playground);
      pipeOut(playground);
      await waitForHttp(`http://127.0.0.1:${uiPort}/_debug/ping`, startTimeoutMs, [playground]);
    } catch (err) {
      await stop();
      throw new Error(`${(err as Error).message}\n${output.get()}`);
    }
    const url = `http://127.0.0.1:${uiPort}`;
    return {
      url,
      isolated: false,
      namespacePid: null,
      innerPlaygroundUrl: url,
      exited: Promise.race(spawned.map((s) => s.exited)),
      output: output.get,
      stop,
    };
  }

  const dir = mkdtempSync(join(tmpdir(), 'sundhedsaftale-playground-'));
  const socketPath = join(dir, 'playground.sock');
  const playgroundPort = DEFAULT_UI_PORT;
  // Take the browser's port first: if it is in use there is nothing to start.
  const bridge = forwardToUnixSocket(socketPath);
  try {
    await listen(bridge, requestedUiPort, '127.0.0.1');
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`port ${requestedUiPort} is in use: pass --port <n> (0 for any free port)`);
    throw err;
  }
  const address = bridge.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : requestedUiPort}`;

  const childOptions: NamespaceChildOptions = {
    root,
    botPort: options.botPort,
    playgroundPort,
    socketPath,
    env,
    startTimeoutMs,
    tenantFile: options.tenantFile,
  };
  const inner = spawn(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...ownModuleArgs('playground/namespace-child'),
      JSON.stringify(childOptions),
    ],
    { cwd: root, stdio },
  );
  inner.stdout?.on('data', output.add);
  inner.stderr?.on('data', output.add);
  const exited = new Promise<number | null>((resolve) => {
    inner.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    inner.once('error', () => resolve(127));
  });
  const innerSpawned: Spawned = { name: 'network namespace (bot and Playground)', child: inner, exited };
  const stop = async () => {
    bridge.close();
    // Closing stdin is the child's cue to stop its processes; SIGTERM does the same, faster.
    inner.stdin?.end();
    await stopAll([innerSpawned], 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/_debug/ping`, startTimeoutMs, [innerSpawned]);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output.get()}`);
  }
  return {
    url,
    isolated: true,
    namespacePid: inner.pid ?? null,
    innerPlaygroundUrl: `http://127.0.0.1:${playgroundPort}`,
    exited,
    output: output.get,
    stop,
  };
}
