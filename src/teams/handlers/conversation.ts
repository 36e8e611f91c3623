// "brug Nordjylland" / "use midt": binds this team channel or chat to an organisation, stored in
// the database per conversation (the channel, for a message in a thread).
import { texts } from '../../texts/catalogue';
import type { ConversationPort } from '../../conversations/ports';
import { baseConversationId, type ConversationTracker } from '../conversation-tracker';
import type { FeatureHandler } from './types';

export function conversationHandler(deps: {
  conversations: ConversationPort;
  tracker: ConversationTracker;
}): FeatureHandler {
  return {
    name: 'conversation',
    intents: ['bind_org'],
    async onMessage(ctx, turn, intent) {
      if (intent.kind !== 'bind_org') return;
      // The tracker records conversations as they arrive; make sure this one is there first.
      await deps.tracker.record(ctx);
      const r = await deps.conversations.bindOrg(baseConversationId(turn.conversationId), intent.org);
      if (r.kind === 'bound') deps.tracker.rememberOrg(turn.conversationId, r.org);
      const t = texts(turn.lang).conversation;
      await ctx.sendActivity(r.kind === 'bound' ? t.bound(t.orgs[intent.org]) : t.unknown);
    },
  };
}
