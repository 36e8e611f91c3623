// The approvals feature over its ports: opens a round when a case reaches a step decided by a pair
// (formandskab, secretariat management), posts the card where the body works and to each
// approver, takes votes, keeps every posted copy in step with the state, lists what waits for a
// person, reminds, lists overdue rounds, records substitutes and tells the case's history.
import type { Case } from '../cases/model';
import type { CaseRepository, ProcessCatalog } from '../cases/ports';
import { stepIndex } from '../cases/transitions';
import type { DirectoryPort } from '../directory/person';
import type { OrgId } from '../assistant/answer';
import type { Text } from '../governance/schema';
import { approvalCardData, chooseView, refreshUserId, type ApprovalSubject, type CardData } from './card-view';
import { openApproval, type VoteCommand } from './cast-vote';
import type { Clock } from '../shared/clock';
import { eligibleVoters, seatFor } from './eligibility';
import { historyLines } from './history';
import { outcomeEffect } from './outcome';
import type { ApprovalStore, CardFacts, HistoryEvent, PostedCopy, StoredVoteResult } from './ports';
import { dueReminders, overdueApprovals, type OverdueApproval, type ReminderPolicy } from './reminders';
import { activeSubstitutionFor, planSubstitution, type SubstitutionPlan } from './substitutes';
import { parseSubstituteCommand } from './substitute-command';
import { approvalTexts, formatDkk, type ApprovalLang } from './texts';
import { DEFAULT_VOTE_RULE, type Approval, type Person, type Substitution, type VoteRule } from './types';
import { latestVotes } from './vote-rule';
import { localDate } from './working-days';

/** Where a person can be written to directly (their personal chat with the bot). */
export interface PersonalChat {
  conversationId: string;
  serviceUrl: string;
  reference: unknown;
  teamsUserId: string | null;
}

export interface PersonalChats {
  find(aadObjectIds: readonly string[]): Promise<Map<string, PersonalChat>>;
}

export interface ConversationTarget {
  conversationId: string;
  serviceUrl: string;
  reference: unknown;
}

/** Teams, as the approvals feature uses it. */
export interface CardSender {
  post(target: ConversationTarget, card: CardData, summary: string): Promise<{ activityId: string }>;
  /**
   * Opens (or finds) the bot's personal chat with someone it has not talked to yet, by their Entra
   * object id, in the tenant of a conversation the bot knows (Teams allows this when the app is
   * installed for the person). Null when Teams refuses.
   */
  openPersonalChat(aadObjectId: string, via: ConversationTarget): Promise<ConversationTarget | null>;
  update(copy: PostedCopy, card: CardData): Promise<void>;
  sendText(target: ConversationTarget, text: string): Promise<void>;
}

export interface ApprovalConfig {
  /** Body id → the conversation (channel or group chat) where the body works. */
  bodyConversations: Readonly<Record<string, string>>;
  /** Also post the card in each approver's personal chat with the bot. */
  personalCopies: boolean;
  reminders: ReminderPolicy;
  lang: ApprovalLang;
}

export interface ApprovalDeps {
  store: ApprovalStore;
  cases: Pick<CaseRepository, 'get' | 'history'>;
  catalog: ProcessCatalog;
  directory: Pick<DirectoryPort, 'get' | 'list'>;
  personalChats: PersonalChats;
  conversation(id: string): Promise<ConversationTarget | null>;
  sender: CardSender;
  clock: Clock;
  config: ApprovalConfig;
  newId(): string;
  onError?(err: unknown, context: string): void;
}

export type VoteOutcome = { result: StoredVoteResult; card: CardData | null; notice: string };

export interface WaitingItem {
  approval: Approval;
  caseTitle: string;
  asSubstituteFor: string | null;
  myVote: string | null;
}

/** Cases the sweep reads at a time. */
const SWEEP_PAGE = 100;

/** Lets the invoke's own answer leave first; far below anything a person notices. */
const SYNC_DELAY_MS = 15;

