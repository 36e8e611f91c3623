// Getting a round's card to the people who decide, and keeping every copy in step with the round.
// When a round opens, its copies are planned (the body's conversation, each approver's personal
// chat) and delivered where the conversation is known; the others wait, with the reason, and the
// case's history says which. A waiting copy is delivered as soon as its conversation becomes known
// (someone writes to the bot there), or by the next sweep. After a vote every posted copy is
// updated in place.
import { encodeDelivery, type DeliveryNote } from '../cases/history';
import { langOfLocale, type OrgId } from '../common/ids';
import type { Background } from './background';
import type { ApprovalCards, CardContext } from './cards';
import type { CardData } from './card-view';
import { SYSTEM_ACTOR, type ApprovalDeps, type ConversationTarget } from './deps';
import { eligibleVoters } from './eligibility';
import type { PlannedCopy, PostedCopy, WaitingCopy, WaitingReason } from './ports';
import { approvalTexts, type ApprovalLang } from './texts';
import type { Approval } from './types';

/** Lets the invoke's own answer leave first; far below anything a person notices. */
const SYNC_DELAY_MS = 15;

type Outcome = { copy: WaitingCopy; posted: true } | { copy: WaitingCopy; posted: false; reason: WaitingReason };

export class CardDelivery {
  private readonly syncQueued = new Set<string>();

  constructor(
    private readonly deps: ApprovalDeps,
    private readonly cards: ApprovalCards,
    private readonly background: Background,
  ) {}

  /** The copies a round should have: the body's conversation and everyone who may vote today. */
  async plan(a: Approval, audience?: readonly string[]): Promise<void> {
    const planned: PlannedCopy[] = [];
    const body = this.deps.config.bodyConversations[a.bodyId];
    if (body && !audience) planned.push({ kind: 'body', conversationId: body, audienceAadId: null });
    if (this.deps.config.personalCopies) {
      const voters = audience ?? eligibleVoters(a, (await this.cards.context(a)).subs, this.deps.clock.today());
      for (const aad of voters) planned.push({ kind: 'personal', conversationId: null, audienceAadId: aad });
    }
    await this.deps.store.planCopies(a.id, planned);
  }

  /**
   * Delivers the waiting copies that match; writes one history line for what was posted and,
   * with `tellWaiting` (right after the round opened) or when a reason changed, one for what waits.
   */
  async deliver(
    filter: { approvalId?: string; conversationId?: string; audienceAadId?: string },
    tellWaiting = false,
  ): Promise<void> {
    const waiting = await this.deps.store.waitingCopies(filter);
    const byRound = new Map<string, WaitingCopy[]>();
    for (const w of waiting) byRound.set(w.approvalId, [...(byRound.get(w.approvalId) ?? []), w]);
    for (const [approvalId, copies] of byRound) {
      const a = await this.deps.store.get(approvalId);
      if (a?.status !== 'open') continue;
      const ctx = await this.cards.context(a);
      const outcomes: Outcome[] = [];
      for (const copy of copies) outcomes.push(await this.deliverOne(ctx, copy));
      await this.tell(a, outcomes, tellWaiting);
    }
  }

  private async deliverOne(ctx: CardContext, copy: WaitingCopy): Promise<Outcome> {
    const target = await this.targetOf(ctx.approval, copy);
    if (!target) {
      const reason: WaitingReason = copy.kind === 'body' ? 'conversation_unknown' : 'no_personal_chat';
      if (reason !== copy.reason) await this.deps.store.markWaiting(copy.id, reason, null);
      return { copy, posted: false, reason };
    }
    const lang = this.langOf(target);
    try {
      const card = this.cards.render(ctx, copy.audienceAadId, lang, null);
      const { activityId } = await this.deps.sender.post(target, card, this.summary(ctx.approval, lang));
      await this.deps.store.markPosted(copy.id, {
        conversationId: target.conversationId,
        activityId,
        serviceUrl: target.serviceUrl,
        lang,
        renderedVersion: ctx.approval.version,
      });
      return { copy, posted: true };
    } catch (err) {
      this.deps.onError?.(err, `post ${ctx.approval.id} to ${target.conversationId}`);
      await this.deps.store.markWaiting(copy.id, 'send_failed', err instanceof Error ? err.message : String(err));
      return { copy, posted: false, reason: 'send_failed' };
    }
  }

