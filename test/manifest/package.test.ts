import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  buildAppPackage,
  checkAppPackage,
  fillPlaceholders,
  readAppPackage,
  readManifestDir,
  type PackageFiles,
} from '../../src/manifest/package';
import { AppManifest } from '../../src/manifest/schema';
import { decodePng, encodePng } from '../../src/manifest/png';
import { officialSchemaProblems } from '../../src/manifest/official-schema';

const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');
const VARS = {
  TEAMS_APP_ID: '3f1c9a52-7d4e-4b8a-9c1e-2a6b5d8e0f17',
  BOT_ID: '8e2d4c61-5b3a-4f9e-a7d2-1c0b9e8f6a53',
  BOT_DOMAIN: 'sundhedsaftale-bot.example.org',
};

function built(): PackageFiles {
  const result = buildAppPackage(MANIFEST_DIR, VARS);
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  return readAppPackage(result.zip);
}

/** The built package with manifest.json changed by `edit`. */
function withManifest(edit: (m: any) => void): PackageFiles {
  const files = built();
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  edit(manifest);
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return files;
}

function expectProblem(files: PackageFiles, fragment: string | RegExp): void {
  const problems = checkAppPackage(files);
  const hit = problems.some((p) => (typeof fragment === 'string' ? p.includes(fragment) : fragment.test(p)));
  assert.ok(hit, `expected a problem matching ${fragment}, got:\n${problems.join('\n') || '(none)'}`);
}

describe('Teams app package (npm run package)', () => {
  it('builds a zip that Teams would accept: manifest, both icons, English strings, nothing else', () => {
    const files = built();
    assert.deepEqual([...files.keys()].sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
    assert.deepEqual(checkAppPackage(files), []);
    const manifest = AppManifest.parse(JSON.parse(files.get('manifest.json')!.toString('utf8')));
    assert.equal(manifest.id, VARS.TEAMS_APP_ID);
    assert.equal(manifest.bots[0]!.botId, VARS.BOT_ID);
    assert.deepEqual(manifest.validDomains, [VARS.BOT_DOMAIN]);
    assert.equal(manifest.bots[0]!.supportsFiles, false);
    assert.deepEqual([...manifest.bots[0]!.scopes].sort(), ['groupChat', 'personal', 'team']);
  });

  it('offers the commands in Danish by default and in English', () => {
    const files = built();
    const manifest = AppManifest.parse(JSON.parse(files.get('manifest.json')!.toString('utf8')));
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'da');
    const personal = manifest.bots[0]!.commandLists.find((l) => l.scopes.includes('personal'))!;
    assert.deepEqual(
      personal.commands.map((c) => c.title),
      ['hjælp', 'hvem beslutter', 'status på', 'mine godkendelser', 'abonnér på klynge'],
    );
    const en = JSON.parse(files.get('en.json')!.toString('utf8'));
    const enTitles = personal.commands.map((_, i) => en[`bots[0].commandLists[0].commands[${i}].title`]);
    assert.deepEqual(enTitles, ['help', 'who decides', 'status of', 'my approvals', 'subscribe to cluster']);
    // Approvals are personal: the channel menu must not offer them.
    const channel = manifest.bots[0]!.commandLists.find((l) => l.scopes.includes('team'))!;
    assert.ok(!channel.commands.some((c) => c.title === 'mine godkendelser'));
  });

  it('refuses to build without the environment values, naming each one', () => {
    const result = buildAppPackage(MANIFEST_DIR, { TEAMS_APP_ID: VARS.TEAMS_APP_ID });
    assert.ok(!result.ok);
    assert.ok(result.problems.some((p) => p.startsWith('BOT_ID is not set')));
    assert.ok(result.problems.some((p) => p.startsWith('BOT_DOMAIN is not set')));
  });

  it('escapes a value that would break the JSON instead of corrupting the manifest', () => {
    const { files } = fillPlaceholders(readManifestDir(MANIFEST_DIR), { ...VARS, BOT_DOMAIN: 'a"b' });
    assert.doesNotThrow(() => JSON.parse(files.get('manifest.json')!.toString('utf8')));
    expectProblem(files, 'validDomains.0: must be a host name');
  });

  it('catches what Teams refuses on upload', () => {
    expectProblem(
      withManifest((m) => (m.name.short = 'Sundhedsaftalesamarbejdets bot!')),
      'name.short',
    );
    expectProblem(
      withManifest((m) => (m.description.short = 'x'.repeat(81))),
      'description.short',
    );
    expectProblem(
      withManifest((m) => (m.description.full = 'x'.repeat(4001))),
      'description.full',
    );
    expectProblem(
      withManifest((m) => (m.id = 'sundhedsaftale-bot')),
      'id must be the Teams app id',
    );
    expectProblem(
      withManifest((m) => (m.bots[0].botId = '28:abc')),
      'botId must be the Microsoft App ID',
    );
    expectProblem(
      withManifest((m) => (m.bots[0].commandLists[0].commands[0].title = 'hvem beslutter om beredskabspuljen i 2017')),
      'commands.0.title',
    );
    expectProblem(
      withManifest(
        (m) =>
          (m.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({
            title: `c${i}`,
            description: 'd',
          }))),
      ),
      'commandLists.0.commands',
    );
    expectProblem(
      withManifest((m) => m.bots[0].commandLists[1].scopes.push('personal')),
      'scope personal has more than one command list',
    );
    expectProblem(
      withManifest((m) => (m.manifestVersion = '1.16')),
      'manifestVersion',
    );
    expectProblem(
      withManifest((m) => (m.validDomains = ['https://bot.example.org'])),
      'validDomains.0',
    );
    expectProblem(
      withManifest((m) => (m.developer.privacyUrl = 'http://example.org/privacy')),
      'developer.privacyUrl',
    );
  });

  it('checks the localization file against the manifest', () => {
    const files = built();
    const en = JSON.parse(files.get('en.json')!.toString('utf8'));
    delete en['bots[0].commandLists[0].commands[3].title'];
    en['bots[0].commandLists[2].commands[0].title'] = 'ghost';
    en['name.short'] = 'The Health Agreement Decision Bot';
    files.set('en.json', Buffer.from(JSON.stringify(en)));
    expectProblem(files, '"bots[0].commandLists[0].commands[3].title" is not translated');
    expectProblem(files, '"bots[0].commandLists[2].commands[0].title" does not name');
    expectProblem(files, /"name\.short" is 33 characters, Teams allows 30/);
    files.delete('en.json');
    expectProblem(files, 'en.json: missing');
  });

  it('checks the icons: sizes, and a white-on-transparent outline', () => {
    const color = decodePng(built().get('color.png')!);
    assert.ok(color.ok);
    assert.equal(color.image.width, 192);

    const small = built();
    small.set('color.png', encodePng({ width: 96, height: 96, data: new Uint8Array(96 * 96 * 4).fill(255) }));
    expectProblem(small, 'must be 192x192 pixels, is 96x96');

    const colouredOutline = built();
    const data = new Uint8Array(32 * 32 * 4);
    data.set([14, 107, 112, 255], 4 * 40);
    colouredOutline.set('outline.png', encodePng({ width: 32, height: 32, data }));
    expectProblem(colouredOutline, 'must be white on transparent');

    const opaqueOutline = built();
    opaqueOutline.set('outline.png', encodePng({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 4).fill(255) }));
    expectProblem(opaqueOutline, 'needs a transparent background');

    const notPng = built();
    notPng.set('outline.png', Buffer.from('GIF89a'));
    expectProblem(notPng, 'not a PNG file');
  });

  it('reports a placeholder left in any file and files in folders', () => {
    const files = built();
    files.set('en.json', Buffer.from(files.get('en.json')!.toString('utf8').replace('"help"', '"${{HELP_TITLE}}"')));
    files.set('img/extra.png', files.get('color.png')!);
    expectProblem(files, 'placeholder ${{HELP_TITLE}} was not filled in');
    expectProblem(files, 'img/extra.png: files must be at the top');
  });
});