interface Arrival {
  comment: string | null;
  actorName: string;
}

export interface CardContext {
  approval: Approval;
  case: Case | null;
  subs: Substitution[];
  arrival: Arrival | null;
  pool: { remainingDkk: number; name: Text } | null;
  refreshUserIds: string[];
}

export class ApprovalService {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly arrivals = new Map<string, Arrival | null>();
  private readonly syncQueued = new Set<string>();

  constructor(private readonly deps: ApprovalDeps) {}

  private today(): string {
    return localDate(this.deps.clock.now());
  }

  /** Resolves when every background card update started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private background(p: Promise<unknown>, context: string): void {
    const tracked = p.catch((err) => this.deps.onError?.(err, context));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  // --- opening a round ---------------------------------------------------------------------

  /** Opens (and posts) a round if the case stands at an approval step without one. */
  async openIfDue(c: Case, openedBy: { aadObjectId: string; name: string }): Promise<Approval | null> {
    if (c.state !== 'open') return null;
    const today = this.today();
    const process = this.deps.catalog.process(c.org, c.processId, today);
    const step = process?.steps[stepIndex(process, c.stepId)];
    if (!process || !step?.approval) return null;
    const bodyId = c.holder;
    const members = await this.deps.directory.list({ org: c.org, role: bodyId });
    const chats = await this.deps.personalChats.find(members.map((m) => m.aadObjectId));
    const approvers: Person[] = members.map((m) => ({ aadObjectId: m.aadObjectId, name: m.name, teamsUserId: chats.get(m.aadObjectId)?.teamsUserId ?? null }));
    const deadline = c.deadlines.find((d) => d.stepId === step.id)?.date ?? null;
    const opened = openApproval({
      id: this.deps.newId(),
      caseId: c.id,
      stepId: step.id,
      bodyId,
      org: c.org,
      rule: this.deps.catalog.voteRule(c.org, bodyId, today) ?? DEFAULT_VOTE_RULE,
      approvers,
      now: this.deps.clock.now(),
      deadline,
      amountDkk: process.involvesMoney ? c.amountDkk : null,
      poolId: process.involvesMoney ? (this.deps.catalog.pool(c.org, today)?.id ?? null) : null,
    });
    if (opened.kind === 'no_approvers') {
      this.deps.onError?.(new Error(`no one in the directory sits in ${bodyId} (${c.org})`), `open ${c.id}`);
      return null;
    }
    const r = await this.deps.store.openRound(opened.approval, this.event(openedBy, 'approval_opened', step.id, approvers.map((a) => a.name).join(', ')), { stepId: c.stepId, version: c.version });
    if (r.kind === 'moved') return null;
    if (r.kind === 'opened') await this.postCopies(r.approval);
    return r.approval;
  }

  /**
   * Brings rounds in line with the cases: opens rounds for cases standing at an approval step,
   * withdraws rounds whose case left the step, and re-sends cards a failed update left behind.
   */
  async sweep(orgs: readonly OrgId[] = ['midt', 'nord']): Promise<void> {
    const today = this.today();
    const system = { aadObjectId: 'system', name: 'Sundhedsaftale-bot' };
    for (const org of orgs) {
      const steps = this.deps.catalog.processes(org, today).flatMap((p) => p.steps.filter((s) => s.approval).map((s) => ({ processId: p.id, stepId: s.id })));
      if (steps.length === 0) continue;
      // Every case waiting for a round, page by page: complete at any number of cases.
      for (let after: string | null = null; ; ) {
        const page = await this.deps.store.casesAwaitingRound(org, steps, after, SWEEP_PAGE);
        for (const c of page) await this.openIfDue(c, system);
        if (page.length < SWEEP_PAGE) break;
        after = page[page.length - 1]!.id;
      }
      for (const a of await this.deps.store.listOpen({ org })) {
        const c = await this.deps.cases.get(a.caseId);
        if (!c || c.state === 'closed' || c.stepId !== a.stepId) {
          const withdrawn = await this.deps.store.withdraw(a.id, this.event(system, 'approval_withdrawn', a.stepId, null));
          if (withdrawn) this.scheduleSync(withdrawn.id);
        } else if ((await this.deps.store.copies(a.id)).some((copy) => copy.renderedVersion < a.version)) {
          this.scheduleSync(a.id);
        }
      }
    }
  }

