// Posts and updates approval cards through botbuilder: a proactive turn (CloudAdapter's
// continueConversationAsync) in the target conversation, then sendActivity (POST
// /v3/conversations/{id}/activities) or updateActivity (PUT /v3/conversations/{id}/activities/{activityId}).
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { CardData } from '../approvals/card-view';
import type { PostedCopy } from '../approvals/ports';
import type { CardSender, ConversationTarget } from '../approvals/service';
import { expandCard } from './cards';

/** The stored reference, aimed at the conversation itself (not as a reply to an old activity). */
export function referenceFor(t: { conversationId: string; serviceUrl: string; reference?: unknown }): Partial<ConversationReference> {
  const base = { ...((t.reference ?? {}) as Partial<ConversationReference>) };
  delete base.activityId;
  return {
    ...base,
    channelId: base.channelId ?? 'msteams',
    serviceUrl: t.serviceUrl,
    conversation: { ...(base.conversation ?? {}), id: t.conversationId } as ConversationReference['conversation'],
  };
}

export function cardAttachment(card: CardData) {
  return CardFactory.adaptiveCard(expandCard(card.template, card.data));
}

export class TeamsApprovalSender implements CardSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  private run(target: { conversationId: string; serviceUrl: string; reference?: unknown }, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    return this.adapter.continueConversationAsync(this.appId, referenceFor(target), logic);
  }

  async post(target: ConversationTarget, card: CardData, summary: string): Promise<{ activityId: string }> {
    let activityId = '';
    await this.run(target, async (ctx) => {
      const activity = MessageFactory.attachment(cardAttachment(card));
      activity.summary = summary;
      activityId = (await ctx.sendActivity(activity))?.id ?? '';
    });
    if (!activityId) throw new Error(`Teams returned no activity id for the card posted in ${target.conversationId}`);
    return { activityId };
  }

  async update(copy: PostedCopy, card: CardData): Promise<void> {
    await this.run(copy, async (ctx) => {
      await ctx.updateActivity({ type: 'message', id: copy.activityId, attachments: [cardAttachment(card)] });
    });
  }

  async sendText(target: ConversationTarget, text: string): Promise<void> {
    await this.run(target, async (ctx) => {
      await ctx.sendActivity(text);
    });
  }
}
