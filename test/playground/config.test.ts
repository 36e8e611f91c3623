import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectoryYaml } from '../../src/directory/file';
import {
  findDemoPerson,
  parsePlaygroundConfig,
  readPlaygroundConfig,
  tenantAs,
  type PlaygroundConfig,
} from '../../src/playground/config';
import { stringify } from 'yaml';
import { parseEnv } from 'node:util';

const ROOT = join(__dirname, '..', '..');

function loadRepoConfig(): PlaygroundConfig {
  const result = readPlaygroundConfig(join(ROOT, '.m365agentsplayground.yml'));
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  return result.config;
}

describe('Agents Playground tenant (.m365agentsplayground.yml)', () => {
  it('is valid for Playground 0.2.28: five users, one channel, unique ids', () => {
    const config = loadRepoConfig();
    assert.equal(config.users.length, 5);
    assert.equal(config.team.channels.length, 1);
    assert.equal(config.team.name, 'Sundhedssamarbejdet Midt');
  });

  it('has the same people, with the same aadObjectIds, as env/directory.local.yaml', () => {
    const config = loadRepoConfig();
    const directory = parseDirectoryYaml(
      readFileSync(join(ROOT, 'env', 'directory.local.yaml'), 'utf8'),
      'directory.local.yaml',
    );
    assert.ok(directory.ok, directory.ok ? '' : directory.problems.join('\n'));
    const fromPlayground = [config.currentUser, ...config.users].map((u) => `${u.aadObjectId} ${u.name}`).sort();
    const fromDirectory = directory.people.map((p) => `${p.aadObjectId} ${p.name}`).sort();
    assert.deepEqual(fromDirectory, fromPlayground);
  });

  it('casts the demo roles: the typing user is secretariat staff, two co-chairs, two secretariat heads', () => {
    const config = loadRepoConfig();
    const directory = parseDirectoryYaml(readFileSync(join(ROOT, 'env', 'directory.local.yaml'), 'utf8'));
    assert.ok(directory.ok);
    const rolesOf = (aad: string) => directory.people.find((p) => p.aadObjectId === aad)?.roles ?? [];
    assert.deepEqual(rolesOf(config.currentUser.aadObjectId), ['sekretariat']);
    const count = (role: string) => directory.people.filter((p) => p.roles.includes(role)).length;
    assert.equal(count('formandskab'), 2);
    assert.equal(count('sekretariatsledelse'), 2);
  });

  it(
    'npm start -- --as <person>: every demo person can be the current user, in a tenant the Playground ' + 'accepts',
    () => {
      const config = loadRepoConfig();
      const people = [config.currentUser, ...config.users];
      const chats = new Set<string>();
      for (const person of people) {
        const first = person.name.split(' ')[0]!;
        assert.equal(findDemoPerson(config, first.toLowerCase())?.id, person.id, first);
        const as = parsePlaygroundConfig(stringify(tenantAs(config, person)));
        assert.ok(as.ok, as.ok ? '' : as.problems.join('\n'));
        assert.equal(as.config.currentUser.id, person.id);
        assert.deepEqual(
          [as.config.currentUser, ...as.config.users].map((u) => u.id).sort(),
          people.map((u) => u.id).sort(),
        );
        chats.add(as.config.personalChat.id);
      }
      assert.equal(chats.size, people.length, 'each person has a personal chat of their own');
      assert.equal(findDemoPerson(config, 'soeren')?.name, 'Søren Dahl');
      assert.equal(findDemoPerson(config, 'nobody'), undefined);
    },
  );

  it('sends the formandskab and the secretariat management cards to the demo group chat (env/.env.local)', () => {
    const config = loadRepoConfig();
    const env = parseEnv(readFileSync(join(ROOT, 'env', '.env.local'), 'utf8')) as Record<string, string>;
    const pairs = Object.fromEntries(
      (env.APPROVAL_BODY_CONVERSATIONS ?? '').split(',').map((p) => p.split('=') as [string, string]),
    );
    assert.deepEqual(pairs, { formandskab: config.groupChat.id, sekretariatsledelse: config.groupChat.id });
  });

  it('refuses what the Playground would refuse, with a reason', () => {
    const text = readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8');
    const fourUsers = text.replace(/\n {2}- id: 29:demo-jonas-friis[\s\S]*?(?=\npersonalChat:)/, '');
    const r1 = parsePlaygroundConfig(fourUsers);
    assert.ok(!r1.ok && r1.problems.some((p) => p.includes('exactly 5 users')), JSON.stringify(r1));
    const dupChat = text.replace(
      /personalChat:\n {2}id: .*/,
      'personalChat:\n  id: 19:demo-formandskab-og-sekretariat@thread.v2',
    );
    const r2 = parsePlaygroundConfig(dupChat);
    assert.ok(!r2.ok && r2.problems.some((p) => p.includes('used twice')), JSON.stringify(r2));
    const r3 = parsePlaygroundConfig('version: "0.1.1"\n  bad: [');
    assert.ok(!r3.ok);
  });
});