  private async postCopies(a: Approval): Promise<void> {
    const lang = this.deps.config.lang;
    const summary = `${approvalTexts(lang).labels.heading}: ${a.caseId}`;
    const ctx = await this.cardContext(a);
    const bodyConversation = this.deps.config.bodyConversations[a.bodyId];
    const bodyTarget = bodyConversation ? await this.deps.conversation(bodyConversation) : null;
    if (bodyTarget) await this.postCopy(ctx, bodyTarget, 'body', null, lang, summary);
    else if (bodyConversation) this.deps.onError?.(new Error(`the bot is not installed in ${bodyConversation} (configured for ${a.bodyId})`), `post ${a.id}`);
    if (!this.deps.config.personalCopies) return;
    const audience = eligibleVoters(a, ctx.subs, this.today());
    const chats = await this.deps.personalChats.find(audience);
    const via = bodyTarget ?? [...chats.values()][0] ?? null;
    for (const aad of audience) {
      const chat = chats.get(aad) ?? (via ? await this.openPersonalChat(aad, via) : null);
      if (chat) await this.postCopy(ctx, chat, 'personal', aad, lang, summary);
    }
  }

  private async openPersonalChat(aad: string, via: ConversationTarget): Promise<ConversationTarget | null> {
    try {
      return await this.deps.sender.openPersonalChat(aad, via);
    } catch (err) {
      this.deps.onError?.(err, `open a personal chat with ${aad}`);
      return null;
    }
  }

  private async postCopy(ctx: CardContext, target: ConversationTarget, kind: PostedCopy['kind'], audience: string | null, lang: ApprovalLang, summary: string): Promise<void> {
    const a = ctx.approval;
    try {
      const { activityId } = await this.deps.sender.post(target, this.render(ctx, audience, lang, null), summary);
      await this.deps.store.addCopy({ approvalId: a.id, conversationId: target.conversationId, activityId, serviceUrl: target.serviceUrl, kind, audienceAadId: audience, lang, renderedVersion: a.version });
    } catch (err) {
      this.deps.onError?.(err, `post ${a.id} to ${target.conversationId}`);
    }
  }

  /**
   * Sends the round's card for one person in the conversation at hand (e.g. "mine godkendelser")
   * and records the copy, so later votes update it too.
   */
  async postPersonalCopy(a: Approval, audienceAadId: string, lang: ApprovalLang, send: (card: CardData) => Promise<string>, target: { conversationId: string; serviceUrl: string }): Promise<void> {
    const activityId = await send(await this.cardFor(a, audienceAadId, lang, null));
    if (activityId) await this.deps.store.addCopy({ approvalId: a.id, conversationId: target.conversationId, activityId, serviceUrl: target.serviceUrl, kind: 'personal', audienceAadId, lang, renderedVersion: a.version });
  }

  get(id: string): Promise<Approval | null> {
    return this.deps.store.get(id);
  }

  // --- cards -------------------------------------------------------------------------------

  /**
   * Everything a card of this round shows besides the votes: the case, the substitutes and the
   * pool balance. Loaded once per answer (or per card sync), then rendered for each viewer.
   */
  async cardContext(a: Approval): Promise<CardContext> {
    return this.contextFrom(a, await this.deps.store.cardFacts(a.caseId, a.approvers.map((p) => p.aadObjectId)));
  }

  /** The round and its card's context in one read (refreshes, outsiders' clicks). */
  async view(approvalId: string): Promise<CardContext | null> {
    const v = await this.deps.store.view(approvalId);
    return v ? this.contextFrom(v.approval, v) : null;
  }

