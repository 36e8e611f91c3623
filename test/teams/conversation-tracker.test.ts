import { strict as assert } from 'node:assert';
import type { TurnContext } from 'botbuilder';
import pino from 'pino';
import type { OrgId } from '../../src/assistant/answer';
import type { ConversationPort } from '../../src/conversations/ports';
import { ConversationTracker } from '../../src/teams/conversation-tracker';

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
