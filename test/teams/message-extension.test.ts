// The message extension through the real endpoint (restify + CloudAdapter + TeamsBot): the
// composeExtension invokes Teams posts for the search commands (paging, bad parameters, unknown
// ids), link unfurling, the "create case from message" dialog and its submission, and the Universal
// Actions refresh of inserted cards; the store on PGlite and PostgreSQL, every card parsed.
import assert from 'node:assert/strict';
import pino from 'pino';
import { KyselyShownCases } from '../../src/store/shown-cases';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import { KyselyConversations } from '../../src/store/conversations';
import { KyselyDirectory } from '../../src/store/directory';
import { ConversationTracker } from '../../src/teams/conversation-tracker';
import { caseDeepLink, tabCaseUrl } from '../../src/tab/links';
import { seedCaseWorld } from '../fixtures/case-world';
import { CHANNEL_ID, USERS, execute, invoke, type User } from '../fixtures/activities';
import { answeredSample, clarifySample, outOfScopeSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { cardActions, cardBytes, cardParseErrors, unexpandedExpressions } from '../fixtures/card-check';
import { describeEachStore } from '../store/helpers/databases';
import { SARA, casesService } from '../cases/helpers';

const BOT_DOMAIN = 'bot.sundhedsaftale.example';
const TEAMS_APP_ID = '6f4c2a1e-1111-4222-8333-944445555666';
const THREAD = `${CHANNEL_ID};messageid=1764590000000`;

/** Teams' limits for a card a message extension inserts. */
function checkCard(card: any): void {
  assert.deepEqual(cardParseErrors(card), []);
  assert.deepEqual(unexpandedExpressions(card), []);
  assert.ok(cardBytes(card) <= 28 * 1024, `card is ${cardBytes(card)} bytes`);
  assert.ok(Number(card.version) <= 1.5, `card version ${card.version}`);
}

describeEachStore('the message extension', (get) => {
  let harness: BotHarness;
  const assistant = recordingAssistant((text) => {
    if (/beredskabspulje|fælles samarbejdsaftale/i.test(text)) return answeredSample();
    if (/godkender/i.test(text)) return clarifySample();
    return outOfScopeSample();
  });

  before(async () => {
    const store = get().store;
    const conversations = new KyselyConversations(store.db);
    const cases = casesService(store);
    const directory = new KyselyDirectory(store.db);
    const clusters = () => [{ id: 'horsens', name: { da: 'Horsens-klyngen', en: 'Horsens cluster' } }];
    harness = await startBotHarness({
      assistant,
      features: {
        cases: { cases, directory, shown: new KyselyShownCases(store.db), clusters },
        conversations: { conversations, tracker: new ConversationTracker(conversations, pino({ level: 'silent' })) },
        messageExtension: { cases, directory, clusters, botDomain: BOT_DOMAIN, teamsAppId: TEAMS_APP_ID },
      },
    });
  });
  after(async () => harness?.close());

  beforeEach(async () => {
    harness.standin.reset();
    await seedCaseWorld(get().store);
  });

  async function send(name: string, value: unknown, o: { user?: User; locale?: string } = {}) {
    const res = await harness.post(
      invoke({
        serviceUrl: harness.standin.url,
        scope: 'channel',
        conversationId: THREAD,
        user: o.user ?? USERS.anna,
        locale: o.locale ?? 'da-DK',
        name,
        value,
      }),
    );
    assert.ok(res.status < 500, `${name} answered ${res.status}: ${res.text}`);
    return res;
  }

  async function search(commandId: string, parameters: unknown, queryOptions: unknown = { skip: 0, count: 25 }) {
    const res = await send('composeExtension/query', { commandId, parameters, queryOptions });
    return res;
  }

  /** The results of a composeExtension result: each card checked, with its preview. */
  function resultsOf(res: { status: number; body: any }) {
    assert.equal(res.status, 200);
    const ext = res.body.composeExtension;
    assert.equal(ext.type, 'result', JSON.stringify(res.body).slice(0, 300));
    assert.ok(ext.attachments.length <= 25);
    for (const a of ext.attachments) {
      assert.equal(a.contentType, 'application/vnd.microsoft.card.adaptive');
      checkCard(a.content);
      assert.equal(a.preview.contentType, 'application/vnd.microsoft.card.thumbnail');
      assert.ok(a.preview.content.title.length > 0);
    }
    return ext.attachments as Array<{ content: any; preview: { content: { title: string; text: string } } }>;
  }

  const ids = (list: Array<{ preview: { content: { title: string } } }>) =>
    list.map((a) => /SAG-\d{4}-\d{4}/.exec(a.preview.content.title)?.[0]);

  function messageOf(res: { status: number; body: any }): string {
    assert.equal(res.status, 200);
    assert.equal(res.body.composeExtension.type, 'message', JSON.stringify(res.body).slice(0, 300));
    return res.body.composeExtension.text;
  }

  describe('findCase', () => {
    it('finds by fuzzy title, typos and ASCII spellings, with id, title and current step in the preview', async () => {
      const iv = resultsOf(await search('findCase', [{ name: 'query', value: 'IV-aftalen' }]));
      assert.equal(ids(iv)[0], 'SAG-2026-0001');
      assert.match(iv[0]!.preview.content.title, /^SAG-2026-0001 · Samarbejdsaftale om intravenøs/);
      assert.equal(iv[0]!.preview.content.text, 'Kommentering · Sundhedsaftalesekretariatet');
      const typo = resultsOf(await search('findCase', [{ name: 'query', value: 'respirasjonsaftalen' }]));
      assert.equal(ids(typo)[0], 'SAG-2026-0002');
      const ascii = resultsOf(await search('findCase', [{ name: 'query', value: 'folgeforskning' }]));
      assert.equal(ids(ascii)[0], 'SAG-2026-0005');
      const part = resultsOf(await search('findCase', [{ name: 'query', value: 'hjerterehab' }]));
      assert.equal(ids(part)[0], 'SAG-2026-0006');
    });

    it('finds the cases of a process or a cluster named in the query', async () => {
      const pool = ids(resultsOf(await search('findCase', [{ name: 'query', value: 'beredskabspuljen' }])));
      assert.ok(pool.includes('SAG-2026-0005') && pool.includes('SAG-2026-0006'), pool.join());
      assert.ok(!pool.includes('SAG-2026-0003'), pool.join());
      const horsens = ids(resultsOf(await search('findCase', [{ name: 'query', value: 'Horsens' }])));
      assert.ok(horsens.includes('SAG-2026-0004'), horsens.join());
      assert.ok(!horsens.includes('SAG-2026-0003'), horsens.join());
    });

    it('finds by case id, in either spelling', async () => {
      assert.deepEqual(ids(resultsOf(await search('findCase', [{ name: 'query', value: 'SAG-2026-0006' }]))), [
        'SAG-2026-0006',
      ]);
      assert.deepEqual(ids(resultsOf(await search('findCase', [{ name: 'query', value: 'sag 2026 3' }]))), [
        'SAG-2026-0003',
      ]);
    });

    it('inserts a read-only status card that refreshes itself and links to the tab', async () => {
      const [first] = resultsOf(await search('findCase', [{ name: 'query', value: 'SAG-2026-0001' }]));
      const card = first!.content;
      assert.deepEqual(card.refresh.action, {
        type: 'Action.Execute',
        title: 'Opdatér',
        verb: 'ext.case',
        data: { caseId: 'SAG-2026-0001' },
      });
      const actions = cardActions(card);
      assert.deepEqual(
        actions.map((a) => a.type),
        ['Action.OpenUrl'],
      );
      assert.equal(actions[0].url, caseDeepLink(TEAMS_APP_ID, 'SAG-2026-0001', BOT_DOMAIN));
      assert.doesNotMatch(JSON.stringify(card), /case\.move|case\.comment|Input\./);
      assert.match(JSON.stringify(card), /"title":"Ligger hos","value":"Sundhedsaftalesekretariatet · Kommentering"/);
    });

    it('pages with skip and count, never more than 25', async () => {
      const all = ids(resultsOf(await search('findCase', [{ name: 'query', value: 'samarbejdsaftale' }])));
      assert.ok(all.length >= 2, all.join());
      const p1 = ids(
        resultsOf(await search('findCase', [{ name: 'query', value: 'samarbejdsaftale' }], { skip: 0, count: 1 })),
      );
      const p2 = ids(
        resultsOf(await search('findCase', [{ name: 'query', value: 'samarbejdsaftale' }], { skip: 1, count: 1 })),
      );
      assert.deepEqual([...p1, ...p2], all.slice(0, 2));
      const beyond = resultsOf(
        await search('findCase', [{ name: 'query', value: 'samarbejdsaftale' }], { skip: 50, count: 25 }),
      );
      assert.deepEqual(beyond, []);
      // Thirty cases with one word in common: Teams gets 25, the rest on the next page.
      const service = casesService(get().store);
      for (let i = 1; i <= 30; i++) {
        const r = await service.create(SARA, { title: `Pagingprøve nummer ${i}`, org: 'midt', processId: 'type-a' });
        assert.equal(r.kind, 'ok');
      }
      // These cases were written beside the bot's repository, as by another process: its search index
      // sees them within 250 ms (src/store/cases-repository.ts), so ask until then, and at most 2 s.
      const until = Date.now() + 2000;
      const page = () => search('findCase', [{ name: 'query', value: 'pagingprøve' }], { count: 500 });
      let res = await page();
      while (res.body.composeExtension?.attachments?.length !== 25 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        res = await page();
      }
      const first = resultsOf(res);
      assert.equal(first.length, 25);
      const rest = resultsOf(
        await search('findCase', [{ name: 'query', value: 'pagingprove' }], { skip: 25, count: 25 }),
      );
      assert.equal(rest.length, 5);
      assert.equal(new Set([...ids(first), ...ids(rest)]).size, 30);
    });

    it('answers empty, too short, garbage and unknown ids with a helpful text, not an error', async () => {
      for (const value of ['', '   ', 'x', '?!', null])
        assert.equal(
          messageOf(await search('findCase', [{ name: 'query', value }])),
          'Skriv et sagsnummer eller en del af titlen, fx SAG-2026-0001 eller IV-aftalen',
          `query ${JSON.stringify(value)}`,
        );
      assert.match(messageOf(await search('findCase', [{ name: 'initialRun', value: 'true' }])), /Skriv et sagsnummer/);
      assert.match(messageOf(await search('findCase', [])), /Skriv et sagsnummer/);
      assert.match(
        messageOf(await search('findCase', [{ name: 'query', value: 'kantinens menukort' }])),
        /Ingen sag passer på "kantinens menukort"/,
      );
      assert.match(
        messageOf(await search('findCase', [{ name: 'query', value: 'SAG-2099-9999' }])),
        /Ingen sag passer på "SAG-2099-9999"/,
      );
      assert.match(
        messageOf(await search('findCase', [{ name: 'query', value: 'x'.repeat(5000) }])),
        /Ingen sag|Skriv et sagsnummer/,
      );
    });

    it('speaks English to an English client', async () => {
      const res = await send(
        'composeExtension/query',
        { commandId: 'findCase', parameters: [{ name: 'query', value: 'heart rehabilitation' }] },
        { locale: 'en-GB' },
      );
      const [first] = resultsOf(res);
      assert.match(JSON.stringify(first!.content), /"title":"Held by"/);
      const empty = await send(
        'composeExtension/query',
        { commandId: 'findCase', parameters: [{ name: 'query', value: '' }] },
        { locale: 'en-GB' },
      );
      assert.match(messageOf(empty), /^Type a case id or part of its title/);
    });
  });

  describe('bad requests', () => {
    it('refuses unknown command ids and malformed parameters with a 400 and a reason', async () => {
      const unknown = await search('deleteEverything', [{ name: 'query', value: 'iv' }]);
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.message, /Kommandoen "deleteEverything" findes ikke/);
      for (const value of [
        {},
        { commandId: '' },
        { commandId: 'findCase', parameters: 'iv' },
        { commandId: 'findCase', parameters: [{ value: 'iv' }] },
        { commandId: 'findCase', queryOptions: { skip: -1 } },
        { commandId: 'findCase', queryOptions: { count: 'many' } },
        'findCase',
      ]) {
        const res = await send('composeExtension/query', value);
        assert.equal(res.status, 400, JSON.stringify(value));
        assert.equal(res.body.code, 'BadRequest');
        assert.ok(res.body.message.length > 0);
      }
      const noValue = await send('composeExtension/query', undefined);
      assert.equal(noValue.status, 400);
      for (const name of [
        'composeExtension/queryLink',
        'composeExtension/fetchTask',
        'composeExtension/submitAction',
      ]) {
        const res = await send(name, { nonsense: true });
        assert.equal(res.status, 400, name);
      }
      const fetchOther = await send('composeExtension/fetchTask', { commandId: 'findCase' });
      assert.equal(fetchOther.status, 400);
      assert.match(fetchOther.body.message, /findCase/);
    });
  });

  describe('whoDecides', () => {
    it("inserts the engine's answer card (deciding body, route, source) with a refresh", async () => {
      const question = 'hvem beslutter om beredskabspuljen';
      const [only, ...rest] = resultsOf(await search('whoDecides', [{ name: 'question', value: question }]));
      assert.equal(rest.length, 0);
      const sample = answeredSample();
      const json = JSON.stringify(only!.content);
      for (const body of sample.detail!.bodies) assert.ok(json.includes(body.name), body.name);
      assert.ok(json.includes(sample.sources[0]!.title));
      assert.equal(only!.preview.content.title, sample.detail!.matterTitle);
      assert.match(only!.preview.content.text, /^Beslutter: /);
      assert.deepEqual(only!.content.refresh.action.data, { question, org: 'midt' });
      assert.equal(only!.content.refresh.action.verb, 'ext.answer');
    });

    it('offers the choices of a "did you mean" answer, answers only what it knows, and helps on empty', async () => {
      assistant.calls.length = 0;
      const choices = resultsOf(await search('whoDecides', [{ name: 'question', value: 'hvem godkender det' }]));
      // The clarify sample's two choices are asked in turn; the stub answers only the first.
      assert.equal(choices.length, 1);
      assert.deepEqual(
        assistant.calls.map((c) => c.text),
        [
          'hvem godkender det',
          'Hvem godkender en fælles samarbejdsaftale?',
          'Hvem godkender et udviklingsprojekt i en klynge?',
        ],
      );
      assert.equal(choices[0]!.content.refresh.action.data.question, 'Hvem godkender en fælles samarbejdsaftale?');
      assert.match(
        messageOf(await search('whoDecides', [{ name: 'question', value: 'hvad koster kaffen' }])),
        /intet dokumenteret svar på "hvad koster kaffen"/,
      );
      assert.match(messageOf(await search('whoDecides', [{ name: 'question', value: ' ' }])), /Skriv dit spørgsmål/);
      assert.match(messageOf(await search('whoDecides', [{ name: 'initialRun', value: 'true' }])), /Skriv dit/);
    });
  });

  describe('link unfurling', () => {
    it('unfurls the tab page and the Teams deep link of a case into its card', async () => {
      for (const url of [tabCaseUrl(BOT_DOMAIN, 'SAG-2026-0002'), caseDeepLink(TEAMS_APP_ID, 'SAG-2026-0002')]) {
        const list = resultsOf(await send('composeExtension/queryLink', { url }));
        assert.deepEqual(ids(list), ['SAG-2026-0002'], url);
        assert.equal(list[0]!.content.refresh.action.verb, 'ext.case');
      }
    });

    it('leaves other links, unknown cases and malformed URLs alone (an empty result)', async () => {
      for (const url of [
        'https://example.org/tab/cases/SAG-2026-0002',
        tabCaseUrl(BOT_DOMAIN, 'SAG-2099-0001'),
        `https://${BOT_DOMAIN}/tab/cases/not-a-case`,
        caseDeepLink('00000000-0000-4000-8000-000000000000', 'SAG-2026-0002'),
        'not a url',
      ])
        assert.deepEqual(resultsOf(await send('composeExtension/queryLink', { url })), [], url);
    });

    it('unfurls a case link for someone without the app with its id only, other links not at all', async () => {
      const url = tabCaseUrl(BOT_DOMAIN, 'SAG-2026-0002');
      const known = await send('composeExtension/queryLink', { url });
      const title = resultsOf(known)[0]!.preview.content.title as string;
      const res = await send('composeExtension/anonymousQueryLink', { url });
      assert.equal(res.status, 200);
      const [item] = resultsOf(res);
      const shown = JSON.stringify(item);
      assert.match(shown, /SAG-2026-0002/);
      assert.match(shown, /Åbn Sundhedsaftale-appen/);
      // Nothing from the store: not the title, and an unknown case looks the same as a known one.
      assert.ok(!shown.includes(title.split(' · ')[1]!), shown);
      const unknown = resultsOf(
        await send('composeExtension/anonymousQueryLink', { url: tabCaseUrl(BOT_DOMAIN, 'SAG-2099-0001') }),
      );
      assert.equal(JSON.stringify(unknown).replace(/SAG-2099-0001/g, 'SAG-2026-0002'), JSON.stringify([item]));
      assert.deepEqual(
        resultsOf(await send('composeExtension/anonymousQueryLink', { url: 'https://example.org/x' })),
        [],
      );
      assert.equal((await send('composeExtension/anonymousQueryLink', { nonsense: true })).status, 400);
    });
  });

  describe('caseFromMessage', () => {
    const messagePayload = {
      id: '1764590000000',
      subject: null,
      body: {
        contentType: 'html',
        content:
          '<p>Vi bør lave en fælles aftale om sårbehandling i eget hjem &amp; opfølgning.</p>' +
          '<p>Kan sekretariatet tage den?</p>',
      },
      from: { user: { id: USERS.bo.aadObjectId, displayName: USERS.bo.name } },
    };

    it("opens a dialog prefilled with the message's text for secretariat staff", async () => {
      const res = await send('composeExtension/fetchTask', {
        commandId: 'caseFromMessage',
        commandContext: 'message',
        messagePayload,
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.task.type, 'continue');
      assert.equal(res.body.task.value.title, 'Opret sag fra besked');
      const card = res.body.task.value.card.content;
      checkCard(card);
      const inputs = Object.fromEntries(
        (card.body as any[]).filter((e) => e.id).map((e) => [e.id, e.value as string | undefined]),
      );
      assert.equal(inputs.title, 'Vi bør lave en fælles aftale om sårbehandling i eget hjem & opfølgning.');
      assert.equal(
        inputs.description,
        'Vi bør lave en fælles aftale om sårbehandling i eget hjem & opfølgning.\nKan sekretariatet tage den?',
      );
      assert.equal(inputs.processId, 'type-a');
      assert.match(JSON.stringify(card), /Horsens-klyngen/);
      assert.deepEqual(card.actions, [{ type: 'Action.Submit', title: 'Opret sag', data: { org: 'midt' } }]);
    });

    it('refuses anyone outside the secretariat in the dialog, and writes nothing', async () => {
      const repo = new KyselyCaseRepository(get().store.db);
      const before = await repo.count();
      const fetch = await send(
        'composeExtension/fetchTask',
        { commandId: 'caseFromMessage', messagePayload },
        { user: USERS.bo },
      );
      assert.equal(fetch.status, 200);
      assert.deepEqual(fetch.body.task, {
        type: 'message',
        value:
          'Kun sekretariatets medarbejdere kan oprette sager. Spørg sekretariatet, hvis beskeden skal være en sag.',
      });
      const submit = await send(
        'composeExtension/submitAction',
        {
          commandId: 'caseFromMessage',
          messagePayload,
          data: { org: 'midt', title: 'Sneget ind', processId: 'type-a' },
        },
        { user: USERS.bo },
      );
      assert.equal(submit.body.task.type, 'message');
      assert.match(submit.body.task.value, /Kun sekretariatets medarbejdere/);
      assert.equal(await repo.count(), before);
      assert.equal(harness.standin.sentActivities().length, 0);
    });

    it('creates the case through the cases service and posts its card in the thread', async () => {
      const repo = new KyselyCaseRepository(get().store.db);
      const before = await repo.count();
      const res = await send('composeExtension/submitAction', {
        commandId: 'caseFromMessage',
        commandContext: 'message',
        messagePayload,
        data: {
          org: 'midt',
          title: 'Sårbehandling i eget hjem',
          processId: 'type-a',
          clusters: 'horsens',
          description: 'Vi bør lave en fælles aftale om sårbehandling.',
          amountDkk: '',
        },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.task.type, 'message');
      const id = /SAG-\d{4}-\d{4}/.exec(res.body.task.value)?.[0];
      assert.ok(id, res.body.task.value);
      assert.equal(await repo.count(), before + 1);
      const created = await repo.get(id);
      assert.equal(created!.title, 'Sårbehandling i eget hjem');
      assert.deepEqual(created!.clusters, ['horsens']);
      const history = await repo.history(id);
      assert.equal(history[0]!.actorId, USERS.anna.aadObjectId);
      assert.match(JSON.stringify(history), /Vi bør lave en fælles aftale om sårbehandling/);
      const sent = harness.standin.sentActivities();
      assert.equal(sent.length, 1);
      assert.equal(sent[0].conversation.id, THREAD);
      const card = sent[0].attachments[0].content;
      checkCard(card);
      assert.match(JSON.stringify(card), new RegExp(`Anna Jensen oprettede sagen ${id} fra en besked`));
      assert.equal(card.refresh.action.data.caseId, id);
    });

    it('shows the form again with the problems when the input is not a case', async () => {
      const repo = new KyselyCaseRepository(get().store.db);
      const before = await repo.count();
      const res = await send('composeExtension/submitAction', {
        commandId: 'caseFromMessage',
        data: { org: 'midt', title: 'x', processId: 'no-such-process', description: 'beholdes' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.task.type, 'continue');
      const card = res.body.task.value.card.content;
      checkCard(card);
      assert.match(JSON.stringify(card), /Formularen kunne ikke bruges/);
      assert.equal((card.body as any[]).find((e) => e.id === 'description').value, 'beholdes');
      assert.equal(await repo.count(), before);
    });
  });

  describe('refresh of inserted cards', () => {
    it('shows the case as it stands now, in the reader’s language', async () => {
      const res = await harness.post(
        execute({
          serviceUrl: harness.standin.url,
          verb: 'ext.case',
          data: { caseId: 'SAG-2026-0004' },
          locale: 'en-GB',
          user: USERS.bo,
        }),
      );
      assert.equal(res.status, 200);
      const card = res.body.value;
      checkCard(card);
      assert.match(JSON.stringify(card), /SAG-2026-0004/);
      assert.match(JSON.stringify(card), /"title":"Held by"/);
      assert.equal(card.refresh.action.verb, 'ext.case');
      assert.doesNotMatch(JSON.stringify(card), /case\.move|Input\./);
      const missing = await harness.post(
        execute({ serviceUrl: harness.standin.url, verb: 'ext.case', data: { caseId: 'SAG-2099-0001' } }),
      );
      assert.equal(missing.status, 404);
    });

    it('asks the question again for a shared answer', async () => {
      const res = await harness.post(
        execute({
          serviceUrl: harness.standin.url,
          verb: 'ext.answer',
          data: { question: 'hvem beslutter om beredskabspuljen', org: 'midt' },
        }),
      );
      assert.equal(res.status, 200);
      checkCard(res.body.value);
      assert.equal(res.body.value.refresh.action.verb, 'ext.answer');
      const bad = await harness.post(
        execute({ serviceUrl: harness.standin.url, verb: 'ext.answer', data: { question: 'x', org: 'mars' } }),
      );
      assert.equal(bad.status, 400);
    });
  });
});
