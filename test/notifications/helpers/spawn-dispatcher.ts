// Starts test/notifications/helpers/dispatcher-process.ts as a child process and waits for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { trackChild } from '../../fixtures/children';

export interface DispatcherChild {
  child: ChildProcess;
  /** Resolves with the last JSON line the child printed, when it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; last: any }>;
}

export async function spawnDispatcher(args: object): Promise<DispatcherChild> {
  const profile = process.env.DISPATCHER_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.DISPATCHER_CPU_PROF}`]
    : [];
  const child = trackChild(
    spawn(
      process.execPath,
      [
        ...profile,
        '--require',
        require.resolve('tsx/cjs'),
        join(__dirname, 'dispatcher-process.ts'),
        JSON.stringify(args),
      ],
      {
        cwd: join(__dirname, '..', '..', '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  let last: any;
  let buf = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (d) => {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        last = JSON.parse(line);
        if (last.ready) onReady();
      } catch {
        // not ours
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; last: any }>((resolve) =>
    child.once('exit', (code, signal) => {
      onReady();
      resolve({ code, signal, last });
    }),
  );
  await ready;
  return { child, exited };
}
