import { strict as assert } from 'node:assert';
import pino from 'pino';
import type { CardMessage } from '../../src/notifications/ports';
import { createAdapter } from '../../src/teams/adapter';
import { TeamsNotificationSender } from '../../src/teams/notification-sender';
import { ConnectorStandIn } from '../fixtures/connector-standin';
import { copiesByRef, enforceTeamsLimits } from '../fixtures/teams-limits';

const CONV = '19:abc123@thread.tacv2';

function message(ref: string): CardMessage {
  return {
    template: 'notification',
    summary: 'Beslutning truffet: SAG-2026-0007',
    data: {
      ref,
      headline: 'Beslutning truffet · Horsens-klyngen',
      caseId: 'SAG-2026-0007',
      caseTitle: 'IV-aftalen',
      meaning: 'Sundhedsstyregruppen har truffet beslutning.',
      facts: [],
      deadlineLabel: 'Frist',
      deadline: '',
      deadlineColor: 'Default',
      statusButton: 'Vis sagens status',
    },
  };
}

describe('teams/notification-sender (through botbuilder against the Bot Connector stand-in)', () => {
  let standin: ConnectorStandIn;
  let sender: TeamsNotificationSender;
  let adapter: ReturnType<typeof createAdapter>;
  let reference: object;
  let pipelineChanged = 0;

  before(async () => {
    standin = await new ConnectorStandIn().start();
    adapter = createAdapter({}, pino({ level: 'silent' }));
    sender = new TeamsNotificationSender(adapter, '', 5000, () => pipelineChanged++);
    reference = {
      serviceUrl: standin.url + '/',
      channelId: 'msteams',
      conversation: { id: CONV, conversationType: 'channel', isGroup: true },
      bot: { id: 'bot-id', name: 'bot' },
    };
  });
  after(() => standin.stop());
  afterEach(() => standin.reset());

  it('posts the card as a new message in the conversation and returns the activity id', async () => {
    const outcome = await sender.send({ conversationId: CONV, reference }, message('k1'));
    assert.equal(outcome.kind, 'sent');
    assert.match(outcome.kind === 'sent' ? (outcome.activityId ?? '') : '', /^standin-activity-/);
    const call = standin.calls.find((c) => c.route === 'sendToConversation');
    assert.equal(call?.params.conversationId, CONV);
    assert.equal(call?.body.summary, 'Beslutning truffet: SAG-2026-0007');
    assert.deepEqual([...copiesByRef(standin)], [['k1', 1]]);
    assert.equal(pipelineChanged, 0, 'the connector pipeline still has the retry policy we remove');
  });

  it('makes exactly one HTTP call per attempt: botbuilder does not retry 5xx or 429 behind our back', async () => {
    standin.failNext('sendToConversation', 503);
    const outcome = await sender.send({ conversationId: CONV, reference }, message('k2'));
    assert.deepEqual(
      { kind: outcome.kind, status: outcome.kind === 'http_error' ? outcome.status : 0 },
      { kind: 'http_error', status: 503 },
    );
    standin.failNext('sendToConversation', 429, { retryAfterSeconds: 3 });
    const throttled = await sender.send({ conversationId: CONV, reference }, message('k3'));
    assert.equal(throttled.kind === 'http_error' && throttled.retryAfterMs, 3000);
    assert.equal(standin.calls.filter((c) => c.route === 'sendToConversation').length, 2);
  });

  // Issue 13: the shared client's hidden retries held a turn 10-11 s; ordinary replies make one
  // bounded attempt too (the turn error handler tells the user when it fails).
  it('the client the adapter shares with ordinary replies makes one attempt too, without hidden retries', async () => {
    await sender.send({ conversationId: CONV, reference }, message('k6'));
    standin.reset();
    standin.failNext('*', 503);
    // The failure goes to the adapter's turn error handler (which logs it).
    await adapter.continueConversationAsync('', reference, async (ctx) => {
      await ctx.sendActivity('svar');
    });
    assert.deepEqual(
      standin.calls.map((c) => c.status),
      [503],
    );
  });

  it('reports 403/404 as such and a dead connector as a network error', async () => {
    standin.failNext('sendToConversation', 404);
    const gone = await sender.send({ conversationId: CONV, reference }, message('k4'));
    assert.equal(gone.kind === 'http_error' && gone.status, 404);
    const dead = await sender.send(
      { conversationId: CONV, reference: { ...reference, serviceUrl: 'http://127.0.0.1:9/' } },
      message('k5'),
    );
    assert.equal(dead.kind, 'network_error');
  });

  it('the opt-in Teams limits answer 429 with Retry-After beyond 7 messages a second per conversation', async () => {
    const limits = enforceTeamsLimits(standin);
    try {
      const outcomes = [];
      for (let i = 0; i < 8; i++)
        outcomes.push(await sender.send({ conversationId: CONV, reference }, message(`burst${i}`)));
      const other = await sender.send({ conversationId: '19:other@thread.tacv2', reference }, message('other'));
      assert.deepEqual(
        outcomes.slice(0, 7).map((o) => o.kind),
        Array(7).fill('sent'),
      );
      const last = outcomes[7]!;
      assert.equal(last.kind === 'http_error' && last.status, 429);
      assert.equal(last.kind === 'http_error' && last.retryAfterMs, 1000);
      assert.equal(other.kind, 'sent', 'limits are per conversation');
      assert.equal(limits.stats.throttled, 1);
    } finally {
      limits.remove();
    }
  });
});
