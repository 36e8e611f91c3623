// Posts and updates approval cards through botbuilder: a proactive turn (CloudAdapter's
// continueConversationAsync) in the target conversation, then the turn's ConnectorClient posts a
// new message (POST /v3/conversations/{id}/activities: TurnContext.sendActivity would post it as
// a reply to the synthetic continuation activity) or updates one (PUT .../activities/{activityId}).
import {
  CardFactory,
  MessageFactory,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { CardData } from '../approvals/card-view';
import type { PostedCopy } from '../approvals/ports';
import type { CardSender, ConversationTarget } from '../approvals/service';
import { expandCard } from './cards';

/** The stored reference, aimed at the conversation itself (not as a reply to an old activity). */
export function referenceFor(t: {
  conversationId: string;
  serviceUrl: string;
  reference?: unknown;
}): Partial<ConversationReference> {
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

  /**
   * A proactive turn. The adapter's turn error handler would swallow a failed call, so the error
   * is carried out of the turn and thrown here: a failed update must stay visible as failed.
   */
  private async run(
    target: { conversationId: string; serviceUrl: string; reference?: unknown },
    logic: (ctx: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.appId, referenceFor(target), async (ctx) => {
      try {
        await logic(ctx);
      } catch (err) {
        failure = err ?? new Error('the connector call failed');
      }
    });
    if (failure !== undefined) throw failure;
  }

  private async send(target: ConversationTarget, activity: Partial<Activity>): Promise<string> {
    let activityId = '';
    await this.run(target, async (ctx) => {
      const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
      const res = await client.conversations.sendToConversation(target.conversationId, {
        ...activity,
        conversation: { id: target.conversationId },
      } as Activity);
      activityId = res?.id ?? '';
    });
    return activityId;
  }

  async post(target: ConversationTarget, card: CardData, summary: string): Promise<{ activityId: string }> {
    const activity = MessageFactory.attachment(cardAttachment(card));
    activity.summary = summary;
    const activityId = await this.send(target, activity);
    if (!activityId) throw new Error(`Teams returned no activity id for the card posted in ${target.conversationId}`);
    return { activityId };
  }

  async openPersonalChat(aadObjectId: string, via: ConversationTarget): Promise<ConversationTarget | null> {
    const ref = referenceFor(via);
    const tenantId = (ref.conversation as { tenantId?: string } | undefined)?.tenantId;
    if (!tenantId || !ref.bot) return null;
    let created: ConversationTarget | null = null;
    await this.adapter.createConversationAsync(
      this.appId,
      ref.channelId ?? 'msteams',
      via.serviceUrl,
      'https://api.botframework.com',
      {
        isGroup: false,
        bot: ref.bot,
        members: [{ id: aadObjectId, name: '' }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as never,
      async (ctx) => {
        const id = ctx.activity.conversation?.id;
        if (id)
          created = {
            conversationId: id,
            serviceUrl: via.serviceUrl,
            reference: { ...ref, conversation: { id, conversationType: 'personal', tenantId } },
          };
      },
    );
    return created;
  }

  async update(copy: PostedCopy, card: CardData): Promise<void> {
    await this.run(copy, async (ctx) => {
      await ctx.updateActivity({ type: 'message', id: copy.activityId, attachments: [cardAttachment(card)] });
    });
  }

  async sendText(target: ConversationTarget, text: string): Promise<void> {
    await this.send(target, MessageFactory.text(text));
  }
}
