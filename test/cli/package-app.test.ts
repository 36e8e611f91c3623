import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAppPackage } from '../../src/manifest/package';

const ROOT = join(__dirname, '..', '..');

function runPackage(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), join(ROOT, 'src', 'cli', 'package-app.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run package (CLI)', function () {
  this.timeout(30_000);

  it('builds build/appPackage.<env>.zip from env/.env.<env>, taking the bot id from MicrosoftAppId', () => {
    const name = `pkgtest-${process.pid}`;
    const envFile = join(ROOT, 'env', `.env.${name}`);
    const zip = join(ROOT, 'build', `appPackage.${name}.zip`);
    writeFileSync(
      envFile,
      'TEAMS_APP_ID=3f1c9a52-7d4e-4b8a-9c1e-2a6b5d8e0f17\n' +
        'MicrosoftAppId=8e2d4c61-5b3a-4f9e-a7d2-1c0b9e8f6a53\nBOT_DOMAIN=bot.example.org\n',
    );
    try {
      const r = runPackage('--env', name);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(zip));
      const manifest = JSON.parse(readAppPackage(readFileSync(zip)).get('manifest.json')!.toString('utf8'));
      assert.equal(manifest.bots[0].botId, '8e2d4c61-5b3a-4f9e-a7d2-1c0b9e8f6a53');
      assert.match(r.stdout, new RegExp(`build/appPackage\\.${name}\\.zip: 4 files`));
    } finally {
      rmSync(envFile, { force: true });
      rmSync(zip, { force: true });
    }
  });

  it('exits 2 naming every missing value, and on an unknown or malformed environment', () => {
    const local = runPackage('--env', 'local');
    assert.equal(local.code, 2);
    assert.match(local.stderr, /TEAMS_APP_ID is not set/);
    assert.match(local.stderr, /BOT_DOMAIN is not set/);
    const missing = runPackage('--env', 'no-such-env');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /env\/\.env\.no-such-env does not exist/);
    const bad = runPackage('--env', '../etc');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /letters, digits and dashes only/);
    const flag = runPackage('--bogus');
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /usage: npm run package/);
  });
});
