import assert from 'node:assert/strict';
import { describeEachStore } from './helpers/databases';
import { KyselyConversations } from '../../src/store/conversations';
import { KyselyDirectory } from '../../src/store/directory';
import { parseDirectoryYaml } from '../../src/directory/file';
import { isSecretariatStaff } from '../../src/directory/person';

describeEachStore('conversations', (get) => {
  const ref = (id: string) => ({
    conversation: { id },
    serviceUrl: 'https://smba.example/',
    bot: { id: 'b' },
    channelId: 'msteams',
  });

  it('records every conversation with its reference and keeps the organisation binding across refreshes', async () => {
    const conv = new KyselyConversations(get().store.db);
    await conv.upsert({
      id: 'c1',
      kind: 'channel',
      teamId: 't1',
      tenantId: 'ten',
      serviceUrl: 'https://smba.example/',
      reference: ref('c1'),
    });
    await conv.upsert({ id: 'c2', kind: 'personal', serviceUrl: 'https://smba.example/', reference: ref('c2') });
    assert.deepEqual(await conv.bindOrg('c1', 'nord'), { kind: 'bound', org: 'nord' });
    await conv.upsert({
      id: 'c1',
      kind: 'channel',
      teamId: 't1',
      tenantId: 'ten',
      serviceUrl: 'https://smba2.example/',
      reference: ref('c1'),
    });
    const c1 = await conv.get('c1');
    assert.equal(c1?.org, 'nord');
    assert.equal(c1?.serviceUrl, 'https://smba2.example/');
    assert.deepEqual(c1?.reference, ref('c1'));
    assert.equal(await conv.orgOf('c2'), null);
    assert.deepEqual(
      (await conv.list({ teamId: 't1' })).map((c) => c.id),
      ['c1'],
    );
    await conv.markRemoved('c2');
    assert.deepEqual(
      (await conv.list()).map((c) => c.id),
      ['c1'],
    );
    assert.deepEqual((await conv.list({ includeRemoved: true })).map((c) => c.id).sort(), ['c1', 'c2']);
  });

  it('refuses to bind a conversation it has never seen', async () => {
    const conv = new KyselyConversations(get().store.db);
    assert.deepEqual(await conv.bindOrg('nope', 'midt'), { kind: 'unknown_conversation' });
    assert.equal(await conv.get('nope'), null);
  });
});

describeEachStore('directory of people', (get) => {
  it('loads people from the directory file and finds them by Entra object id and role', async () => {
    const parsed = parseDirectoryYaml(
      [
        'people:',
        '  - name: Sara Sekretær',
        '    aadObjectId: 00000000-0000-0000-0000-000000000001',
        '    org: midt',
        '    roles: [sekretariat]',
        '  - name: Frida Formand',
        '    aadObjectId: 00000000-0000-0000-0000-000000000002',
        '    org: midt',
        '    roles: [formandskab, "klynge:horsens"]',
      ].join('\n'),
    );
    assert.ok(parsed.ok);
    const dir = new KyselyDirectory(get().store.db);
    await dir.upsertMany(parsed.people);
    const sara = await dir.get('00000000-0000-0000-0000-000000000001');
    assert.equal(sara?.name, 'Sara Sekretær');
    assert.ok(isSecretariatStaff(sara));
    assert.equal(isSecretariatStaff(await dir.get('00000000-0000-0000-0000-000000000002')), false);
    assert.deepEqual(
      (await dir.list({ role: 'klynge:horsens' })).map((p) => p.name),
      ['Frida Formand'],
    );
    await dir.upsertMany([{ ...sara!, roles: [] }]);
    assert.deepEqual((await dir.get(sara!.aadObjectId))?.roles, []);
  });
});

describe('directory file', () => {
  it('refuses a bad file whole, naming the line of each problem', () => {
    const r = parseDirectoryYaml(
      [
        'people:',
        '  - name: A',
        '    aadObjectId: x',
        '    org: syd',
        '    roles: [chef]',
        '  - name: B',
        '    aadObjectId: x',
        '    org: midt',
      ].join('\n'),
      'dir.yaml',
    );
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(
      r.problems.some((p) => /^dir\.yaml:4: people\.0\.org/.test(p)),
      r.problems.join('\n'),
    );
    assert.ok(
      r.problems.some((p) => /^dir\.yaml:5: people\.0\.roles\.0/.test(p)),
      r.problems.join('\n'),
    );
  });

  it('refuses two people with one Entra object id', () => {
    const r = parseDirectoryYaml(
      ['people:', '  - { name: A, aadObjectId: x, org: midt }', '  - { name: B, aadObjectId: x, org: nord }'].join(
        '\n',
      ),
      'dir.yaml',
    );
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.match(
        r.problems.join('\n'),
        /dir\.yaml:3: people\.1\.aadObjectId: aadObjectId x is also used by people\[0\]/,
      );
  });
});