  private async targetOf(a: Approval, copy: WaitingCopy): Promise<ConversationTarget | null> {
    if (copy.kind === 'body') return copy.conversationId ? this.deps.conversation(copy.conversationId) : null;
    const aad = copy.audienceAadId!;
    const chat = (await this.deps.personalChats.find([aad])).get(aad);
    if (chat) return chat;
    if (!this.deps.config.openPersonalChats) return null;
    // Teams opens a chat with someone new only within a tenant the bot knows: any known conversation of the
    // round's people.
    const body = this.deps.config.bodyConversations[a.bodyId];
    const via =
      (body ? await this.deps.conversation(body) : null) ??
      [...(await this.deps.personalChats.find(a.approvers.map((p) => p.aadObjectId))).values()][0];
    if (!via) return null;
    try {
      return await this.deps.sender.openPersonalChat(aad, via);
    } catch (err) {
      this.deps.onError?.(err, `open a personal chat with ${aad}`);
      return null;
    }
  }

  /** The history line(s) for a delivery attempt: never "sent" for a copy that was not. */
  private async tell(a: Approval, outcomes: Outcome[], tellWaiting: boolean): Promise<void> {
    const nameOf = (copy: WaitingCopy) =>
      copy.kind === 'body'
        ? a.bodyId
        : (a.approvers.find((p) => p.aadObjectId === copy.audienceAadId)?.name ?? copy.audienceAadId ?? '');
    const posted: DeliveryNote['targets'] = outcomes
      .filter((o) => o.posted)
      .map((o) => ({ kind: o.copy.kind, name: nameOf(o.copy) }));
    const waiting: DeliveryNote['targets'] = outcomes
      .filter((o): o is Extract<Outcome, { posted: false }> => !o.posted && (tellWaiting || o.reason !== o.copy.reason))
      .map((o) => ({ kind: o.copy.kind, name: nameOf(o.copy), reason: o.reason }));
    const at = this.deps.clock.now().toISOString();
    const line = (kind: string, targets: DeliveryNote['targets']) => ({
      at,
      actorId: SYSTEM_ACTOR.aadObjectId,
      actorName: SYSTEM_ACTOR.name,
      kind,
      fromStep: a.stepId,
      toStep: null,
      comment: encodeDelivery({ targets }),
    });
    const events = [
      ...(posted.length > 0 ? [line('cards_delivered', posted)] : []),
      ...(waiting.length > 0 ? [line('cards_waiting', waiting)] : []),
    ];
    if (events.length > 0) await this.deps.store.recordHistory(a.caseId, events);
  }

  /** A conversation was recorded: deliver what waits for it (the body's chat, or a person's own chat). */
  conversationKnown(c: { id: string; kind: string; userAadId: string | null }): void {
    this.background.run(
      (async () => {
        await this.deliver({ conversationId: c.id });
        if (c.kind === 'personal' && c.userAadId) await this.deliver({ audienceAadId: c.userAadId });
      })(),
      `deliver waiting cards for ${c.id}`,
    );
  }

  /** Posts a copy now, where the person is talking to the bot ("mine godkendelser"), and records it. */
  async postHere(
    a: Approval,
    audienceAadId: string,
    lang: ApprovalLang,
    send: (card: CardData) => Promise<string>,
    target: { conversationId: string; serviceUrl: string },
  ): Promise<void> {
    const activityId = await send(await this.cards.cardFor(a, audienceAadId, lang, null));
    if (!activityId) return;
    await this.deps.store.addCopy({
      approvalId: a.id,
      conversationId: target.conversationId,
      activityId,
      serviceUrl: target.serviceUrl,
      kind: 'personal',
      audienceAadId,
      lang,
      renderedVersion: a.version,
    });
  }