  private async contextFrom(a: Approval, facts: CardFacts): Promise<CardContext> {
    const theCase = facts.case;
    const subs = facts.subs;
    const arrival = await this.arrivalOf(a, theCase);
    const poolDef = a.amountDkk !== null && theCase?.poolYear != null && facts.poolApprovedDkk !== null ? this.deps.catalog.pool(theCase.org, this.today()) : undefined;
    const pool = poolDef ? { remainingDkk: poolDef.annualAmountDkk - facts.poolApprovedDkk!, name: poolDef.name } : null;
    const extra = eligibleVoters(a, subs, this.today()).filter((id) => !a.approvers.some((p) => p.aadObjectId === id));
    const extraChats = extra.length > 0 ? await this.deps.personalChats.find(extra) : new Map<string, PersonalChat>();
    const refreshUserIds = [
      ...a.approvers.map(refreshUserId),
      ...extra.map((id) => refreshUserId({ aadObjectId: id, name: '', teamsUserId: extraChats.get(id)?.teamsUserId ?? null })),
    ];
    return { approval: a, case: theCase, subs, arrival, pool, refreshUserIds };
  }

  /** The recommendation is what the person who brought the case to this step wrote; it does not change during a round. */
  private async arrivalOf(a: Approval, c: Case | null): Promise<Arrival | null> {
    if (!c) return null;
    const cached = this.arrivals.get(a.id);
    if (cached !== undefined) return cached;
    const history = await this.deps.cases.history(c.id, 30);
    const e = [...history].reverse().find((x) => x.toStep === a.stepId && (x.kind === 'moved' || x.kind === 'created'));
    const arrival = e ? { comment: e.comment, actorName: e.actorName } : null;
    if (this.arrivals.size > 1000) this.arrivals.clear();
    this.arrivals.set(a.id, arrival);
    return arrival;
  }

  subjectOf(ctx: CardContext, lang: ApprovalLang): ApprovalSubject {
    const { approval: a, case: c } = ctx;
    const today = this.today();
    const process = c ? this.deps.catalog.process(c.org, c.processId, today) : undefined;
    const step = process?.steps.find((s) => s.id === a.stepId);
    return {
      caseTitle: c ? (lang === 'en' ? (c.titleEn ?? c.title) : c.title) : a.caseId,
      bodyName: this.deps.catalog.bodyName(a.org as OrgId, a.bodyId, lang, today),
      decision: step ? step.name[lang] : a.stepId,
      recommendation: ctx.arrival?.comment ?? null,
      recommendedBy: ctx.arrival?.actorName ?? null,
      poolName: ctx.pool ? ctx.pool.name[lang] : null,
      poolRemainingDkk: ctx.pool?.remainingDkk ?? null,
      positions: (c?.positions ?? []).map((p) => ({ party: p.party, text: p.position })),
      documents: c?.documents ?? [],
    };
  }

  /** The card as `viewerAadId` should see it (null: a shared copy anyone may be looking at). */
  render(ctx: CardContext, viewerAadId: string | null, lang: ApprovalLang, notice: string | null): CardData {
    const now = this.deps.clock.now();
    const { view, seat } = chooseView(ctx.approval, viewerAadId, ctx.subs, now);
    return approvalCardData({ approval: ctx.approval, subject: this.subjectOf(ctx, lang), view, seat, lang, substitutes: ctx.subs, now, refreshUserIds: ctx.refreshUserIds, notice });
  }

  async cardFor(a: Approval, viewerAadId: string | null, lang: ApprovalLang, notice: string | null): Promise<CardData> {
    return this.render(await this.cardContext(a), viewerAadId, lang, notice);
  }

  /**
   * Updates the round's cards shortly after the answer has gone out. Votes arriving before the
   * update starts share it: it renders whatever the round is by then.
   */
  private scheduleSync(approvalId: string): void {
    if (this.syncQueued.has(approvalId)) return;
    this.syncQueued.add(approvalId);
    const run = new Promise<void>((resolve) => setTimeout(resolve, SYNC_DELAY_MS)).then(() => {
      this.syncQueued.delete(approvalId);
      return this.syncCards(approvalId);
    });
    this.background(run, `update cards of ${approvalId}`);
  }

