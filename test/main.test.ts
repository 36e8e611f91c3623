import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from './fixtures/activities';
import { ConnectorStandIn, cardsOf } from './fixtures/connector-standin';

const ROOT = join(__dirname, '..');
const MAIN = ['--require', require.resolve('tsx/cjs'), join(ROOT, 'src', 'main.ts')];

describe('main: npm run bot', () => {
  it('refuses bad configuration with the bad keys listed and a non-zero exit', () => {
    const r = spawnSync(process.execPath, MAIN, {
      cwd: ROOT,
      env: { ...process.env, PORT: 'abc', DEFAULT_ORG: 'syd', MicrosoftAppType: 'Nope' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /Invalid configuration/);
    for (const key of ['PORT', 'DEFAULT_ORG', 'MicrosoftAppType']) assert.match(r.stderr, new RegExp(`- ${key}:`));
  });

  describe('started with a free port and its own data directory', () => {
    let child: ChildProcess;
    let url: string;
    let dataDir: string;
    let log = '';
    const standin = new ConnectorStandIn();
    before(async function () {
      this.timeout(60_000);
      await standin.start();
      dataDir = mkdtempSync(join(tmpdir(), 'main-test-'));
      child = spawn(process.execPath, MAIN, {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', MicrosoftAppId: '', DATABASE_URL: '' },
      });
      url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d) => {
          log += d;
          const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)".*LOCAL MODE/.exec(log);
          if (m) resolve(m[1]!);
        });
        child.stderr!.on('data', (d) => (log += d));
        child.once('exit', (code) => reject(new Error(`bot exited with ${code}:\n${log}`)));
      });
    });
    after(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await standin.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('says that authentication is off and binds loopback only', () => {
      assert.match(log, /authentication is OFF/);
      assert.match(url, /^http:\/\/127\.0\.0\.1:/);
    });

    it('answers /healthz and a question with an answer card at the connector', async () => {
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal((await health.json()).auth, 'off');
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(
          A.message({ serviceUrl: standin.url, text: 'Hvem beslutter om vi må bruge penge fra beredskabspuljen?' }),
        ),
      });
      assert.equal(res.status, 200);
      assert.equal(cardsOf(standin.sentActivities()[0]).length, 1);
    });

    it('stops cleanly on SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    });
  });
});
