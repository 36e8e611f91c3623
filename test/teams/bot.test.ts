import { strict as assert } from 'node:assert';
import type { Answer } from '../../src/assistant/answer';
import { MAX_QUERY_CHARS } from '../../src/teams/turn';
import * as A from '../fixtures/activities';
import { answeredSample, clarifySample, outOfScopeSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { cardActions, cardParseErrors } from '../fixtures/card-check';
import { cardsOf } from '../fixtures/connector-standin';

/**
 * Bot turns through the real HTTP endpoint and CloudAdapter, with replies captured at the Bot
 * Connector stand-in. The assistant is scripted here so that every Answer status can be shown;
 * test/teams/bot-engine.test.ts runs the same path with the real engine.
 */
describe('teams bot: turns over HTTP', () => {
  let respond: (text: string) => Answer = () => answeredSample();
  const assistant = recordingAssistant((text, o) => ({
    ...respond(text),
    lang: o.lang ?? o.langHint ?? respond(text).lang,
  }));
  let h: BotHarness;
  let serviceUrl: string;
  before(async () => {
    h = await startBotHarness({ assistant });
    serviceUrl = h.standin.url;
  });
  after(async () => h.close());
  beforeEach(() => {
    h.standin.reset();
    assistant.calls.length = 0;
    respond = () => answeredSample();
  });

  function sent(): any[] {
    return h.standin.sentActivities();
  }

  it(
    'personal chat: a question gets the answer card, and the assistant gets the text, org and ' + 'conversation',
    async () => {
      const res = await h.post(
        A.message({ serviceUrl, text: 'Hvem beslutter om vi må bruge penge fra beredskabspuljen?' }),
      );
      assert.equal(res.status, 200);
      assert.equal(assistant.calls.length, 1);
      assert.equal(assistant.calls[0]!.text, 'Hvem beslutter om vi må bruge penge fra beredskabspuljen?');
      assert.equal(assistant.calls[0]!.options.org, 'midt');
      assert.equal(assistant.calls[0]!.options.lang, undefined, 'a Danish locale leaves the language to the engine');
      assert.equal(assistant.calls[0]!.options.intent?.kind, 'who_decides', 'the bot passes the intent it detected');
      const [reply] = sent();
      const [card] = cardsOf(reply);
      assert.deepEqual(cardParseErrors(card), []);
      assert.match(JSON.stringify(card), /Sundhedsstyregruppens formandskab/);
    },
  );

  it('channel: the @mention is removed before asking, and the reply goes to the thread', async () => {
    const activity = A.message({ serviceUrl, scope: 'channel', text: 'hvem godkender en ny samarbejdsaftale?' });
    assert.match(activity.text, /^<at>Sundhedsaftale<\/at> /);
    await h.post(activity);
    assert.equal(assistant.calls[0]!.text, 'hvem godkender en ny samarbejdsaftale?');
    const reply = h.standin.calls.find((c) => c.route === 'replyToActivity')!;
    assert.equal(reply.params.conversationId, activity.conversation.id);
    assert.equal(cardsOf(reply.body).length, 1);
  });

  it('group chat: a mention in the middle of the text is removed too; other people keep their names', async () => {
    const a = A.message({ serviceUrl, scope: 'groupChat', text: 'x', mention: false });
    a.text = 'spørg <at>Sundhedsaftale</at> hvem <at>Bo Nielsen</at> skal spørge om puljen';
    a.entities.push({ type: 'mention', text: '<at>Sundhedsaftale</at>', mentioned: A.BOT });
    a.entities.push({
      type: 'mention',
      text: '<at>Bo Nielsen</at>',
      mentioned: { id: A.USERS.bo.id, name: A.USERS.bo.name },
    });
    await h.post(a);
    assert.equal(assistant.calls[0]!.text, 'spørg hvem Bo Nielsen skal spørge om puljen');
  });

  it('a malformed mention entity does not crash the turn; the leading bot tag is still dropped', async () => {
    const a = A.message({ serviceUrl, scope: 'channel', text: 'hvem beslutter?' });
    a.entities = [{ type: 'mention', text: '<at>Sundhedsaftale</at>' }];
    const res = await h.post(a);
    assert.equal(res.status, 200);
    assert.equal(assistant.calls[0]!.text, 'hvem beslutter?');
  });

  it('English Teams locale: the question is asked in English', async () => {
    await h.post(A.message({ serviceUrl, text: 'who approves a new cooperation agreement?', locale: 'en-US' }));
    assert.equal(assistant.calls[0]!.options.langHint, 'en', 'the locale is a hint: the text decides first');
    assert.ok(JSON.stringify(cardsOf(sent()[0])[0]).includes('Central Denmark Region'));
  });

  it(
    'clarify: "Mener du ...?" buttons; clicking one (Action.Execute) asks its query and returns the answer ' + 'card',
    async () => {
      respond = (text) => (text.includes('klynge') ? answeredSample({ deciders: ['klynge'] }) : clarifySample());
      await h.post(A.message({ serviceUrl, text: 'hvem godkender projekter?' }));
      const [card] = cardsOf(sent()[0]);
      const buttons = cardActions(card);
      assert.equal(buttons.length, 2);
      const click = buttons[1];
      const res = await h.post(A.execute({ serviceUrl, verb: click.verb, data: click.data }));
      assert.equal(res.status, 200);
      assert.equal(res.body.statusCode, 200);
      assert.equal(res.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.deepEqual(cardParseErrors(res.body.value), []);
      assert.equal(assistant.calls[1]!.text, clarifySample().choices![1]!.query);
      assert.equal(assistant.calls[1]!.options.org, 'midt');
    },
  );

  it('clarify via Action.Submit (message with value) answers with a new message', async () => {
    await h.post(
      A.submit({
        serviceUrl,
        data: { verb: 'ask.choice', query: 'Hvem godkender en fælles samarbejdsaftale?', org: 'nord' },
      }),
    );
    assert.equal(assistant.calls[0]!.text, 'Hvem godkender en fælles samarbejdsaftale?');
    assert.equal(assistant.calls[0]!.options.org, 'nord');
    assert.equal(cardsOf(sent()[0]).length, 1);
  });

  it(
    'an example button on the help card (Action.Execute) is answered with the answer card for the ' + 'clicker',
    async () => {
      respond = (text) =>
        /hjælp/.test(text) ? { ...outOfScopeSample(), status: 'answered', intent: 'help' } : answeredSample();
      await h.post(A.message({ serviceUrl, text: 'hjælp' }));
      const [help] = cardsOf(sent()[0]);
      const example = cardActions(help)[0];
      assert.equal(example.type, 'Action.Execute');
      const res = await h.post(A.execute({ serviceUrl, verb: example.verb, data: example.data }));
      assert.equal(assistant.calls.at(-1)!.text, example.data.query);
      assert.equal(res.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(JSON.stringify(res.body.value), /Sundhedsstyregruppens formandskab/);
    },
  );

  it('out of scope: one line and what the bot can answer', async () => {
    respond = () => outOfScopeSample();
    await h.post(A.message({ serviceUrl, text: 'hvad er der til frokost i kantinen?' }));
    const [card] = cardsOf(sent()[0]);
    assert.equal(card.body[0].text, outOfScopeSample().text);
    assert.match(JSON.stringify(card), /Jeg kan svare på/);
  });

  it('a case that does not exist (not_found) is said in plain text', async () => {
    respond = () => ({
      ...outOfScopeSample(),
      status: 'not_found',
      intent: 'case_status',
      text: 'Sag SAG-2026-0999 findes ikke.',
    });
    await h.post(A.message({ serviceUrl, text: 'hvem har sag 2026-999?' }));
    assert.equal(sent()[0].text, 'Sag SAG-2026-0999 findes ikke.');
  });

  for (const [word, lang] of [
    ['hjælp', 'da'],
    ['help', 'en'],
  ] as const) {
    it(`"${word}" shows the help card in ${lang === 'da' ? 'Danish' : 'English'}`, async () => {
      respond = () => ({ ...outOfScopeSample(), status: 'answered', intent: 'help', lang });
      await h.post(A.message({ serviceUrl, text: word }));
      const json = JSON.stringify(cardsOf(sent()[0])[0]);
      assert.match(json, lang === 'da' ? /Hvad kan jeg hjælpe med/ : /What can I help with/);
    });
  }

  describe('bad input', () => {
    for (const [what, build] of [
      ['an empty message', () => A.message({ serviceUrl, text: '' })],
      ['a whitespace-only message', () => A.message({ serviceUrl, text: '   \n ' })],
      ['only an @mention in a channel', () => A.mentionOnly({ serviceUrl, scope: 'channel' })],
      ['a message without a text field', () => ({ ...A.message({ serviceUrl, text: 'x' }), text: undefined })],
    ] as const) {
      it(`${what} gets the help card, without asking the engine`, async () => {
        const res = await h.post(build());
        assert.equal(res.status, 200);
        assert.equal(assistant.calls.length, 0);
        const [card] = cardsOf(sent()[0]);
        assert.match(JSON.stringify(card), /Du skrev ikke noget spørgsmål/);
        assert.deepEqual(cardParseErrors(card), []);
      });
    }

    it('a 10,000-character message is cut for matching and the user is told', async () => {
      const long = 'hvem beslutter om beredskabspuljen ' + 'bla '.repeat(2500);
      assert.ok(long.length >= 10_000);
      const res = await h.post(A.message({ serviceUrl, text: long }));
      assert.equal(res.status, 200);
      assert.ok(assistant.calls[0]!.text.length <= MAX_QUERY_CHARS);
      assert.ok(assistant.calls[0]!.text.startsWith('hvem beslutter om beredskabspuljen'));
      const [note, answer] = sent();
      assert.match(note.text, new RegExp(`første ${MAX_QUERY_CHARS} tegn`));
      assert.equal(cardsOf(answer).length, 1);
    });

    it('an attachment without text gets a clear line (in the locale language)', async () => {
      const file = { contentType: 'image/png', contentUrl: 'https://example.invalid/x.png', name: 'x.png' };
      await h.post(A.message({ serviceUrl, text: '', attachments: [file] }));
      await h.post(A.message({ serviceUrl, text: '', attachments: [file], locale: 'en-GB' }));
      const [da, en] = sent();
      assert.match(da.text, /vedhæftede filer/);
      assert.match(en.text, /attached files/);
      assert.equal(assistant.calls.length, 0);
    });

    it('an unknown invoke name gets an invoke response 501 with a clear message', async () => {
      const res = await h.post(A.invoke({ serviceUrl, name: 'composeExtension/fetchSomething', value: { x: 1 } }));
      assert.equal(res.status, 501);
      assert.match(res.body.message, /does not handle invoke "composeExtension\/fetchSomething"/);
      assert.equal(sent().length, 0);
    });

    it('an Action.Execute with an unknown verb, or without a verb, gets 400 with a message', async () => {
      const unknown = await h.post(A.execute({ serviceUrl, verb: 'nothing.here' }));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.type, 'application/vnd.microsoft.error');
      assert.match(unknown.body.value.message, /knap kender jeg ikke/);
      const noVerb = await h.post(
        A.invoke({ serviceUrl, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute' } } }),
      );
      assert.equal(noVerb.status, 400);
      const noQuery = await h.post(A.execute({ serviceUrl, verb: 'ask.choice', data: { query: '' } }));
      assert.equal(noQuery.status, 400);
      assert.equal(assistant.calls.length, 0);
    });

    it('an Action.Submit with an unknown verb gets a clear line', async () => {
      await h.post(A.submit({ serviceUrl, data: { verb: 'zzz' } }));
      assert.match(sent()[0].text, /knap kender jeg ikke/);
    });

    it('when the engine throws, the user gets a polite reply and the request still succeeds', async () => {
      respond = () => {
        throw new Error('boom');
      };
      const res = await h.post(A.message({ serviceUrl, text: 'hvem beslutter?' }));
      assert.equal(res.status, 200);
      assert.match(sent()[0].text, /Beklager, noget gik galt/);
      const click = await h.post(A.execute({ serviceUrl, verb: 'ask.choice', data: { query: 'x' }, locale: 'en-US' }));
      assert.equal(click.status, 200);
      assert.equal(click.body.type, 'application/vnd.microsoft.activity.message');
      assert.match(click.body.value, /Sorry, something went wrong/);
    });

    it('when the Bot Connector refuses the reply, the request does not fail with 500', async () => {
      // 403 rather than 5xx: the connector client retries 5xx with back-off, which only slows the test.
      h.standin.failNext('*', 403, { times: 2 });
      const res = await h.post(A.message({ serviceUrl, text: 'hvem beslutter?' }));
      assert.equal(res.status, 200);
      assert.equal(
        h.standin.calls.filter((c) => c.status === 403).length,
        2,
        'the answer and the apology were both attempted',
      );
    });
  });

  describe('welcome', () => {
    it(
      'the bot added to a team gets one welcome card with the @mention tip (conversationUpdate + ' +
        'installationUpdate)',
      async () => {
        await h.post(
          A.conversationUpdate({ serviceUrl, scope: 'channel', conversationId: '19:welcome-team@thread.tacv2' }),
        );
        await h.post(
          A.installationUpdate({ serviceUrl, scope: 'channel', conversationId: '19:welcome-team@thread.tacv2' }),
        );
        const cards = sent().flatMap(cardsOf);
        assert.equal(cards.length, 1);
        assert.match(JSON.stringify(cards[0]), /Hej! Jeg er sundhedsaftale-botten/);
        assert.match(JSON.stringify(cards[0]), /skriv @/);
      },
    );

    it('personal install (installationUpdate add) welcomes in English for an English locale', async () => {
      await h.post(A.installationUpdate({ serviceUrl, locale: 'en-US', conversationId: 'a:personal-welcome-en' }));
      const [card] = cardsOf(sent()[0]);
      assert.match(JSON.stringify(card), /Hi! I am the health agreement bot/);
    });

    it('other members joining, and uninstalling, do not trigger a welcome', async () => {
      await h.post(
        A.conversationUpdate({
          serviceUrl,
          scope: 'channel',
          membersAdded: [{ id: A.USERS.bo.id }],
          conversationId: '19:other@thread.tacv2',
        }),
      );
      await h.post(A.installationUpdate({ serviceUrl, action: 'remove', conversationId: 'a:personal-removed' }));
      assert.equal(sent().length, 0);
    });
  });
});