  /** Brings every posted copy of the round up to its current version (PUT on each activity). */
  syncCards(approvalId: string): Promise<void> {
    return this.deps.store.serialiseCardSync(approvalId, async () => {
      const a = await this.deps.store.get(approvalId);
      if (!a) return;
      const behind = (await this.deps.store.copies(approvalId)).filter((copy) => copy.renderedVersion < a.version);
      if (behind.length === 0) return;
      const ctx = await this.cardContext(a);
      for (const copy of behind) {
        try {
          await this.deps.sender.update(copy, this.render(ctx, copy.audienceAadId, copy.lang, null));
          await this.deps.store.markRendered(copy.id, a.version, null);
        } catch (err) {
          await this.deps.store.markRendered(copy.id, a.version, err instanceof Error ? err.message : String(err));
          this.deps.onError?.(err, `update copy ${copy.activityId} in ${copy.conversationId}`);
        }
      }
    });
  }

  // --- votes -------------------------------------------------------------------------------

  async vote(cmd: VoteCommand, lang: ApprovalLang): Promise<VoteOutcome> {
    const t = approvalTexts(lang);
    const today = this.today();
    // People without a seat are answered from a plain read: they never queue for the round's lock.
    // (Seats are fixed for a round; a substitution made this instant is seen on the next cmd.)
    const peek = await this.view(cmd.approvalId);
    if (!peek) return { result: { kind: 'not_found' }, card: null, notice: t.notFound };
    const current = peek.approval;
    if (current.caseId === cmd.caseId && current.stepId === cmd.stepId && !seatFor(current, cmd.voterAadId, peek.subs, today)) {
      return { result: { kind: 'not_allowed', approval: current }, card: this.render(peek, cmd.voterAadId, lang, t.notAllowed), notice: t.notAllowed };
    }
    const result = await this.deps.store.vote(cmd, {
      now: this.deps.clock.now(),
      bodyName: (a) => this.deps.catalog.bodyName(a.org as OrgId, a.bodyId, this.deps.config.lang, today),
      poolAnnualDkk: (a) => (a.amountDkk !== null && a.poolId !== null ? (this.deps.catalog.pool(a.org as OrgId, today)?.annualAmountDkk ?? null) : null),
      effect: (a, c) => outcomeEffect(a, c, this.deps.catalog.process(c.org, c.processId, today)),
    });
    if (result.kind === 'not_found') return { result, card: null, notice: t.notFound };
    const a = result.approval;
    let notice: string;
    switch (result.kind) {
      case 'accepted':
        notice = t.voteRecorded(t.choice[result.vote.choice]);
        this.scheduleSync(a.id);
        if (result.decided) this.background(this.announceOutcome(a), `announce ${a.id}`);
        break;
      case 'duplicate':
        notice = t.duplicate(t.choice[result.vote.choice]);
        break;
      case 'stale':
        notice = t.outOfDate;
        break;
      case 'not_allowed':
        notice = t.notAllowed;
        break;
      case 'already_decided':
        notice = t.alreadyDecided;
        break;
      case 'comment_required':
        notice = t.commentRequired;
        break;
      case 'exceeds_pool':
        notice = t.exceedsPool(formatDkk(result.remainingDkk, lang));
        break;
    }
    return { result, card: await this.cardFor(a, cmd.voterAadId, lang, notice), notice };
  }

