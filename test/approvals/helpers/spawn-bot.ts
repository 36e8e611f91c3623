// Starts test/approvals/helpers/bot-process.ts as a separate Node process and waits for its endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild, trackChild } from '../../fixtures/children';

export interface SecondBot {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function spawnSecondBot(databaseUrl: string): Promise<SecondBot> {
  const child: ChildProcess = trackChild(
    spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'bot-process.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the second bot exited with ${code} before starting`)));
  });
  const { url, pid } = JSON.parse(line) as { url: string; pid: number };
  return {
    url,
    pid,
    // Closing stdin asks it to stop; a child that does not is killed.
    stop: () => stopChild(child, () => child.stdin!.end()),
  };
}
