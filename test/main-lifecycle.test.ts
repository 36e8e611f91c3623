// Issue 13, defects 7 and 8, through the real process (`npm run bot`): liveness and readiness,
// a SIGTERM that lets the turn in flight finish and still exits within 10 s with the PGlite lock
// released, and a second bot on a busy data directory that refuses in one line.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockPathFor } from '../src/store/lock';
import * as A from './fixtures/activities';
import { trackChild } from './fixtures/children';
import { ConnectorStandIn } from './fixtures/connector-standin';

const ROOT = join(__dirname, '..');
const MAIN = ['--require', require.resolve('tsx/cjs'), join(ROOT, 'src', 'main.ts')];

function startBot(dataDir: string): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  let log = '';
  const child = trackChild(
    spawn(process.execPath, MAIN, {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', MicrosoftAppId: '', DATABASE_URL: '' },
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      log += d;
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)".*LOCAL MODE/.exec(log);
      if (m) resolve({ child, url: m[1]!, log: () => log });
    });
    child.stderr!.on('data', (d) => (log += d));
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}:\n${log}`)));
  });
}

describe('main: readiness, SIGTERM and a busy data directory', function () {
  this.timeout(90_000);
  const standin = new ConnectorStandIn();
  let dataDir: string;
  let bot: Awaited<ReturnType<typeof startBot>>;
  before(async () => {
    await standin.start();
    dataDir = mkdtempSync(join(tmpdir(), 'main-lifecycle-'));
    bot = await startBot(dataDir);
  });
  after(async () => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    await standin.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /livez, and /readyz with each part (database, dispatcher, approvals job) ready', async () => {
    const live = await fetch(`${bot.url}/livez`);
    assert.equal(live.status, 200);
    let ready: { status: string; parts: Record<string, string> } | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${bot.url}/readyz`);
      ready = (await res.json()) as typeof ready;
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(ready?.status, 'ready', JSON.stringify(ready));
    assert.deepEqual(Object.keys(ready!.parts).sort(), ['approvals', 'database', 'notifications']);
  });

  it('a second bot on the same data directory refuses in one line naming the holder and the lock file', () => {
    const r = spawnSync(process.execPath, MAIN, {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, MicrosoftAppId: '', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stderr);
    // Node's own deprecation notice for restify (two lines of its own) is not the bot's output.
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !/^\(node:\d+\) \[DEP|^\(Use `node --trace-deprecation/.test(l));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^sundhedsaftale-bot \(pid \d+\): /);
    assert.match(lines[0]!, new RegExp(`in use by process ${bot.child.pid}`));
    assert.ok(lines[0]!.includes(lockPathFor(dataDir)), lines[0]);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('SIGTERM lets the turn in flight finish, releases the lock and exits 0 within 10 s', async () => {
    // The reply takes 2 s at the connector: the turn is still running when the signal comes.
    let arrived: () => void = () => undefined;
    const replying = new Promise<void>((resolve) => (arrived = resolve));
    standin.hook('*', (c) => {
      if (c.route !== 'replyToActivity' && c.route !== 'sendToConversation') return undefined;
      arrived();
      return { status: 200, body: { id: 'r1' }, delayMs: 2000 };
    });
    const turn = fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(A.message({ serviceUrl: standin.url, text: 'hjælp' })),
    });
    await replying;
    const t0 = Date.now();
    const exited = new Promise<number | null>((resolve) => bot.child.once('exit', (code) => resolve(code)));
    bot.child.kill('SIGTERM');
    const res = await turn;
    assert.equal(res.status, 200);
    assert.equal(await exited, 0, bot.log());
    assert.ok(Date.now() - t0 < 10_000, `exited after ${Date.now() - t0} ms`);
    assert.equal(existsSync(lockPathFor(dataDir)), false, 'the lock file is gone');
  });
});