  /** Tells the people who asked (who created the case and who brought it to the decision). */
  private async announceOutcome(a: Approval): Promise<void> {
    const c = await this.deps.cases.get(a.caseId);
    if (!c) return;
    const history = await this.deps.cases.history(c.id, 50);
    const askers = new Set<string>([c.createdBy]);
    const arrival = [...history].reverse().find((e) => e.toStep === a.stepId && e.kind === 'moved');
    if (arrival) askers.add(arrival.actorId);
    for (const p of a.approvers) askers.delete(p.aadObjectId);
    const chats = await this.deps.personalChats.find([...askers]);
    const t = approvalTexts(this.deps.config.lang);
    const last = a.votes[a.votes.length - 1];
    const names = [...latestVotes(a.votes).values()].map((v) => `${v.voterName} (${t.choice[v.choice]})`).join(', ');
    const text = `${a.caseId} "${c.title}": ${t.status[a.status]}. ${names}.${last?.comment && a.status !== 'approved' ? ` "${last.comment}"` : ''}`;
    for (const chat of chats.values()) await this.deps.sender.sendText(chat, text);
  }

  /** "historik SAG-...": the case's audit trail, steps named as the process names them. */
  async history(caseId: string, lang: ApprovalLang): Promise<{ case: Case; lines: string[] } | null> {
    const c = await this.deps.cases.get(caseId);
    if (!c) return null;
    const process = this.deps.catalog.process(c.org, c.processId, this.today());
    const names = new Map((process?.steps ?? []).map((s) => [s.id, s.name[lang]]));
    return { case: c, lines: historyLines(await this.deps.cases.history(caseId), lang, (id) => names.get(id) ?? id) };
  }

  // --- what waits, reminders, overdue --------------------------------------------------------

  async waitingFor(aadObjectId: string): Promise<WaitingItem[]> {
    const open = await this.deps.store.listOpen();
    const today = this.today();
    const out: WaitingItem[] = [];
    for (const a of open) {
      const subs = await this.deps.store.substitutionsFor(a.approvers.map((p) => p.aadObjectId));
      const seat = seatFor(a, aadObjectId, subs, today);
      if (!seat) continue;
      const mine = latestVotes(a.votes).get(seat.seat.aadObjectId);
      const c = await this.deps.cases.get(a.caseId);
      out.push({ approval: a, caseTitle: c?.title ?? a.caseId, asSubstituteFor: seat.kind === 'substitute' ? seat.seat.name : null, myVote: mine?.choice ?? null });
    }
    return out;
  }

  overdue(org?: string): Promise<OverdueApproval[]> {
    return this.deps.store.listOpen(org ? { org } : {}).then((list) => overdueApprovals(list, this.deps.clock.now(), this.deps.config.reminders));
  }

  /** Sends the reminders due now; safe to run from several processes at once. Returns how many. */
  async runReminders(): Promise<number> {
    const now = this.deps.clock.now();
    let sent = 0;
    for (const a of await this.deps.store.listOpen()) {
      const due = dueReminders(a, await this.deps.store.remindersSent(a.id), now, this.deps.config.reminders);
      if (due.length === 0) continue;
      const ctx = await this.cardContext(a);
      for (const r of due) {
        const system = { aadObjectId: 'system', name: 'Sundhedsaftale-bot' };
        if (!(await this.deps.store.claimReminder(a.id, a.caseId, r.seat.aadObjectId, r.seq, this.event(system, 'reminder', a.stepId, `${r.seat.name} #${r.seq}`)))) continue;
        const sub = activeSubstitutionFor(r.seat.aadObjectId, ctx.subs, localDate(now));
        const recipients = [r.seat.aadObjectId, ...(sub ? [sub.substituteAadId] : [])];
        const chats = await this.deps.personalChats.find(recipients);
        for (const aad of recipients) {
          const chat = chats.get(aad);
          if (!chat) continue;
          const lang = this.deps.config.lang;
          await this.postCopy(ctx, chat, 'personal', aad, lang, reminderText(a, lang, r.seq));
          sent++;
        }
      }
    }
    return sent;
  }

  // --- substitutes -----------------------------------------------------------------------------

