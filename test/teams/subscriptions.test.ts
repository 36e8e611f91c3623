// Cluster subscriptions end to end: chat commands posted to the real HTTP endpoint, a case change
// through the cases service writing its notification in the same transaction, the dispatcher
// posting the card through botbuilder to the Bot Connector stand-in, and Teams' installation
// events stopping subscriptions. Store on PGlite and PostgreSQL.
import { KyselyShownCases } from '../../src/store/shown-cases';
import assert from 'node:assert/strict';
import pino from 'pino';
import { TurnContext } from 'botbuilder';
import { CasesService } from '../../src/cases/service';
import { loadGovernanceModel } from '../../src/governance/load';
import { loadClusterConfig } from '../../src/notifications/clusters';
import { Dispatcher } from '../../src/notifications/dispatcher';
import { notificationCaseHook } from '../../src/compose/notifications';
import { catalogFromModel } from '../../src/cases/governance-catalog';
import { epochMs, systemClock } from '../../src/common/clock';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import { CaseDoor } from '../../src/store/case-door';
import { KyselyConversations } from '../../src/store/conversations';
import { KyselyDirectory } from '../../src/store/directory';
import { KyselyOutbox } from '../../src/store/notification-outbox';
import { KyselySubscriptions } from '../../src/store/subscriptions';
import { createAdapter } from '../../src/teams/adapter';
import { ConversationTracker } from '../../src/teams/conversation-tracker';
import { casesHandler } from '../../src/teams/handlers/cases';
import { subscriptionsHandler } from '../../src/teams/handlers/subscriptions';
import { InstallationEvents } from '../../src/teams/installation-events';
import { TeamsNotificationSender } from '../../src/teams/notification-sender';
import { CHANNEL_ID, TEAM_ID, USERS, baseActivity, execute, message } from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { cardsOf } from '../fixtures/connector-standin';
import { describeEachStore } from '../store/helpers/databases';
import { SARA } from '../cases/helpers';
import { waitUntil } from '../notifications/helpers/outbox-fixtures';

const logger = pino({ level: 'silent' });
const clusters = loadClusterConfig();
const model = loadGovernanceModel();
const catalog = catalogFromModel(model);