describe("Teams app package against Microsoft's own JSON schema (v1.22, from @microsoft/app-manifest)", () => {
  it('the built manifest and its English localization conform', () => {
    const files = built();
    assert.deepEqual(
      officialSchemaProblems('manifest', 'manifest.json', JSON.parse(files.get('manifest.json')!.toString('utf8'))),
      [],
    );
    assert.deepEqual(
      officialSchemaProblems('localization', 'en.json', JSON.parse(files.get('en.json')!.toString('utf8'))),
      [],
    );
  });

  it(
    'reports what only the official schema knows: a field it does not define, a bad enum value, a malformed ' +
      'localization key',
    () => {
      expectProblem(
        withManifest((m) => (m.bots[0].supportsTelepathy = true)),
        /additional properties \(supportsTelepathy\) \[Microsoft schema v1\.22\]/,
      );
      expectProblem(
        withManifest((m) => (m.permissions = ['identity', 'readMinds'])),
        /\/permissions\/1 must be equal to one of the allowed values \[Microsoft schema/,
      );
      const files = built();
      const en = JSON.parse(files.get('en.json')!.toString('utf8'));
      en['bots[0].commandLists[0].commands[0].titel'] = 'help';
      files.set('en.json', Buffer.from(JSON.stringify(en)));
      expectProblem(
        files,
        /en\.json: \(root\) must NOT have additional properties \(bots\[0\]\.commandLists\[0\]\.commands\[0\]\.titel\)/,
      );
    },
  );
});

describe('the tab in the app package', () => {
  it('ships the personal tab, the channel tab and SSO on the bot domain, in both languages', () => {
    const files = built();
    assert.deepEqual(checkAppPackage(files), []);
    const m = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    assert.equal(m.staticTabs[0].entityId, 'cases');
    assert.equal(m.staticTabs[0].contentUrl, `https://${VARS.BOT_DOMAIN}/tab/`);
    assert.equal(m.configurableTabs[0].configurationUrl, `https://${VARS.BOT_DOMAIN}/tab/config`);
    assert.deepEqual(m.webApplicationInfo, { id: VARS.BOT_ID, resource: `api://${VARS.BOT_DOMAIN}/${VARS.BOT_ID}` });
    assert.equal(JSON.parse(files.get('en.json')!.toString('utf8'))['staticTabs[0].name'], 'Cases');
  });

  it('refuses tab pages off the valid domains and SSO for another app or domain', () => {
    expectProblem(
      withManifest((m) => (m.staticTabs[0].contentUrl = 'https://elsewhere.example.org/tab/')),
      'staticTabs.0.contentUrl: host is not in validDomains',
    );
    expectProblem(
      withManifest((m) => (m.configurableTabs[0].configurationUrl = 'https://elsewhere.example.org/tab/config')),
      'configurableTabs.0.configurationUrl',
    );
    expectProblem(
      withManifest((m) => (m.webApplicationInfo.id = VARS.TEAMS_APP_ID)),
      "webApplicationInfo.id: must be the bot's app id",
    );
    expectProblem(
      withManifest((m) => (m.webApplicationInfo.resource = `api://other.example.org/${VARS.BOT_ID}`)),
      'webApplicationInfo.resource',
    );
  });
});