  async substitute(user: { aadObjectId: string; name: string }, org: OrgId, text: string, lang: ApprovalLang): Promise<string> {
    const cmd = parseSubstituteCommand(text, this.today());
    const me = await this.deps.directory.get(user.aadObjectId);
    const seats = (me?.roles ?? []).filter((r) => this.approvalBodies(org).has(r));
    const da = lang === 'da';
    if (cmd.kind === 'show') {
      const mine = (await this.deps.store.substitutionsFor([user.aadObjectId])).filter((s) => s.revokedAt === null && s.to >= this.today());
      const standIns = (await this.deps.store.substitutionsBy(user.aadObjectId)).filter((s) => s.revokedAt === null && s.to >= this.today());
      const lines = [
        ...mine.map((s) => (da ? `${s.substituteName} er din stedfortræder ${s.from} – ${s.to}.` : `${s.substituteName} is your substitute ${s.from} – ${s.to}.`)),
        ...standIns.map((s) => (da ? `Du er stedfortræder for ${s.principalName} ${s.from} – ${s.to}.` : `You stand in for ${s.principalName} ${s.from} – ${s.to}.`)),
      ];
      return lines.length > 0 ? lines.join('\n') : da ? 'Du har ingen stedfortræder. Skriv fx "stedfortræder Dorte Jensen fra 1.12 til 15.12".' : 'You have no substitute. Write e.g. "substitute Dorte Jensen from 1 December to 15 December".';
    }
    if (!me || seats.length === 0) return da ? 'Du sidder ikke i et organ, der godkender i chatten (formandskabet eller sekretariatsledelsen), så du har ingen stemme at overdrage.' : 'You do not sit in a body that approves in chat (the chairmanship or the secretariat management), so you have no vote to hand over.';
    const actor = { aadObjectId: user.aadObjectId, name: me.name };
    if (cmd.kind === 'revoke') {
      const revoked = await this.deps.store.revokeSubstitutions(user.aadObjectId, this.event(actor, 'substitution', null, da ? 'stedfortræder ophævet' : 'substitute revoked'));
      return revoked.length > 0 ? (da ? `Stedfortræderen er ophævet (${revoked.map((s) => s.substituteName).join(', ')}).` : `The substitute is revoked (${revoked.map((s) => s.substituteName).join(', ')}).`) : da ? 'Du havde ingen aktiv stedfortræder.' : 'You had no active substitute.';
    }
    if (cmd.kind === 'invalid') {
      const why = {
        no_name: da ? 'Hvem skal være stedfortræder? Skriv fx "stedfortræder Dorte Jensen fra 1.12 til 15.12".' : 'Who should stand in? Write e.g. "substitute Dorte Jensen from 1 December to 15 December".',
        no_period: da ? 'For hvilken periode? Skriv fx "stedfortræder Dorte Jensen fra 1.12 til 15.12".' : 'For which period? Write e.g. "substitute Dorte Jensen from 1 December to 15 December".',
        bad_date: da ? 'Jeg kunne ikke læse datoerne. Skriv fx "fra 1.12 til 15.12" eller "2026-12-01 til 2026-12-15".' : 'I could not read the dates. Write e.g. "from 1 December to 15 December" or "2026-12-01 to 2026-12-15".',
      };
      return why[cmd.reason];
    }
    const candidates = await this.findPeople(org, cmd.name);
    if (candidates.length === 0) return da ? `Jeg kender ingen "${cmd.name.slice(0, 80)}" i kataloget over personer.` : `I know no "${cmd.name.slice(0, 80)}" in the directory of people.`;
    if (candidates.length > 1) return (da ? 'Flere passer, skriv det fulde navn: ' : 'Several match, give the full name: ') + candidates.map((p) => p.name).join(', ');
    const substitute = candidates[0]!;
    const coMembers = new Set<string>();
    for (const body of seats) for (const p of await this.deps.directory.list({ org, role: body })) coMembers.add(p.aadObjectId);
    const plan: SubstitutionPlan = planSubstitution({
      id: this.deps.newId(),
      principal: { aadObjectId: user.aadObjectId, name: me.name },
      substitute: { aadObjectId: substitute.aadObjectId, name: substitute.name },
      from: cmd.from,
      to: cmd.to,
      now: this.deps.clock.now().toISOString(),
      today: this.today(),
      coMembers: [...coMembers],
      existing: await this.deps.store.substitutionsFor([user.aadObjectId]),
    });
    if (plan.kind === 'overlap') return da ? `Du har allerede ${plan.existing.substituteName} som stedfortræder ${plan.existing.from} – ${plan.existing.to}. Skriv "stop stedfortræder" først.` : `You already have ${plan.existing.substituteName} as substitute ${plan.existing.from} – ${plan.existing.to}. Write "stop substitute" first.`;
    if (plan.kind === 'invalid') {
      const why: Record<typeof plan.reason, [string, string]> = {
        self: ['Du kan ikke være din egen stedfortræder.', 'You cannot be your own substitute.'],
        range: ['Perioden slutter før den begynder.', 'The period ends before it starts.'],
        past: ['Perioden er allerede forbi.', 'The period is already over.'],
        too_long: ['En stedfortræder kan højst udpeges for et år ad gangen.', 'A substitute can be named for at most a year at a time.'],
        co_member: [`${substitute.name} sidder selv i samme organ og kan ikke stemme på dine vegne: så ville én person træffe beslutningen alene.`, `${substitute.name} sits in the same body and cannot vote for you: one person would then decide alone.`],
      };
      return why[plan.reason][da ? 0 : 1];
    }
    const s: Substitution = plan.substitution;
    await this.deps.store.addSubstitution(s, this.event(actor, 'substitution', null, `${s.substituteName}: ${s.from} – ${s.to}`));
    const seatsOpen = (await this.deps.store.listOpen()).filter((a) => a.approvers.some((p) => p.aadObjectId === user.aadObjectId));
    for (const a of seatsOpen) this.scheduleSync(a.id);
    // A substitute who starts today gets the waiting cards in their own chat with the bot.
    if (this.deps.config.personalCopies && s.from <= this.today() && seatsOpen.length > 0) this.background(this.postToSubstitute(seatsOpen, s.substituteAadId), `copies for ${s.substituteName}`);
    return da ? `${s.substituteName} er din stedfortræder fra ${s.from} til og med ${s.to} og kan stemme i dit sted. Det står på kortene.` : `${s.substituteName} is your substitute from ${s.from} to ${s.to} inclusive and may vote in your place. The cards say so.`;
  }

