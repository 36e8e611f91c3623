import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

function envDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-env-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('config', () => {
  it('the committed env/.env.local gives local mode: no auth, loopback, port 3978, org midt', () => {
    const c = loadConfig({ env: {} });
    assert.equal(c.ENV_NAME, 'local');
    assert.equal(c.PORT, 3978);
    assert.equal(c.authEnabled, false);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.DEFAULT_ORG, 'midt');
    assert.equal(c.MicrosoftAppId, undefined);
    assert.match(c.envFile ?? '', /env\/\.env\.local$/);
  });

  it('the committed env/.env.dev is a template: it refuses to start until the password is given', () => {
    assert.deepEqual(
      problems(() => loadConfig({ env: { ENV_NAME: 'dev' } })).map((p) => p.split(':')[0]),
      ['MicrosoftAppPassword'],
    );
    const c = loadConfig({ env: { ENV_NAME: 'dev', MicrosoftAppPassword: 's3cret' } });
    assert.equal(c.authEnabled, true);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.MicrosoftAppType, 'SingleTenant');
  });

  it('process.env overrides the file', () => {
    const dir = envDir({ '.env.local': 'PORT=4000\nDEFAULT_ORG=midt\n' });
    const c = loadConfig({ envDir: dir, env: { DEFAULT_ORG: 'nord' } });
    assert.equal(c.PORT, 4000);
    assert.equal(c.DEFAULT_ORG, 'nord');
  });

  it('lists every bad key at once', () => {
    const keys = problems(() =>
      loadConfig({
        envDir: envDir({}),
        env: {
          PORT: 'abc',
          DEFAULT_ORG: 'syd',
          MicrosoftAppType: 'Other',
          LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://x',
        },
      }),
    ).map((p) => p.split(':')[0]);
    assert.deepEqual(keys.sort(), ['DATABASE_URL', 'DEFAULT_ORG', 'LOG_LEVEL', 'MicrosoftAppType', 'PORT']);
  });

  it('an app id needs a password (and a tenant when single-tenant); local mode refuses a public bind address', () => {
    assert.deepEqual(
      problems(() =>
        loadConfig({ envDir: envDir({}), env: { MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant' } }),
      )
        .map((p) => p.split(':')[0])
        .sort(),
      ['MicrosoftAppPassword', 'MicrosoftAppTenantId'],
    );
    assert.deepEqual(
      problems(() => loadConfig({ envDir: envDir({}), env: { HOST: '0.0.0.0' } })).map((p) => p.split(':')[0]),
      ['HOST'],
    );
    const msi = loadConfig({
      envDir: envDir({}),
      env: { MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' },
    });
    assert.equal(msi.authEnabled, true);
  });

  it('takes the Teams app id and the bot domain for links to the tab, and refuses malformed ones', () => {
    const ok = loadConfig({
      envDir: envDir({}),
      env: { TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_DOMAIN: 'bot.example.org' },
    });
    assert.equal(ok.BOT_DOMAIN, 'bot.example.org');
    assert.deepEqual(
      problems(() =>
        loadConfig({ envDir: envDir({}), env: { TEAMS_APP_ID: 'app', BOT_DOMAIN: 'https://bot.example.org/x' } }),
      ).map((p) => p.split(':')[0]),
      ['TEAMS_APP_ID', 'BOT_DOMAIN'],
    );
  });

  it('an explicitly named environment must exist; empty values mean unset', () => {
    assert.match(
      problems(() => loadConfig({ envDir: envDir({}), env: { ENV_NAME: 'prod' } }))[0]!,
      /ENV_NAME: .*\.env\.prod does not exist/,
    );
    const c = loadConfig({ envDir: envDir({ '.env.local': 'MicrosoftAppId=\nDATABASE_URL=\n' }), env: {} });
    assert.equal(c.authEnabled, false);
    assert.equal(c.DATABASE_URL, undefined);
  });
});