describeEachStore('cluster subscriptions in Teams', (get) => {
  let harness: BotHarness;
  let service: CasesService;
  let wakes = 0;

  before(async () => {
    const store = get().store;
    const conversations = new KyselyConversations(store.db);
    const tracker = new ConversationTracker(conversations, logger);
    const assistant = recordingAssistant(() => answeredSample());
    // The real cases service, its repository carrying the notification hook as in the bot.
    service = new CasesService({
      repo: new KyselyCaseRepository(store.db, new CaseDoor(notificationCaseHook(catalog).hook)),
      catalog,
      clock: systemClock,
    });
    harness = await startBotHarness({
      assistant,
      handlers: [
        casesHandler({
          cases: service,
          directory: new KyselyDirectory(store.db),
          shown: new KyselyShownCases(store.db),
          assistant,
        }),
        subscriptionsHandler({
          subscriptions: new KyselySubscriptions(store.db, () => epochMs(systemClock)),
          outbox: new KyselyOutbox(store.db),
          clusters,
          directory: new KyselyDirectory(store.db),
          recordConversation: (ctx) => tracker.record(ctx),
          wake: () => wakes++,
        }),
      ],
    });
  });
  after(() => harness.close());
  beforeEach(() => harness.standin.reset());

  async function say(text: string, user = USERS.anna, locale = 'da-DK'): Promise<string> {
    const before = harness.standin.sentActivities().length;
    const res = await harness.post(message({ serviceUrl: harness.standin.url, scope: 'channel', text, user, locale }));
    assert.equal(res.status, 200);
    await waitUntil(() => harness.standin.sentActivities().length > before, 5000, `a reply to "${text}"`);
    const reply = harness.standin.sentActivities().at(-1);
    return String(reply.text ?? JSON.stringify(cardsOf(reply)));
  }

  it('subscribes a channel, lists it, sends the card when a case changes, and unsubscribes', async () => {
    const store = get().store;
    assert.match(
      await say('abonnér på klynge Horsens kun beslutninger'),
      /abonnerer nu på Horsens-klyngen: beslutning truffet, straks/,
    );
    assert.match(await say('hvad abonnerer denne kanal på?'), /Horsens-klyngen: beslutning truffet/);
    assert.match(
      await say('subscribe to cluster Gotham', USERS.anna, 'en-GB'),
      /do not know the cluster "gotham". The clusters are: \*\*Horsens cluster\*\*/,
    );

    // A case change through the real cases service: the notification is written in its transaction.
    const created = await service.create(SARA, {
      title: 'Fælles aftale om IV-behandling',
      org: 'midt',
      processId: 'type-a',
      clusters: ['horsens'],
    });
    assert.equal(created.kind, 'ok');
    const c = created.kind === 'ok' ? created.case : undefined!;
    const outbox = new KyselyOutbox(store.db);
    assert.equal(await outbox.pendingCount(), 0, 'a new case is not among the chosen kinds');
    const process = catalog.process('midt', 'type-a', '2026-11-26')!;
    const moved = await service.move(SARA, {
      caseId: c.id,
      version: c.version,
      fromStepId: process.steps[0]!.id,
      toStepId: process.steps[1]!.id,
    });
    assert.equal(moved.kind, 'ok');
    assert.equal(await outbox.pendingCount(), 1);

    const sender = new TeamsNotificationSender(createAdapter({}, logger), '');
    const dispatcher = new Dispatcher(
      { outbox, sender, clusters, clock: systemClock },
      { owner: 't', pollMs: 20, singleProcess: store.kind === 'pglite' },
    );
    harness.standin.reset();
    dispatcher.start();
    try {
      await waitUntil(async () => (await outbox.pendingCount()) === 0, 10_000, 'the notification to be sent');
    } finally {
      await dispatcher.stop();
    }
    const sent = harness.standin.calls.filter((x) => x.route === 'sendToConversation');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.params.conversationId, CHANNEL_ID);
    const card = JSON.stringify(cardsOf(sent[0]!.body)[0]);
    assert.match(card, /Beslutning truffet · Horsens-klyngen/);
    assert.match(card, new RegExp(c.id));
    assert.match(card, /godkendt/);

    // The card's button shows the case status (the cases feature answers it in place).
    const button = cardsOf(sent[0]!.body)[0].actions[0];
    const shown = await harness.post(
      execute({ serviceUrl: harness.standin.url, scope: 'channel', verb: button.verb, data: button.data }),
    );
    assert.equal(shown.status, 200);
    assert.equal(shown.body?.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(shown.body.value), new RegExp(c.id));

    assert.match(await say('afmeld Horsens'), /abonnerer ikke længere på Horsens-klyngen/);
    assert.match(await say('what is this channel subscribed to', USERS.anna, 'en-US'), /not subscribed to any cluster/);
  });

  it('shows failed notifications only to the secretariat, and retries them from the card', async () => {
    const store = get().store;
    await new KyselyDirectory(store.db).upsertMany([
      {
        aadObjectId: USERS.bo.aadObjectId,
        name: USERS.bo.name,
        email: null,
        org: 'midt',
        roles: ['sekretariat'],
      } as never,
    ]);
    await say('abonnér på klynge Vest');
    const hook = notificationCaseHook(catalog);
    await store.db.transaction().execute((trx) =>
      hook.hook(trx, {
        case: {
          id: 'SAG-2026-0099',
          title: 'Respirationsaftalen',
          org: 'midt',
          processId: 'type-a',
          clusters: ['vest'],
          stepId: 'x',
          state: 'open',
          deadlines: [],
        } as never,
        event: {
          at: '2026-11-26T10:00:00.000Z',
          kind: 'created',
          fromStep: null,
          toStep: 'x',
          actorId: 'a',
          actorName: 'a',
          comment: null,
        },
      }),
    );
    const outbox = new KyselyOutbox(store.db);
    const [row] = await outbox.nextInLane(CHANNEL_ID, 1);
    await outbox.markFailed(row!.id, 'HTTP 502 (gave up after 10 attempts)');

    assert.match(await say('mislykkede notifikationer'), /Kun sekretariatet/);
    assert.match(await say('mislykkede notifikationer', USERS.bo), /Prøv alle igen/);
    const denied = await harness.post(
      execute({ serviceUrl: harness.standin.url, scope: 'channel', verb: 'sub.retry', user: USERS.anna }),
    );
    assert.equal(denied.status, 403);
    const ok = await harness.post(
      execute({ serviceUrl: harness.standin.url, scope: 'channel', verb: 'sub.retry', user: USERS.bo }),
    );
    assert.equal(ok.status, 200);
    assert.match(JSON.stringify(ok.body), /1 notifikation\(er\) sendes igen/);
    assert.equal(await outbox.pendingCount(), 1);
    assert.ok(wakes > 0);
  });

  it('learns channels from Teams events and stops subscriptions when a channel or the team goes', async () => {
    const store = get().store;
    const conversations = new KyselyConversations(store.db);
    const subs = new KyselySubscriptions(store.db, () => epochMs(systemClock));
    const events = new InstallationEvents(conversations, new KyselyOutbox(store.db), logger);
    const adapter = createAdapter({}, logger);
    const event = (eventType: string, channel?: { id: string; name: string }) => {
      const a = baseActivity('conversationUpdate', {
        serviceUrl: harness.standin.url,
        scope: 'channel',
        conversationId: TEAM_ID,
      });
      a.channelData = { ...a.channelData, eventType, team: { id: TEAM_ID }, channel };
      return new TurnContext(adapter, a as never);
    };
    await events.learn(event('channelCreated', { id: '19:new@thread.tacv2', name: 'Klynge Vest' }));
    const recorded = await conversations.get('19:new@thread.tacv2');
    assert.equal(recorded?.kind, 'channel');
    assert.equal(recorded?.teamId, TEAM_ID);
    await subs.subscribe({
      conversationId: '19:new@thread.tacv2',
      org: 'midt',
      clusterId: 'vest',
      kinds: ['decision'],
      mode: 'immediate',
      lang: 'da',
    });
    await events.learn(event('channelDeleted', { id: '19:new@thread.tacv2', name: 'Klynge Vest' }));
    assert.equal((await subs.list('19:new@thread.tacv2')).length, 0);
    assert.ok((await conversations.get('19:new@thread.tacv2'))?.removedAt);

    await events.learn(event('channelRestored', { id: '19:new@thread.tacv2', name: 'Klynge Vest' }));
    await subs.subscribe({
      conversationId: '19:new@thread.tacv2',
      org: 'midt',
      clusterId: 'vest',
      kinds: ['decision'],
      mode: 'immediate',
      lang: 'da',
    });
    const removed = baseActivity('installationUpdate', {
      serviceUrl: harness.standin.url,
      scope: 'channel',
      conversationId: TEAM_ID,
    });
    removed.action = 'remove';
    removed.channelData = { ...removed.channelData, team: { id: TEAM_ID } };
    await events.learn(new TurnContext(adapter, removed as never));
    const after = await subs.list('19:new@thread.tacv2', { includeInactive: true });
    assert.equal(after[0]?.active, false);
    assert.match(after[0]?.deactivatedReason ?? '', /removed from the team/);
  });
});