  private async postToSubstitute(rounds: Approval[], substituteAadId: string): Promise<void> {
    const chat = (await this.deps.personalChats.find([substituteAadId])).get(substituteAadId);
    if (!chat) return;
    const lang = this.deps.config.lang;
    for (const a of rounds) await this.postCopy(await this.cardContext(a), chat, 'personal', substituteAadId, lang, `${approvalTexts(lang).labels.heading}: ${a.caseId}`);
  }

  private approvalBodies(org: OrgId): Set<string> {
    const out = new Set<string>();
    for (const p of this.deps.catalog.processes(org, this.today())) for (const s of p.steps) if (s.approval) s.holders.forEach((h) => out.add(h));
    return out;
  }

  private async findPeople(org: OrgId, name: string): Promise<Array<{ aadObjectId: string; name: string }>> {
    const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim();
    const wanted = fold(name);
    const people = await this.deps.directory.list({ org });
    const exact = people.filter((p) => fold(p.name) === wanted);
    if (exact.length > 0) return exact;
    const words = wanted.split(' ');
    return people.filter((p) => words.every((w) => fold(p.name).split(' ').some((pw) => pw.startsWith(w))));
  }

  private event(actor: { aadObjectId: string; name: string }, kind: string, step: string | null, comment: string | null): HistoryEvent {
    return { at: this.deps.clock.now().toISOString(), actorId: actor.aadObjectId, actorName: actor.name, kind, fromStep: step, toStep: null, comment };
  }
}

function reminderText(a: Approval, lang: ApprovalLang, seq: number): string {
  return lang === 'en' ? `Reminder ${seq}: ${a.caseId} is waiting for your decision` : `Påmindelse ${seq}: ${a.caseId} venter på din beslutning`;
}
