// Approval cards reach the people who decide even when their conversations are not known yet:
// the round opens, the copies that can be delivered are, the others wait with the reason (the
// history and the case card say where and why, never "sent"), and each is delivered the moment
// its conversation becomes known: someone writes to the bot in the body's chat, or the approver
// in their own chat.
import { strict as assert } from 'node:assert';
import { KyselyConversations } from '../../src/store/conversations';
import { cardsOf } from '../fixtures/connector-standin';
import { message } from '../fixtures/activities';
import { describeEachStore } from '../store/helpers/databases';
import {
  BODY_CHANNEL,
  PEOPLE,
  approvalsSuite,
  newClock,
  personalConversation,
  seedPeople,
  seedPoolCase,
} from './helpers/world';

describeEachStore('approval cards that wait for their conversation', (get) => {
  const clock = newClock();
  // As in the Playground: the bot cannot open chats by itself, so copies wait for the person.
  const world = approvalsSuite(() => get().store, clock, { openPersonalChats: false });

  async function historyText(caseId: string): Promise<string> {
    const { harness } = world;
    await harness.post(message({ serviceUrl: harness.standin.url, user: PEOPLE.sara, text: `historik ${caseId}` }));
    return harness.standin.sentActivities(personalConversation(PEOPLE.sara)).at(-1).text as string;
  }

  it(
    'delivers what it can, says what waits and why, and delivers the rest once each conversation is ' + 'known',
    async () => {
      const { approvals, harness } = world;
      const store = get().store;
      await seedPeople(store, harness.standin.url);
      const conversations = new KyselyConversations(store.db);
      // The bot has never been in the formandskab's channel, nor in Bo's personal chat.
      await conversations.markRemoved(BODY_CHANNEL);
      await conversations.markRemoved(personalConversation(PEOPLE.bo));
      const c = await seedPoolCase(store);
      harness.standin.reset();
      const round = await approvals.service.openIfDue(c, {
        aadObjectId: PEOPLE.sara.aadObjectId,
        name: PEOPLE.sara.name,
      });
      assert.ok(round);
      const posted = () =>
        harness.standin.calls
          .filter((x) => x.route === 'sendToConversation' && cardsOf(x.body).length > 0)
          .map((x) => x.params.conversationId);
      assert.deepEqual(posted(), [personalConversation(PEOPLE.anne)]);

      const before = await historyText(c.id);
      assert.match(before, /Sundhedsaftale-bot · Kortet er sendt til: Anne Regionsen \(personlig chat\)\n/);
      assert.match(
        before,
        /Sundhedsaftale-bot · Kortet venter: samtalen for Formandskabet[^:]*: botten er ikke med i samtalen endnu/,
      );
      assert.match(before, /Bo Kommunesen \(personlig chat\): har ingen personlig chat med botten endnu/);
      assert.doesNotMatch(before, /sendt til[^\n]*Bo Kommunesen/);

      await harness.post(message({ serviceUrl: harness.standin.url, user: PEOPLE.sara, text: `status på ${c.id}` }));
      const card = JSON.stringify(cardsOf(harness.standin.sentActivities(personalConversation(PEOPLE.sara)).at(-1))[0]);
      assert.match(card, /Til godkendelse hos Formandskabet[^.]*\. Venter på Anne Regionsen, Bo Kommunesen\./);
      assert.match(
        card,
        /Kortet er endnu ikke leveret: samtalen for Formandskabet[^:]*: botten er ikke med i samtalen endnu/,
      );

      // Bo writes to the bot for the first time: his card follows at once.
      harness.standin.reset();
      await harness.post(message({ serviceUrl: harness.standin.url, user: PEOPLE.bo, text: 'hjælp' }));
      await approvals.service.idle();
      assert.ok(posted().includes(personalConversation(PEOPLE.bo)), `Bo got his card (posted: ${posted().join(', ')})`);
      const boCard = harness.standin.calls.find(
        (x) =>
          x.route === 'sendToConversation' &&
          x.params.conversationId === personalConversation(PEOPLE.bo) &&
          cardsOf(x.body).length > 0,
      )!;
      assert.match(JSON.stringify(boCard.body), /approval\.approve/, 'his copy has the buttons');

      // Someone writes in the formandskab's channel: the shared copy is posted there.
      harness.standin.reset();
      await harness.post(
        message({
          serviceUrl: harness.standin.url,
          user: PEOPLE.anne,
          scope: 'channel',
          conversationId: BODY_CHANNEL,
          text: 'hjælp',
        }),
      );
      await approvals.service.idle();
      assert.ok(posted().includes(BODY_CHANNEL), `the channel got its card (posted: ${posted().join(', ')})`);

      const after = await historyText(c.id);
      assert.match(after, /Kortet er sendt til: Bo Kommunesen \(personlig chat\)/);
      assert.match(after, /Kortet er sendt til: samtalen for Formandskabet/);
      harness.standin.reset();
      await harness.post(message({ serviceUrl: harness.standin.url, user: PEOPLE.sara, text: `status på ${c.id}` }));
      const cardAfter = JSON.stringify(
        cardsOf(harness.standin.sentActivities(personalConversation(PEOPLE.sara)).at(-1))[0],
      );
      assert.doesNotMatch(cardAfter, /ikke leveret/);
    },
  );
});

describeEachStore('the outcome message', (get) => {
  const world = approvalsSuite(() => get().store, newClock());

  it('is written in the language of the chat it goes to', async () => {
    const { approvals, harness } = world;
    const store = get().store;
    await seedPeople(store, harness.standin.url);
    const conversations = new KyselyConversations(store.db);
    const sara = (await conversations.get(personalConversation(PEOPLE.sara)))!;
    await conversations.upsert({ ...sara, reference: { ...(sara.reference as object), locale: 'en-GB' } });
    const c = await seedPoolCase(store);
    const round = (await approvals.service.openIfDue(c, {
      aadObjectId: PEOPLE.sara.aadObjectId,
      name: PEOPLE.sara.name,
    }))!;
    for (const who of [PEOPLE.anne, PEOPLE.bo]) {
      const cmd = {
        approvalId: round.id,
        caseId: round.caseId,
        stepId: round.stepId,
        version: round.version,
        choice: 'approve' as const,
        comment: null,
        voterAadId: who.aadObjectId,
      };
      await approvals.service.vote(cmd, 'da');
    }
    await approvals.service.idle();
    const told = harness.standin
      .sentActivities(personalConversation(PEOPLE.sara))
      .filter((a) => typeof a.text === 'string');
    assert.equal(told.length, 1);
    assert.match(told[0].text, /: Approved\. Anne Regionsen \(Approved\), Bo Kommunesen \(Approved\)\./);
  });
});
