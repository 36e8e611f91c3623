// The approvals feature, as the transports call it (Teams cards and chat now; the tab and the
// message extension next). It is put together from modules with one job each: rounds (opening and
// the sweep), delivery (where each card goes, what waits, updates after a vote), cards (rendering
// for a viewer), votes, waiting (lists and reminders) and substitutes.
import type { OrgId } from '../common/ids';
import { Background } from './background';
import { ApprovalCards, type CardContext } from './cards';
import type { CardData } from './card-view';
import type { VoteCommand } from './cast-vote';
import type { ApprovalDeps } from './deps';
import { CardDelivery } from './delivery';
import type { OverdueApproval } from './reminders';
import { Rounds } from './rounds';
import { SubstitutionService } from './substitution-service';
import type { ApprovalLang } from './texts';
import type { Approval } from './types';
import { Votes, type VoteOutcome } from './votes';
import { WaitingApprovals, type WaitingItem } from './waiting';

export type { ApprovalConfig, ApprovalDeps, CardSender, ConversationTarget, PersonalChat, PersonalChats } from './deps';
export type { CardContext } from './cards';
export type { VoteOutcome } from './votes';
export type { WaitingItem } from './waiting';

export class ApprovalService {
  private readonly background: Background;
  private readonly cards: ApprovalCards;
  private readonly delivery: CardDelivery;
  private readonly rounds: Rounds;
  private readonly votes: Votes;
  private readonly waiting: WaitingApprovals;
  private readonly substitutes: SubstitutionService;

  constructor(private readonly deps: ApprovalDeps) {
    this.background = new Background(deps.onError);
    this.cards = new ApprovalCards(deps);
    this.delivery = new CardDelivery(deps, this.cards, this.background);
    this.rounds = new Rounds(deps, this.delivery);
    this.votes = new Votes(deps, this.cards, this.delivery, this.background);
    this.waiting = new WaitingApprovals(deps, this.cards, this.delivery);
    this.substitutes = new SubstitutionService(deps, this.delivery, this.background);
  }

  /** Resolves when every background card update and delivery started so far has finished. */
  idle(): Promise<void> {
    return this.background.idle();
  }

  // Rounds
  openIfDue: Rounds['openIfDue'] = (c, openedBy) => this.rounds.openIfDue(c, openedBy);
  /** Opens what is due, withdraws what is moot, re-sends failed updates, delivers waiting copies. */
  sweep(orgs?: readonly OrgId[]): Promise<void> {
    return this.rounds.sweep(orgs);
  }

  get(id: string): Promise<Approval | null> {
    return this.deps.store.get(id);
  }

  // Cards
  view(approvalId: string): Promise<CardContext | null> {
    return this.cards.view(approvalId);
  }
  render(ctx: CardContext, viewerAadId: string | null, lang: ApprovalLang, notice: string | null): CardData {
    return this.cards.render(ctx, viewerAadId, lang, notice);
  }
  cardFor(a: Approval, viewerAadId: string | null, lang: ApprovalLang, notice: string | null): Promise<CardData> {
    return this.cards.cardFor(a, viewerAadId, lang, notice);
  }

  // Delivery
  /** A conversation the bot has just recorded: cards waiting for it are delivered now. */
  conversationKnown(c: { id: string; kind: string; userAadId: string | null }): void {
    this.delivery.conversationKnown(c);
  }
  /** The round's card for one person in the conversation at hand, recorded so later votes update it. */
  postPersonalCopy(
    a: Approval,
    audienceAadId: string,
    lang: ApprovalLang,
    send: (card: CardData) => Promise<string>,
    target: { conversationId: string; serviceUrl: string },
  ) {
    return this.delivery.postHere(a, audienceAadId, lang, send, target);
  }
  syncCards(approvalId: string): Promise<void> {
    return this.delivery.syncCards(approvalId);
  }
  /** For the case card: who the open round waits for, and which cards have not arrived and why. */
  statusLines(caseId: string, lang: ApprovalLang): Promise<string[]> {
    return this.delivery.statusLines(caseId, lang);
  }

  // Votes
  vote(cmd: VoteCommand, lang: ApprovalLang): Promise<VoteOutcome> {
    return this.votes.vote(cmd, lang);
  }

  // Waiting, overdue, reminders
  waitingFor(aadObjectId: string): Promise<WaitingItem[]> {
    return this.waiting.waitingFor(aadObjectId);
  }
  overdue(org?: string): Promise<OverdueApproval[]> {
    return this.waiting.overdue(org);
  }
  runReminders(): Promise<number> {
    return this.waiting.runReminders();
  }

  // Substitutes
  substitute(
    user: { aadObjectId: string; name: string },
    org: OrgId,
    text: string,
    lang: ApprovalLang,
  ): Promise<string> {
    return this.substitutes.substitute(user, org, text, lang);
  }
}