  /** Posts a new copy in a known chat (reminders); the copy is updated with the round from then on. */
  async postTo(ctx: CardContext, chat: ConversationTarget, audienceAadId: string, summary: string): Promise<void> {
    const a = ctx.approval;
    const lang = this.langOf(chat);
    try {
      const { activityId } = await this.deps.sender.post(
        chat,
        this.cards.render(ctx, audienceAadId, lang, null),
        summary,
      );
      await this.deps.store.addCopy({
        approvalId: a.id,
        conversationId: chat.conversationId,
        activityId,
        serviceUrl: chat.serviceUrl,
        kind: 'personal',
        audienceAadId,
        lang,
        renderedVersion: a.version,
      });
    } catch (err) {
      this.deps.onError?.(err, `post ${a.id} to ${chat.conversationId}`);
    }
  }

  /** The language of a conversation, from the locale Teams reported in it; else the configured one. */
  langOf(target: { reference?: unknown }): ApprovalLang {
    return langOfLocale((target.reference as { locale?: unknown } | null | undefined)?.locale) ?? this.deps.config.lang;
  }

  summary(a: Approval, lang: ApprovalLang): string {
    return `${approvalTexts(lang).labels.heading}: ${a.caseId}`;
  }

  /** Updates the round's cards shortly after the answer has gone out; votes arriving meanwhile share it. */
  scheduleSync(approvalId: string): void {
    if (this.syncQueued.has(approvalId)) return;
    this.syncQueued.add(approvalId);
    const run = new Promise<void>((resolve) => setTimeout(resolve, SYNC_DELAY_MS)).then(() => {
      this.syncQueued.delete(approvalId);
      return this.syncCards(approvalId);
    });
    this.background.run(run, `update cards of ${approvalId}`);
  }

  /** Brings every posted copy of the round up to its current version (PUT on each activity). */
  syncCards(approvalId: string): Promise<void> {
    return this.deps.store.serialiseCardSync(approvalId, async () => {
      const a = await this.deps.store.get(approvalId);
      if (!a) return;
      const behind = (await this.deps.store.copies(approvalId)).filter((copy) => copy.renderedVersion < a.version);
      if (behind.length === 0) return;
      const ctx = await this.cards.context(a);
      for (const copy of behind) await this.update(ctx, copy);
    });
  }

  private async update(ctx: CardContext, copy: PostedCopy): Promise<void> {
    const version = ctx.approval.version;
    try {
      await this.deps.sender.update(copy, this.cards.render(ctx, copy.audienceAadId, copy.lang, null));
      await this.deps.store.markRendered(copy.id, version, null);
    } catch (err) {
      await this.deps.store.markRendered(copy.id, version, err instanceof Error ? err.message : String(err));
      this.deps.onError?.(err, `update copy ${copy.activityId} in ${copy.conversationId}`);
    }
  }

  /** For the case card: who the round waits for, and which copies have not arrived, and why. */
  async statusLines(caseId: string, lang: ApprovalLang): Promise<string[]> {
    const a = await this.deps.store.latestFor(caseId);
    if (a?.status !== 'open') return [];
    const t = approvalTexts(lang).delivery;
    const today = this.deps.clock.today();
    const body = this.deps.catalog.bodyName(a.org as OrgId, a.bodyId, lang, today);
    const voted = new Set(a.votes.map((v) => v.seat));
    const lines = [
      t.waitingFor(
        body,
        a.approvers
          .filter((p) => !voted.has(p.aadObjectId))
          .map((p) => p.name)
          .join(', '),
      ),
    ];
    if (!this.deps.config.bodyConversations[a.bodyId]) lines.push(t.noConversation(body));
    const waiting = await this.deps.store.waitingCopies({ approvalId: a.id });
    if (waiting.length > 0) {
      const where = (w: WaitingCopy) =>
        w.kind === 'body'
          ? t.bodyConversation(body)
          : t.personalChat(a.approvers.find((p) => p.aadObjectId === w.audienceAadId)?.name ?? '');
      lines.push(t.notDelivered(waiting.map((w) => `${where(w)}: ${t.reason[w.reason]}`).join('; ')));
    }
    return lines;
  }
}
