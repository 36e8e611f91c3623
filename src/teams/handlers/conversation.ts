// "brug Nordjylland" / "use midt": binds this team channel or chat to an organisation, stored in
// the database per conversation (the channel, for a message in a thread).
import type { OrgId } from '../../assistant/answer';
import type { ConversationPort } from '../../conversations/ports';
import { baseConversationId, type ConversationTracker } from '../conversation-tracker';
import type { FeatureHandler } from './types';

const ORG_NAMES: Record<OrgId, { da: string; en: string }> = {
  midt: { da: 'Region Midtjylland og de 19 kommuner (midt)', en: 'Central Denmark Region and its 19 municipalities (midt)' },
  nord: { da: 'Nordjylland (nord)', en: 'North Jutland (nord)' },
};

export function conversationHandler(deps: { conversations: ConversationPort; tracker: ConversationTracker }): FeatureHandler {
  return {
    name: 'conversation',
    intents: ['bind_org'],
    async onMessage(ctx, turn, intent) {
      if (intent.kind !== 'bind_org') return;
      // The tracker records conversations as they arrive; make sure this one is there first.
      await deps.tracker.record(ctx);
      const r = await deps.conversations.bindOrg(baseConversationId(turn.conversationId), intent.org);
      if (r.kind === 'bound') deps.tracker.rememberOrg(turn.conversationId, r.org);
      const name = ORG_NAMES[intent.org][turn.lang];
      if (r.kind === 'bound') await ctx.sendActivity(turn.lang === 'da' ? `Denne samtale bruger nu ${name}.` : `This conversation now uses ${name}.`);
      else await ctx.sendActivity(turn.lang === 'da' ? 'Samtalen kunne ikke bindes (ukendt samtale).' : 'The conversation could not be bound (unknown conversation).');
    },
  };
}
