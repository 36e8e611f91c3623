// The message extension in the app package: the three commands in their contexts, link unfurling
// for the bot's domain, every string translated, and the mistakes `npm run package` must catch.
import assert from 'node:assert/strict';
import { checkAppPackage } from '../../src/manifest/package';
import { AppManifest } from '../../src/manifest/schema';
import { COMMANDS } from '../../src/teams/handlers/message-extension';
import { VARS, built } from './package-fixture';

function problemsWith(edit: (m: any) => void): string[] {
  const files = built();
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  edit(manifest);
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return checkAppPackage(files);
}

describe('the message extension in the app package', () => {
  it('declares findCase and whoDecides as searches, caseFromMessage on messages, and unfurls our links', () => {
    const files = built();
    const manifest = AppManifest.parse(JSON.parse(files.get('manifest.json')!.toString('utf8')));
    const [ext] = manifest.composeExtensions!;
    assert.equal(ext!.botId, VARS.BOT_ID);
    const byId = new Map(ext!.commands.map((c) => [c.id, c]));
    assert.deepEqual([...byId.keys()], Object.values(COMMANDS));
    assert.deepEqual(byId.get('findCase')!.context, ['compose', 'commandBox']);
    assert.equal(byId.get('findCase')!.parameters[0]!.name, 'query');
    assert.deepEqual(byId.get('whoDecides')!.context, ['compose', 'commandBox']);
    assert.equal(byId.get('whoDecides')!.parameters[0]!.name, 'question');
    assert.equal(byId.get('caseFromMessage')!.type, 'action');
    assert.deepEqual(byId.get('caseFromMessage')!.context, ['message']);
    assert.equal(byId.get('caseFromMessage')!.title, 'Opret sag fra besked');
    assert.deepEqual(ext!.messageHandlers, [
      { type: 'link', value: { domains: [VARS.BOT_DOMAIN], supportsAnonymizedPayloads: true } },
    ]);
    const en = JSON.parse(files.get('en.json')!.toString('utf8'));
    assert.equal(en['composeExtensions[0].commands[2].title'], 'Create case from message');
  });

  it('refuses a link domain outside validDomains, a search on messages, two commands with one id', () => {
    const link = problemsWith((m) => {
      m.composeExtensions[0].messageHandlers[0].value.domains = ['elsewhere.example.org'];
    });
    assert.ok(
      link.some((p) => /link domain elsewhere\.example\.org is not in validDomains/.test(p)),
      link.join('\n'),
    );
    const ctx = problemsWith((m) => {
      m.composeExtensions[0].commands[0].context.push('message');
    });
    assert.ok(
      ctx.some((p) => /a search command has no message context/.test(p)),
      ctx.join('\n'),
    );
    const dup = problemsWith((m) => {
      m.composeExtensions[0].commands[1].id = 'findCase';
    });
    assert.ok(
      dup.some((p) => /command id "findCase" is listed twice/.test(p)),
      dup.join('\n'),
    );
    const bot = problemsWith((m) => {
      m.composeExtensions[0].botId = '00000000-0000-4000-8000-000000000000';
    });
    assert.ok(
      bot.some((p) => /botId: must be the bot's botId/.test(p)),
      bot.join('\n'),
    );
  });

  it('refuses a title Teams cuts and an untranslated command', () => {
    const long = problemsWith((m) => {
      m.composeExtensions[0].commands[0].title = 'Find en sag i sundhedssamarbejdet nu';
    });
    assert.ok(
      long.some((p) => /commands\.0\.title/.test(p) || /commands\/0\/title/.test(p)),
      long.join('\n'),
    );
    const files = built();
    const en = JSON.parse(files.get('en.json')!.toString('utf8'));
    delete en['composeExtensions[0].commands[1].parameters[0].description'];
    files.set('en.json', Buffer.from(JSON.stringify(en)));
    const problems = checkAppPackage(files);
    assert.ok(
      problems.some((p) =>
        p.includes('"composeExtensions[0].commands[1].parameters[0].description" is not translated'),
      ),
      problems.join('\n'),
    );
  });
});
