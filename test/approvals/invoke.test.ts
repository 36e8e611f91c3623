// Approvals end to end: Action.Execute invokes and chat messages posted to the real HTTP endpoint
// (restify + CloudAdapter + TeamsBot), the store on PGlite and on PostgreSQL, and every card the
// bot posts or updates checked where Teams would receive it: at the Bot Connector stand-in.
import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import type { ApprovalsComposition } from './helpers/world';
import type { Approval } from '../../src/approvals/types';
import type { Case } from '../../src/cases/model';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import { execute, message, TENANT_ID } from '../fixtures/activities';
import { KyselyConversations } from '../../src/store/conversations';
import { recordingAssistant, answeredSample } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { cardParseErrors } from '../fixtures/card-check';
import { describeEachStore } from '../store/helpers/databases';
import {
  BODY_CHANNEL,
  PEOPLE,
  composeForTest,
  newClock,
  personalConversation,
  seedPeople,
  seedPoolCase,
  type WorldPerson,
} from './helpers/world';

type Verb = 'approval.approve' | 'approval.reject' | 'approval.changes' | 'approval.refresh';

describeEachStore('approvals through the bot endpoint', (get) => {
  let harness: BotHarness;
  let approvals: ApprovalsComposition;
  const clock = newClock();
  let theCase: Case;
  let round: Approval;

  before(async () => {
    approvals = composeForTest(get().store, clock);
    harness = await startBotHarness({
      assistant: recordingAssistant(() => answeredSample()),
      handlers: approvals.handlers,
    });
  });
  after(async () => {
    await approvals.service.idle();
    await harness.close();
  });

  beforeEach(async () => {
    await approvals.service.idle();
    clock.set('2026-11-26T09:00:00Z');
    harness.standin.reset();
    await seedPeople(get().store, harness.standin.url);
    theCase = await seedPoolCase(get().store);
    const opened = await approvals.service.openIfDue(theCase, {
      aadObjectId: PEOPLE.sara.aadObjectId,
      name: PEOPLE.sara.name,
    });
    assert.ok(opened, 'a round opens at the approval step');
    round = opened;
  });

  function cardData(a: Approval = round, over: Record<string, unknown> = {}) {
    return { approvalId: a.id, caseId: a.caseId, stepId: a.stepId, version: a.version, ...over };
  }

  async function click(who: WorldPerson, verb: Verb, data: Record<string, unknown> = cardData(), locale = 'da-DK') {
    const res = await harness.post(execute({ serviceUrl: harness.standin.url, user: who, verb, data, locale }));
    return {
      status: res.status,
      body: res.body,
      card: res.body?.value,
      json: JSON.stringify(res.body?.value ?? res.body ?? ''),
    };
  }

  const buttons = (card: any): string[] =>
    ((card?.actions ?? []) as any[]).filter((a) => a.type === 'Action.Execute').map((a) => a.verb);
  const voteRows = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from approval_votes`.execute(get().store.db)).rows[0]!.n;
  const caseNow = async () => (await new KyselyCaseRepository(get().store.db).get(theCase.id))!;
  const puts = () => harness.standin.calls.filter((c) => c.route === 'updateActivity');

  it('posts the card in the formandskab channel and to each approver personally, and records every copy', async () => {
    const posts = harness.standin.calls.filter((c) => c.route === 'sendToConversation');
    assert.deepEqual(
      posts.map((p) => p.params.conversationId).sort(),
      [BODY_CHANNEL, personalConversation(PEOPLE.anne), personalConversation(PEOPLE.bo)].sort(),
    );
    const channelCard = posts.find((p) => p.params.conversationId === BODY_CHANNEL)!.body.attachments[0].content;
    assert.deepEqual(buttons(channelCard), [], 'the shared copy is read-only; approvers get their own view by refresh');
    assert.deepEqual(channelCard.refresh.userIds, [PEOPLE.anne.id, PEOPLE.bo.id]);
    assert.deepEqual(cardParseErrors(channelCard), []);
    const anneCard = posts.find((p) => p.params.conversationId === personalConversation(PEOPLE.anne))!.body
      .attachments[0].content;
    assert.deepEqual(buttons(anneCard), ['approval.approve', 'approval.reject', 'approval.changes']);
    const json = JSON.stringify(channelCard);
    assert.match(json, /150\.000 kr\./);
    assert.match(json, /500\.000 kr\./, 'the pool balance before this expense');
    assert.match(json, /Sekretariatet indstiller/);
    assert.match(json, /Sara Sekretær/);
    const copies = await sql<{ n: number }>`select count(*)::int as n from approval_copies`.execute(get().store.db);
    assert.equal(copies.rows[0]!.n, 3);
  });

  it('shows each person their own view on refresh: buttons for approvers, read-only for others', async () => {
    const anne = await click(PEOPLE.anne, 'approval.refresh');
    assert.equal(anne.status, 200);
    assert.equal(anne.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(buttons(anne.card), ['approval.approve', 'approval.reject', 'approval.changes']);
    const ole = await click(PEOPLE.ole, 'approval.refresh');
    assert.deepEqual(buttons(ole.card), []);
    assert.match(ole.json, /Kun beslutningstagerne kan stemme/);
    const english = await click(PEOPLE.ole, 'approval.refresh', cardData(), 'en-GB');
    assert.match(english.json, /Only the decision makers can vote/);
  });

  it(
    'approves when both co-chairs approve: the case moves on, the pool is charged, every copy is updated, the ' +
      'secretariat is told',
    async () => {
      const first = await click(PEOPLE.anne, 'approval.approve');
      assert.equal(first.status, 200);
      assert.match(first.json, /Din stemme er registreret: Godkendt/);
      assert.equal((await caseNow()).stepId, 'chair-approval');
      await approvals.service.idle();
      assert.equal(puts().length, 3, 'each of the three copies is updated after the first vote');
      harness.standin.reset();

      const second = await click(PEOPLE.bo, 'approval.approve', cardData(round, { comment: 'Enig' }));
      assert.match(second.json, /Godkendt/);
      assert.deepEqual(buttons(second.card), [], 'the decided card has no buttons');
      const c = await caseNow();
      assert.equal(c.stepId, 'booked');
      assert.ok(c.poolApprovedAt, 'the expense now counts against the pool');
      await approvals.service.idle();
      const updated = puts();
      assert.deepEqual(
        updated.map((p) => p.params.conversationId).sort(),
        [BODY_CHANNEL, personalConversation(PEOPLE.anne), personalConversation(PEOPLE.bo)].sort(),
      );
      for (const p of updated) {
        const card = p.body.attachments[0].content;
        assert.equal(
          p.params.activityId,
          p.body.id,
          'PUT /v3/conversations/{id}/activities/{activityId} names the posted activity',
        );
        assert.equal(card.refresh, undefined);
        assert.match(JSON.stringify(card), /Anne Regionsen: Godkendt/);
        assert.match(JSON.stringify(card), /Bo Kommunesen: Godkendt/);
        assert.deepEqual(cardParseErrors(card), []);
      }
      const told = harness.standin.sentActivities(personalConversation(PEOPLE.sara));
      assert.equal(told.length, 1);
      assert.match(told[0].text, /SAG-2026-\d{4} "Triple Aim.*": Godkendt/);
    },
  );

  it('one rejection ends it and closes the case; a comment is required first', async () => {
    const bare = await click(PEOPLE.bo, 'approval.reject');
    assert.match(bare.json, /Skriv en kommentar/);
    assert.equal(await voteRows(), 0, 'nothing recorded without the comment');
    const r = await click(PEOPLE.bo, 'approval.reject', cardData(round, { comment: 'Ikke inden for puljens formål' }));
    assert.match(r.json, /Afvist/);
    const c = await caseNow();
    assert.equal(c.state, 'closed');
    assert.equal(c.poolApprovedAt, null);
    const late = await click(PEOPLE.anne, 'approval.approve');
    assert.match(late.json, /allerede afgjort/);
    assert.equal(await voteRows(), 1);
  });

  it('"ask for changes" sends the case back to the previous step with the comment', async () => {
    await click(PEOPLE.anne, 'approval.changes', cardData(round, { comment: 'Beskriv evalueringen' }));
    const c = await caseNow();
    assert.equal(c.stepId, 'recommendation');
    assert.equal(c.holder, 'sekretariat');
    const history = await new KyselyCaseRepository(get().store.db).history(c.id);
    const back = history.find((e) => e.kind === 'sent_back')!;
    assert.equal(back.comment, 'Beskriv evalueringen');
  });

  it('refuses outsiders clearly and changes nothing, whatever name the card data claims', async () => {
    for (const who of [PEOPLE.ole, PEOPLE.sara, PEOPLE.dorte]) {
      const r = await click(who, 'approval.approve', cardData(round, { comment: 'x' }));
      assert.equal(r.status, 200);
      assert.match(r.json, /Du er ikke blandt dem, der træffer denne beslutning/);
      assert.deepEqual(buttons(r.card), []);
    }
    const forgedName = await harness.post({
      ...execute({ serviceUrl: harness.standin.url, user: PEOPLE.ole, verb: 'approval.approve', data: cardData() }),
      from: { id: PEOPLE.ole.id, name: PEOPLE.anne.name, aadObjectId: PEOPLE.ole.aadObjectId },
    });
    assert.match(JSON.stringify(forgedName.body), /ikke blandt dem/);
    const noIdentity = await harness.post({
      ...execute({ serviceUrl: harness.standin.url, user: PEOPLE.anne, verb: 'approval.approve', data: cardData() }),
      from: { id: PEOPLE.anne.id, name: PEOPLE.anne.name },
    });
    assert.match(JSON.stringify(noIdentity.body), /ikke blandt dem/, 'no aadObjectId, no vote');
    assert.equal(await voteRows(), 0);
    await approvals.service.idle();
    assert.equal(puts().length, 0);
  });

  it('answers a stale or forged card with "out of date" and the current card', async () => {
    await click(PEOPLE.anne, 'approval.approve');
    const forgedVersion = await click(PEOPLE.bo, 'approval.approve', cardData(round, { version: 99 }));
    assert.match(forgedVersion.json, /Kortet var forældet/);
    assert.match(forgedVersion.json, /"version":2/);
    const otherStep = await click(PEOPLE.bo, 'approval.approve', cardData(round, { stepId: 'booked' }));
    assert.match(otherStep.json, /Kortet var forældet/);
    const garbled = await click(PEOPLE.bo, 'approval.approve', {
      approvalId: round.id,
      caseId: 'DROP TABLE',
      version: 'x',
    });
    assert.match(garbled.json, /Kortet var forældet/);
    assert.deepEqual(buttons(garbled.card), ['approval.approve', 'approval.reject', 'approval.changes']);
    const extra = await click(PEOPLE.bo, 'approval.approve', cardData(round, { voterAadId: PEOPLE.anne.aadObjectId }));
    assert.match(extra.json, /Kortet var forældet/, 'unknown fields are refused');
    const unknown = await click(PEOPLE.bo, 'approval.approve', cardData(round, { approvalId: 'apv-nope' }));
    assert.ok(unknown.status >= 400 && unknown.status < 500, `status ${unknown.status}`);
    assert.equal(await voteRows(), 1);
  });

  it('counts a double click once', async () => {
    const [a, b] = await Promise.all([click(PEOPLE.anne, 'approval.approve'), click(PEOPLE.anne, 'approval.approve')]);
    assert.deepEqual(
      [a.json, b.json].map((j) => /registreret: Godkendt/.test(j)),
      [true, true],
      `${a.json.slice(0, 300)} ${b.json.slice(0, 300)}`,
    );
    assert.equal(await voteRows(), 1);
  });

  it('refuses to approve an expense above the pool balance', async () => {
    const big = await seedPoolCase(get().store, 600_000, 'Stor udgift til opfølgende forskning');
    const r = (await approvals.service.openIfDue(big, {
      aadObjectId: PEOPLE.sara.aadObjectId,
      name: PEOPLE.sara.name,
    }))!;
    const res = await click(PEOPLE.anne, 'approval.approve', cardData(r));
    assert.match(res.json, /kun 500\.000 kr\. tilbage i puljen/);
    assert.deepEqual(buttons(res.card), ['approval.reject', 'approval.changes']);
    assert.equal(await voteRows(), 0);
  });

  it(
    "lets a named substitute vote in the seat holder's place, says so on the card, and records it in the " + 'history',
    async () => {
      const set = await harness.post(
        message({
          serviceUrl: harness.standin.url,
          user: PEOPLE.anne,
          text: 'stedfortræder Dorte Stedfortræder fra i dag til 15.12',
        }),
      );
      assert.equal(set.status, 200);
      assert.match(
        harness.standin.sentActivities(personalConversation(PEOPLE.anne)).at(-1).text,
        /Dorte Stedfortræder er din stedfortræder/,
      );
      await approvals.service.idle();
      const copy = harness.standin.sentActivities(personalConversation(PEOPLE.dorte)).at(-1);
      assert.deepEqual(
        buttons(copy.attachments[0].content),
        ['approval.approve', 'approval.reject', 'approval.changes'],
        'the substitute gets the card in their own chat',
      );
      const view = await click(PEOPLE.dorte, 'approval.refresh');
      assert.match(view.json, /Du stemmer som stedfortræder for Anne Regionsen/);
      const vote = await click(PEOPLE.dorte, 'approval.approve');
      assert.match(vote.json, /registreret/);
      const other = await click(PEOPLE.ole, 'approval.refresh');
      assert.match(other.json, /Dorte Stedfortræder \(som stedfortræder for Anne Regionsen\): Godkendt/);
      const refused = await harness.post(
        message({ serviceUrl: harness.standin.url, user: PEOPLE.bo, text: 'stedfortræder Anne Regionsen til 10.12' }),
      );
      assert.equal(refused.status, 200);
      assert.match(
        harness.standin.sentActivities(personalConversation(PEOPLE.bo)).at(-1).text,
        /sidder selv i samme organ/,
      );

      await harness.post(
        message({ serviceUrl: harness.standin.url, user: PEOPLE.sara, text: `historik ${theCase.id}` }),
      );
      const history = harness.standin.sentActivities(personalConversation(PEOPLE.sara)).at(-1).text as string;
      assert.match(
        history,
        /Anne Regionsen · Stedfortræder: Formandskabet godkender udgiften: Dorte Stedfortræder: 2026-11-26 – 2026-12/,
      );
      assert.match(history, /Dorte Stedfortræder \(for Anne Regionsen\) · Stemme: Godkendt/);
      assert.match(history, /Godkendelsesrunde åbnet: Formandskabet godkender udgiften: Anne Regionsen, Bo Kommunesen/);
    },
  );

  it('lists what waits for me, and the overdue rounds for the secretariat only', async () => {
    await harness.post(message({ serviceUrl: harness.standin.url, user: PEOPLE.bo, text: 'mine godkendelser' }));
    const sent = harness.standin.sentActivities(personalConversation(PEOPLE.bo));
    assert.match(sent[sent.length - 2].text, new RegExp(`${theCase.id} Triple Aim.*ikke stemt`));
    assert.deepEqual(buttons(sent[sent.length - 1].attachments[0].content), [
      'approval.approve',
      'approval.reject',
      'approval.changes',
    ]);
    harness.standin.reset();
    await harness.post(
      message({ serviceUrl: harness.standin.url, user: PEOPLE.bo, scope: 'channel', text: 'mine godkendelser' }),
    );
    const inChannel = harness.standin.sentActivities();
    assert.equal(inChannel.length, 1, 'in a channel: the list, no vote buttons for all to see');
    assert.match(inChannel[0].text, /personlig chat/);
    await harness.post(
      message({ serviceUrl: harness.standin.url, user: PEOPLE.ole, text: 'my approvals', locale: 'en-GB' }),
    );
    assert.match(
      harness.standin.sentActivities(personalConversation(PEOPLE.ole)).at(-1).text,
      /No approvals are waiting for you/,
    );

    clock.set('2026-12-07T10:00:00Z');
    await harness.post(
      message({ serviceUrl: harness.standin.url, user: PEOPLE.sara, text: 'forsinkede godkendelser' }),
    );
    assert.match(
      harness.standin.sentActivities(personalConversation(PEOPLE.sara)).at(-1).text,
      new RegExp(
        `${theCase.id}: frist 4\\.12\\.2026, 1 arbejdsdag\\(e\\) over; venter på Anne Regionsen, Bo Kommunesen`,
      ),
    );
    await harness.post(message({ serviceUrl: harness.standin.url, user: PEOPLE.ole, text: 'forsinkede godkendelser' }));
    assert.match(harness.standin.sentActivities(personalConversation(PEOPLE.ole)).at(-1).text, /for sekretariatet/);
  });

  it(
    'reminds an approver who has not voted after the configured working days, once, and writes it in the ' + 'history',
    async () => {
      await click(PEOPLE.anne, 'approval.approve');
      clock.set('2026-11-27T12:00:00Z');
      assert.equal(await approvals.service.runReminders(), 0, 'not yet: one working day');
      harness.standin.reset();
      clock.set('2026-11-30T08:30:00Z'); // Monday, 09:30 in Copenhagen: two working days after Thursday
      assert.equal(await approvals.service.runReminders(), 1);
      const reminder = harness.standin.sentActivities(personalConversation(PEOPLE.bo));
      assert.equal(reminder.length, 1);
      assert.match(reminder[0].summary, /Påmindelse 1/);
      assert.deepEqual(buttons(reminder[0].attachments[0].content), [
        'approval.approve',
        'approval.reject',
        'approval.changes',
      ]);
      assert.equal(await approvals.service.runReminders(), 0, 'the same reminder is not sent twice');
      const history = await new KyselyCaseRepository(get().store.db).history(theCase.id);
      assert.equal(history.filter((e) => e.kind === ('reminder' as never)).length, 1);
    },
  );

  it('the sweep opens a round for a case that reached the approval step without one, once', async () => {
    const other = await seedPoolCase(get().store, 20_000, 'Opfølgende forskningsprojekt');
    harness.standin.reset();
    await approvals.service.sweep(['midt']);
    const posted = harness.standin.calls.filter((c) => c.route === 'sendToConversation');
    assert.equal(posted.length, 3, 'channel and both co-chairs');
    assert.ok(posted.every((p) => JSON.stringify(p.body).includes(other.id)));
    await approvals.service.sweep(['midt']);
    assert.equal(
      harness.standin.calls.filter((c) => c.route === 'sendToConversation').length,
      3,
      'a second sweep posts nothing',
    );
  });

  it('retries card updates that failed, and withdraws a round whose case left the step another way', async () => {
    const stopFailing = harness.standin.failNext('updateActivity', 503, { times: 100 });
    await click(PEOPLE.anne, 'approval.approve');
    await approvals.service.idle();
    const behind = await sql<{
      n: number;
    }>`select count(*)::int as n from approval_copies where rendered_version < 2 and last_error is not null`.execute(
      get().store.db,
    );
    assert.equal(behind.rows[0]!.n, 3, 'the failures are recorded, not forgotten');
    stopFailing();
    harness.standin.reset();
    await approvals.service.sweep(['midt']);
    await approvals.service.idle();
    assert.equal(puts().length, 3);
    assert.ok(puts().every((p) => /Anne Regionsen: Godkendt/.test(JSON.stringify(p.body))));

    const repo = new KyselyCaseRepository(get().store.db);
    const c = await caseNow();
    const moved = await repo.update(
      c.id,
      c.version,
      { stepId: 'booked', holder: 'sekretariat' },
      {
        at: '2026-11-26T10:00:00.000Z',
        actorId: PEOPLE.sara.aadObjectId,
        actorName: PEOPLE.sara.name,
        kind: 'moved',
        fromStep: 'chair-approval',
        toStep: 'booked',
        comment: null,
      },
    );
    assert.equal(moved.kind, 'updated');
    harness.standin.reset();
    await approvals.service.sweep(['midt']);
    await approvals.service.idle();
    assert.equal(puts().length, 3);
    assert.ok(puts().every((p) => /Trukket tilbage/.test(JSON.stringify(p.body))));
    const late = await click(PEOPLE.bo, 'approval.approve');
    assert.match(late.json, /allerede afgjort/);
  });

  it('opens a personal chat by Entra object id for an approver the bot has not talked to yet', async () => {
    await new KyselyConversations(get().store.db).markRemoved(personalConversation(PEOPLE.bo));
    const other = await seedPoolCase(get().store, 30_000, 'Evaluering af tværsektorielt forløb');
    harness.standin.reset();
    await approvals.service.openIfDue(other, { aadObjectId: PEOPLE.sara.aadObjectId, name: PEOPLE.sara.name });
    const created = harness.standin.calls.filter((c) => c.route === 'createConversation');
    assert.equal(created.length, 1);
    assert.deepEqual(
      created[0]!.body.members.map((m: any) => m.id),
      [PEOPLE.bo.aadObjectId],
    );
    assert.equal(created[0]!.body.tenantId, TENANT_ID);
    assert.equal(created[0]!.body.isGroup, false);
    const posted = harness.standin.calls.filter(
      (c) => c.route === 'sendToConversation' && String(c.params.conversationId).startsWith('a:standin-conversation-'),
    );
    assert.equal(posted.length, 1);
    assert.deepEqual(buttons(posted[0]!.body.attachments[0].content), [
      'approval.approve',
      'approval.reject',
      'approval.changes',
    ]);
  });

  it("records the voter under the directory's name, whatever name the activity carries", async () => {
    const body = execute({
      serviceUrl: harness.standin.url,
      user: PEOPLE.anne,
      verb: 'approval.approve',
      data: cardData(),
    });
    body.from = { ...body.from, name: 'Mallory' };
    await harness.post(body);
    const rows = await sql<{ voter_name: string }>`select voter_name from approval_votes`.execute(get().store.db);
    assert.deepEqual(
      rows.rows.map((r) => r.voter_name),
      ['Anne Regionsen'],
    );
  });
});
