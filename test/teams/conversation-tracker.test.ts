import assert from 'node:assert/strict';
import type { OrgId } from '../../src/assistant/answer';
import type { ConversationPort } from '../../src/conversations/ports';
import pino from 'pino';
import { TestAdapter, TurnContext } from 'botbuilder';
import { describeEachStore } from '../store/helpers/databases';
import { conversationUpdate, installationUpdate, message } from '../fixtures/activities';
import { ConversationTracker, baseConversationId } from '../../src/teams/conversation-tracker';
import { KyselyConversations } from '../../src/store/conversations';

describe('teams: the conversation org binding is read once, not on every turn', () => {
  function setup() {
    const stored = new Map<string, OrgId>([['19:chan@thread.tacv2', 'nord']]);
    let reads = 0;
    const port = {
      async orgOf(id: string) {
        reads++;
        return stored.get(id) ?? null;
      },
    } as unknown as ConversationPort;
    const tracker = new ConversationTracker(port, pino({ level: 'silent' }));
    const ctx = (id: string) => ({ activity: { conversation: { id } } }) as unknown as TurnContext;
    return { tracker, ctx, reads: () => reads };
  }

  it('threads of a channel share the channel binding, read from storage once', async () => {
    const { tracker, ctx, reads } = setup();
    assert.equal(await tracker.orgFor(ctx('19:chan@thread.tacv2;messageid=1')), 'nord');
    assert.equal(await tracker.orgFor(ctx('19:chan@thread.tacv2;messageid=2')), 'nord');
    assert.equal(await tracker.orgFor(ctx('a:personal')), undefined);
    assert.equal(await tracker.orgFor(ctx('a:personal')), undefined);
    assert.equal(reads(), 2);
  });

  it('a binding made in this process applies to the next turn at once', async () => {
    const { tracker, ctx } = setup();
    assert.equal(await tracker.orgFor(ctx('19:chan@thread.tacv2')), 'nord');
    tracker.rememberOrg('19:chan@thread.tacv2;messageid=9', 'midt');
    assert.equal(await tracker.orgFor(ctx('19:chan@thread.tacv2')), 'midt');
  });
});

describeEachStore('conversation tracking', (get) => {
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  const turn = async (tracker: ConversationTracker, activity: Record<string, any>) => {
    let ran = false;
    await tracker.onTurn(new TurnContext(new TestAdapter(), activity as never), async () => {
      ran = true;
    });
    assert.ok(ran, 'the turn goes on');
  };

  it('keeps the reference of every channel, chat and personal chat, with threads folded to their channel', async () => {
    const conversations = new KyselyConversations(get().store.db);
    const tracker = new ConversationTracker(conversations, pino({ level: 'silent' }));
    await turn(
      tracker,
      message({ serviceUrl, text: 'hej', scope: 'channel', conversationId: '19:chan@thread.tacv2;messageid=42' }),
    );
    await turn(tracker, message({ serviceUrl, text: 'hej', scope: 'groupChat' }));
    await turn(tracker, message({ serviceUrl, text: 'hej' }));
    const all = await conversations.list();
    assert.deepEqual(all.map((c) => [c.id, c.kind]).sort(), [
      ['19:chan@thread.tacv2', 'channel'],
      ['19:groupchat@thread.v2', 'groupChat'],
      ['a:personal-00000000-0000-0000-0000-0000000000a1', 'personal'],
    ]);
    const channel = all.find((c) => c.kind === 'channel')!;
    assert.equal(channel.teamId, '19:team-general@thread.tacv2');
    assert.equal((channel.reference as { conversation: { id: string } }).conversation.id, '19:chan@thread.tacv2');
    assert.equal((channel.reference as { serviceUrl: string }).serviceUrl, serviceUrl);
  });

  it(
    'gives the organisation a conversation is bound to, and forgets conversations the bot was removed ' + 'from',
    async () => {
      const conversations = new KyselyConversations(get().store.db);
      const tracker = new ConversationTracker(conversations, pino({ level: 'silent' }));
      const msg = message({
        serviceUrl,
        text: 'hej',
        scope: 'channel',
        conversationId: '19:chan@thread.tacv2;messageid=7',
      });
      await turn(tracker, msg);
      await conversations.bindOrg('19:chan@thread.tacv2', 'nord');
      const other = message({
        serviceUrl,
        text: 'hej',
        scope: 'channel',
        conversationId: '19:chan@thread.tacv2;messageid=8',
      });
      assert.equal(await tracker.orgFor(new TurnContext(new TestAdapter(), other as never)), 'nord');
      await turn(
        tracker,
        installationUpdate({ serviceUrl, scope: 'channel', conversationId: '19:chan@thread.tacv2', action: 'remove' }),
      );
      assert.deepEqual(await conversations.list(), []);
      await turn(tracker, conversationUpdate({ serviceUrl, scope: 'channel', conversationId: '19:chan@thread.tacv2' }));
      assert.equal((await conversations.list()).length, 1, 'added again');
      assert.equal(baseConversationId('a:x'), 'a:x');
    },
  );
});
