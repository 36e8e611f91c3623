// Cases in Teams, end to end: chat messages and Action.Execute clicks posted to the real HTTP
// endpoint (restify + CloudAdapter + TeamsBot), the store on PGlite and PostgreSQL, replies read
// where Teams would receive them (the Bot Connector stand-in), every card parsed by adaptivecards.
import { KyselyShownCases } from '../../src/store/shown-cases';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { seedCaseWorld } from '../fixtures/case-world';
import { USERS, execute, message } from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { cardBytes, cardParseErrors, unexpandedExpressions } from '../fixtures/card-check';
import { describeEachStore } from '../store/helpers/databases';
import { casesService } from '../cases/helpers';
import { ConversationTracker } from '../../src/teams/conversation-tracker';
import { KyselyConversations } from '../../src/store/conversations';
import { KyselyDirectory } from '../../src/store/directory';
import pino from 'pino';

describeEachStore('cases in Teams', (get) => {
  let harness: BotHarness;
  const assistant = recordingAssistant(() => answeredSample());

  before(async () => {
    const store = get().store;
    const conversations = new KyselyConversations(store.db);
    const tracker = new ConversationTracker(conversations, pino({ level: 'silent' }));
    harness = await startBotHarness({
      assistant,
      features: {
        cases: {
          cases: casesService(store),
          directory: new KyselyDirectory(store.db),
          shown: new KyselyShownCases(store.db),
          clusters: () => [{ id: 'horsens', name: { da: 'Horsens-klyngen', en: 'Horsens cluster' } }],
        },
        conversations: { conversations, tracker },
      },
    });
  });
  after(async () => harness?.close());

  beforeEach(async () => {
    harness.standin.reset();
    await seedCaseWorld(get().store);
  });

  function checkCard(card: any): void {
    assert.deepEqual(cardParseErrors(card), []);
    assert.deepEqual(unexpandedExpressions(card), []);
    assert.ok(cardBytes(card) < 20 * 1024, `card is ${cardBytes(card)} bytes`);
  }

  async function say(
    text: string,
    user = USERS.anna,
    locale = 'da-DK',
    where: { scope?: 'channel'; conversationId?: string } = {},
  ) {
    harness.standin.reset();
    const res = await harness.post(message({ serviceUrl: harness.standin.url, text, user, locale, ...where }));
    assert.equal(res.status, 200);
    const sent = harness.standin.sentActivities();
    const cards = sent.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
    cards.forEach(checkCard);
    return { texts: sent.map((a) => a.text).filter(Boolean) as string[], cards };
  }

  async function click(verb: string, data: Record<string, unknown>, user = USERS.anna, locale = 'da-DK') {
    const res = await harness.post(execute({ serviceUrl: harness.standin.url, user, verb, data, locale }));
    const card = res.body?.type === 'application/vnd.microsoft.card.adaptive' ? res.body.value : undefined;
    if (card) checkCard(card);
    return { status: res.status, body: res.body, card, json: JSON.stringify(card ?? res.body ?? '') };
  }

  const stepLines = (card: any): string[] => JSON.stringify(card).match(/"text":"[✔▶○] [^"]+"/g) ?? [];

  it(
    'answers "hvordan går det med IV-aftalen?" with a status card: progress line, holder, next decision, ' +
      'overdue deadline in red, positions, events',
    async () => {
      const { cards } = await say('hvordan går det med IV-aftalen?');
      assert.equal(cards.length, 1);
      const json = JSON.stringify(cards[0]);
      assert.match(json, /SAG-2026-0001/);
      assert.ok(stepLines(cards[0]).includes('"text":"▶ Kommentering"'), stepLines(cards[0]).join());
      assert.ok(stepLines(cards[0]).includes('"text":"✔ Udarbejdelse af aftalen"'));
      assert.match(json, /"title":"Ligger hos","value":"Sundhedsaftalesekretariatet · Kommentering"/);
      assert.match(
        json,
        /"title":"Næste beslutning","value":"Sundhedsstyregruppen: Godkendelse i Sundhedsstyregruppen"/,
      );
      assert.match(
        json,
        /"text":"2026-11-20 · Høringssvar fra klynger og kommuner \(Kommentering\) — overskredet","color":"Attention"/,
      );
      assert.match(json, /Divergerende holdninger/);
      assert.match(json, /Kommunerne \(KOSU\)/);
      assert.match(json, /15\.10\.2026, 11\.00 · Sundhedsaftalesekretariatet · Flyttet/);
      assert.match(json, /Udarbejdelse af aftalen → Kommentering: Udkast sendt/);
    },
  );

  it('answers in English, with typos, and by case id', async () => {
    const en = await say("what's the status of the respiration agreement?", USERS.anna, 'en-GB');
    assert.match(JSON.stringify(en.cards[0]), /SAG-2026-0002/);
    assert.match(JSON.stringify(en.cards[0]), /"title":"Held by"/);
    const typo = await say('status på respirasjonsaftalen');
    assert.match(JSON.stringify(typo.cards[0]), /SAG-2026-0002/);
    const byId = await say('status på sag 2026 6');
    assert.match(JSON.stringify(byId.cards[0]), /Triple Aim/);
  });

  it('offers a short choice list when several cases match, and "not found" with the closest titles', async () => {
    const several = await say('status på samarbejdsaftale');
    const json = JSON.stringify(several.cards[0]);
    assert.match(json, /Flere sager passer/);
    assert.match(json, /"verb":"case.show","data":\{"caseId":"SAG-2026-0001"\}/);
    assert.match(json, /"verb":"case.show","data":\{"caseId":"SAG-2026-0002"\}/);
    const none = await say('status på kantinens menu');
    assert.equal(none.cards.length, 0);
    assert.match(none.texts[0]!, /Jeg fandt ingen sag "kantinens menu"/);
    const near = await say('status på udviklingsopgave om klima');
    assert.match(JSON.stringify(near.cards[0]), /Ingen sag fundet/);
    const pick = await click('case.show', { caseId: 'SAG-2026-0003' });
    assert.equal(pick.status, 200);
    assert.match(pick.json, /ulighed/);
  });

  it('lists cases by holder and "mine sager", and tells the pool balance', async () => {
    const chair = await say('hvilke sager ligger hos formandskabet?');
    assert.match(JSON.stringify(chair.cards[0]), /SAG-2026-0006/);
    assert.doesNotMatch(JSON.stringify(chair.cards[0]), /SAG-2026-0001/);
    const mine = await say('mine sager', USERS.bo);
    const ids: string[] = JSON.stringify(mine.cards[0]).match(/SAG-2026-\d{4}/g) ?? [];
    assert.ok(
      ids.includes('SAG-2026-0002') && ids.includes('SAG-2026-0003'),
      `klynge cases for a cluster member: ${ids}`,
    );
    const history = await say('historik for SAG-2026-0001');
    assert.match(history.texts[0]!, /Historik for SAG-2026-0001/);
    assert.match(
      history.texts[0]!,
      /15\.10\.2026, 11\.00 · Sundhedsaftalesekretariatet · Flyttet: Udarbejdelse af aftalen → Kommentering: Udkast/,
    );
    const pool = await say('hvor meget er der tilbage i beredskabspuljen?');
    assert.match(pool.texts[0]!, /280\.000 kr\. tilbage af 500\.000 kr\./);
  });

  it(
    'moves a case from its card: the card updates in place; a second click on the old card gets "the case ' +
      'changed"',
    async () => {
      const iv = await casesService(get().store).find({ caseId: 'SAG-2026-0001' });
      assert.ok(iv.kind === 'found');
      const data = {
        caseId: 'SAG-2026-0001',
        version: iv.case.version,
        fromStepId: 'commenting',
        toStepId: 'ssg-approval',
        holder: '',
        comment: 'Klar til SSG',
      };
      const first = await click('case.move', data);
      assert.equal(first.status, 200);
      assert.ok(
        stepLines(first.card).includes('"text":"▶ Godkendelse i Sundhedsstyregruppen"'),
        stepLines(first.card).join(),
      );
      assert.match(first.json, /"style":"good"/);
      const again = await click('case.move', data);
      assert.equal(again.status, 200);
      assert.match(again.json, /Sagen er ændret imens/);
      assert.match(again.json, /"style":"warning"/);
      const events = await sql<{
        n: number;
      }>`select count(*)::int as n from case_events where case_id = 'SAG-2026-0001' and kind = 'moved'`.execute(
        get().store.db,
      );
      assert.equal(events.rows[0]!.n, 4, 'one move recorded (3 from the demo history)');
    },
  );

  it('refuses forged and unauthorised clicks clearly, storing nothing', async () => {
    const before = await sql`select id, version, step_id from cases order by id`.execute(get().store.db);
    const iv = await casesService(get().store).find({ caseId: 'SAG-2026-0001' });
    assert.ok(iv.kind === 'found');
    const base = {
      caseId: 'SAG-2026-0001',
      version: iv.case.version,
      fromStepId: 'commenting',
      toStepId: 'ssg-approval',
    };
    const extra = await click('case.move', { ...base, role: 'admin' });
    assert.match(extra.json, /unknown field\(s\): role/);
    const wrongType = await click('case.move', { ...base, version: 'latest' });
    assert.match(wrongType.json, /version/);
    const notHere = await click('case.move', { ...base, fromStepId: 'drafting', toStepId: 'commenting' });
    assert.match(notHere.json, /står ikke ved/);
    const notAllowed = await click('case.move', base, USERS.bo);
    assert.match(notAllowed.json, /Du kan ikke flytte sagen videre/);
    const unknown = await click('case.move', { ...base, caseId: 'SAG-2026-0404' });
    assert.equal(unknown.status, 404);
    const badVerb = await click('case.delete', base);
    assert.equal(badVerb.status, 400);
    const after = await sql`select id, version, step_id from cases order by id`.execute(get().store.db);
    assert.deepEqual(after.rows, before.rows);
  });

  it('lets secretariat staff create a case from the form, and refuses others', async () => {
    const other = await say('ny sag', USERS.bo);
    assert.match(other.texts[0]!, /Kun sekretariatets medarbejdere/);
    const form = await say('ny sag');
    assert.match(JSON.stringify(form.cards[0]), /"verb":"case.create"/);
    const bad = await click('case.create', { org: 'midt', title: 'x', processId: 'type-a', clusters: '', comment: '' });
    assert.match(bad.json, /title: a title needs at least 3 characters/);
    assert.match(bad.json, /"verb":"case.create"/, 'the form comes back with the reason');
    const made = await click('case.create', {
      org: 'midt',
      title: 'Samarbejdsaftale om demens',
      processId: 'type-a',
      clusters: 'horsens',
      deadline: '2027-02-01',
      comment: 'Opstart',
    });
    assert.match(made.json, /Sagen SAG-2026-0007 er oprettet/);
    assert.ok(stepLines(made.card).includes('"text":"▶ Kommissorium godkendes"'));
    const byBo = await click('case.create', { org: 'midt', title: 'Sag fra Bo', processId: 'type-a' }, USERS.bo);
    assert.equal(byBo.status, 403);
    const n = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(get().store.db);
    assert.equal(n.rows[0]!.n, 7);
  });

  it(
    'answers "hvem beslutter det her?" in the thread of a case card for that case; elsewhere it is a ' +
      'who-decides question',
    async () => {
      const thread = {
        scope: 'channel' as const,
        conversationId: '19:channel-klynge@thread.tacv2;messageid=1700000000001',
      };
      await say('status på IV-aftalen', USERS.anna, 'da-DK', thread);
      assistant.calls.length = 0;
      await say('hvem beslutter det her?', USERS.anna, 'da-DK', thread);
      assert.deepEqual(
        assistant.calls.map((c) => c.text),
        ['hvem beslutter SAG-2026-0001?'],
      );
      assistant.calls.length = 0;
      await say('hvem beslutter det her?', USERS.anna, 'da-DK', {
        scope: 'channel',
        conversationId: '19:channel-klynge@thread.tacv2;messageid=1700000000002',
      });
      assert.deepEqual(
        assistant.calls.map((c) => c.text),
        ['hvem beslutter det her?'],
      );
      assistant.calls.length = 0;
      await say('hvem godkender samarbejdsaftaler?', USERS.anna, 'da-DK', thread);
      assert.deepEqual(
        assistant.calls.map((c) => c.text),
        ['hvem godkender samarbejdsaftaler?'],
      );
    },
  );

  it('binds a conversation to an organisation, stored per conversation', async () => {
    const r = await say('brug Nordjylland');
    assert.match(r.texts[0]!, /Denne samtale bruger nu Nordjylland/);
    const row = await sql<{
      org: string;
    }>`select org from conversations where id = ${`a:personal-${USERS.anna.aadObjectId}`}`.execute(get().store.db);
    assert.equal(row.rows[0]?.org, 'nord');
  });
});
