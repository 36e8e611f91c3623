// Learns where the bot can post from Teams' own events, beyond the conversations people write in
// (which ConversationTracker records): a channel created in a team the bot is in is stored with
// its reference at once; a deleted channel, a deleted or archived team, or the bot's removal
// marks those conversations removed and stops their subscriptions, so the dispatcher does not
// keep posting into the void.
import { TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationPort } from '../conversations/ports';
import type { OutboxPort } from '../notifications/ports';
import { baseConversationId } from './conversation-tracker';

interface TeamsChannelData {
  eventType?: string;
  channel?: { id?: string; name?: string };
  team?: { id?: string; name?: string };
  tenant?: { id?: string };
}

const TEAM_GONE = new Set(['teamDeleted', 'teamHardDeleted', 'teamArchived']);

export class InstallationEvents implements Middleware {
  constructor(
    private readonly conversations: ConversationPort,
    private readonly outbox: Pick<OutboxPort, 'deactivateConversation'>,
    private readonly logger: Logger,
  ) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    try {
      await this.learn(ctx);
    } catch (err) {
      this.logger.warn({ err }, 'could not record an installation event');
    }
    await next();
  }

  async learn(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    if (!a.serviceUrl || !a.conversation?.id) return;
    const data = (a.channelData ?? {}) as TeamsChannelData;
    const teamId = data.team?.id ?? null;
    const botId = a.recipient?.id;
    const botRemoved =
      (a.type === 'installationUpdate' && /^remove/.test(String(a.action ?? ''))) ||
      (a.type === 'conversationUpdate' && (a.membersRemoved ?? []).some((m) => m?.id === botId));
    if (botRemoved) {
      if (teamId && a.conversation.conversationType === 'channel')
        await this.teamGone(teamId, 'the bot was removed from the team');
      else await this.gone(baseConversationId(a.conversation.id), 'the bot was removed from the conversation');
      return;
    }
    if (a.type !== 'conversationUpdate' || !data.eventType) return;
    const channelId = data.channel?.id;
    switch (data.eventType) {
      case 'channelCreated':
      case 'channelRenamed':
      case 'channelRestored': {
        if (!channelId) return;
        const reference = TurnContext.getConversationReference(a);
        await this.conversations.upsert({
          id: channelId,
          kind: 'channel',
          tenantId: data.tenant?.id ?? a.conversation.tenantId ?? null,
          teamId,
          serviceUrl: a.serviceUrl,
          reference: {
            ...reference,
            conversation: { ...reference.conversation, id: channelId, conversationType: 'channel' },
            activityId: undefined,
          },
        });
        this.logger.info({ event: data.eventType, channelId, teamId }, 'channel recorded');
        return;
      }
      case 'channelDeleted':
        if (channelId) await this.gone(channelId, 'the channel was deleted');
        return;
      default:
        if (TEAM_GONE.has(data.eventType) && teamId)
          await this.teamGone(teamId, `the team was ${data.eventType === 'teamArchived' ? 'archived' : 'deleted'}`);
    }
  }

  private async gone(conversationId: string, reason: string): Promise<void> {
    await this.conversations.markRemoved(conversationId);
    await this.outbox.deactivateConversation(conversationId, reason);
    this.logger.info({ conversationId, reason }, 'conversation removed; its subscriptions stopped');
  }

  private async teamGone(teamId: string, reason: string): Promise<void> {
    const known = await this.conversations.list({ teamId });
    const ids = new Set([teamId, ...known.map((c) => c.id)]);
    for (const id of ids) await this.gone(id, reason);
  }
}
