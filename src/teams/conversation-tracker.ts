// Remembers every conversation the bot is in (team channels, group chats, personal chats) with
// its conversation reference, so later features can message it proactively, and answers which
// organisation a conversation is bound to. Channel thread ids (";messageid=…") are folded to the
// channel itself: a binding made in one thread holds for the whole channel.
import { TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from 'pino';
import type { OrgId } from '../assistant/answer';
import type { ConversationKind, ConversationPort } from '../conversations/ports';

/** The conversation a thread belongs to: "19:abc@thread.tacv2;messageid=123" -> "19:abc@thread.tacv2". */
export function baseConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

const KINDS: readonly ConversationKind[] = ['personal', 'groupChat', 'channel'];
const REFRESH_MS = 10 * 60_000;
/**
 * A binding read from the database is reused this long: the look-up is on every turn and costs
 * more than answering (PGlite). Bindings made in this process are seen at once (rememberOrg);
 * other processes sharing PostgreSQL see them within this time.
 */
const ORG_TTL_MS = 60_000;

export class ConversationTracker implements Middleware {
  private readonly seen = new Map<string, { serviceUrl: string; at: number }>();
  private readonly orgs = new Map<string, { org: OrgId | undefined; at: number }>();

  constructor(
    private readonly conversations: ConversationPort,
    private readonly logger: Logger,
    /** Told about each conversation as it is recorded (cards waiting for it are delivered then). */
    private readonly onRecorded?: (c: { id: string; kind: ConversationKind; userAadId: string | null }) => void,
  ) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    try {
      await this.record(ctx);
    } catch (err) {
      // Losing one refresh must not cost the user their answer.
      this.logger.warn({ err }, 'could not record the conversation');
    }
    await next();
  }

  async record(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const rawId = a.conversation?.id;
    if (!rawId || !a.serviceUrl) return;
    const id = baseConversationId(rawId);
    const botId = a.recipient?.id;
    const removed =
      (a.type === 'installationUpdate' && /^remove/.test(String(a.action ?? ''))) ||
      (a.type === 'conversationUpdate' && (a.membersRemoved ?? []).some((m) => m?.id === botId));
    if (removed) {
      this.seen.delete(id);
      this.orgs.delete(id);
      await this.conversations.markRemoved(id);
      return;
    }
    const last = this.seen.get(id);
    if (last && last.serviceUrl === a.serviceUrl && Date.now() - last.at < REFRESH_MS) return;
    const type = String(a.conversation.conversationType ?? 'personal');
    const channelData = (a.channelData ?? {}) as { team?: { id?: string }; tenant?: { id?: string } };
    const reference = TurnContext.getConversationReference(a);
    const kind = (KINDS as readonly string[]).includes(type) ? (type as ConversationKind) : 'personal';
    await this.conversations.upsert({
      id,
      kind,
      tenantId: channelData.tenant?.id ?? a.conversation.tenantId ?? null,
      teamId: channelData.team?.id ?? null,
      serviceUrl: a.serviceUrl,
      reference: { ...reference, conversation: { ...reference.conversation, id }, activityId: undefined },
    });
    this.seen.set(id, { serviceUrl: a.serviceUrl, at: Date.now() });
    if (this.seen.size > 10_000) this.seen.clear();
    this.onRecorded?.({ id, kind, userAadId: kind === 'personal' ? (a.from?.aadObjectId ?? null) : null });
  }

  /** For TeamsBot's `orgFor`: the organisation the conversation is bound to, if any. */
  orgFor = async (ctx: TurnContext): Promise<OrgId | undefined> => {
    const rawId = ctx.activity.conversation?.id;
    if (!rawId) return undefined;
    const id = baseConversationId(rawId);
    const hit = this.orgs.get(id);
    if (hit && Date.now() - hit.at < ORG_TTL_MS) return hit.org;
    const org = (await this.conversations.orgOf(id)) ?? undefined;
    if (this.orgs.size > 10_000) this.orgs.clear();
    this.orgs.set(id, { org, at: Date.now() });
    return org;
  };

  /** After a binding changed in this process, so the conversation's next turn uses it. */
  rememberOrg(conversationId: string, org: OrgId | null): void {
    this.orgs.set(baseConversationId(conversationId), { org: org ?? undefined, at: Date.now() });
  }
}
