// What the approvals feature needs from storage (src/store/approvals-repository.ts implements it)
// and from Teams (src/teams/approvals-sender.ts implements it).
import type { Case } from '../cases/model';
import type { VoteCommand, VoteResult } from './cast-vote';
import type { CaseEffect } from './outcome';
import type { ApprovalLang } from './texts';
import type { Approval, Substitution } from './types';

export interface PostedCopy {
  id: number;
  approvalId: string;
  conversationId: string;
  activityId: string;
  serviceUrl: string;
  /** The body's shared channel or chat, or one approver's personal chat. */
  kind: 'body' | 'personal';
  /** Whose view a personal copy shows. */
  audienceAadId: string | null;
  lang: ApprovalLang;
  renderedVersion: number;
}

/** Why a planned copy has not reached its conversation yet. */
export type WaitingReason =
  /** The bot has not been in the body's conversation yet (nobody has written to it there). */
  | 'conversation_unknown'
  /** The approver has no personal chat with the bot yet, and it could not be opened. */
  | 'no_personal_chat'
  /** Teams refused or failed the post; the sweep tries again. */
  | 'send_failed';

/** A copy planned when the round opened that has not been posted yet. */
export interface WaitingCopy {
  id: number;
  approvalId: string;
  kind: PostedCopy['kind'];
  /** The body's configured conversation (body copies); null for a personal copy. */
  conversationId: string | null;
  audienceAadId: string | null;
  reason: WaitingReason;
  lastError: string | null;
}

export interface PlannedCopy {
  kind: PostedCopy['kind'];
  conversationId: string | null;
  audienceAadId: string | null;
}

export interface CardFacts {
  case: Case | null;
  subs: Substitution[];
  /** Approved so far from the case's pool year; null when the case has no pool year. */
  poolApprovedDkk: number | null;
}

export interface VoteEnv {
  now: Date;
  /** The round's pool's annual amount (governance model); null when no money is involved. */
  poolAnnualDkk(approval: Approval): number | null;
  /** The deciding body's name, for the outcome line in the history. */
  bodyName(approval: Approval): string;
  /** What a decided round does to its case (computed from the process definition). */
  effect(approval: Approval, c: Case): CaseEffect | null;
}

export type StoredVoteResult = VoteResult | { kind: 'not_found' };

/** One line of a case's history, as the approvals feature writes it. */
export interface HistoryEvent {
  at: string;
  actorId: string;
  actorName: string;
  kind: string;
  fromStep: string | null;
  toStep: string | null;
  comment: string | null;
}

/** A case's position when the sweep saw it; a round opens only if the case is still there. */
export interface SeenCase {
  stepId: string;
  version: number;
}

export type OpenRoundResult = { kind: 'opened' | 'exists'; approval: Approval } | { kind: 'moved' };

export interface ApprovalStore {
  /**
   * Opens a round unless the case step already has an open one (then returns that one). In its
   * own transaction it re-checks, under the case's row lock, that the case is still open at the
   * step and version the caller saw: a decision that moved the case a moment ago wins ('moved').
   */
  openRound(approval: Approval, event: HistoryEvent, seen: SeenCase): Promise<OpenRoundResult>;
  /**
   * Open cases standing at one of these steps with no open round there, oldest id first, after
   * `afterId`: the sweep pages through all of them, however many there are.
   */
  casesAwaitingRound(
    org: string,
    steps: ReadonlyArray<{ processId: string; stepId: string }>,
    afterId: string | null,
    limit: number,
  ): Promise<Case[]>;
  get(id: string): Promise<Approval | null>;
  /**
   * The round with everything its card shows (votes, the seat holders' substitutions, the case,
   * the pool year's approved amount) in one read: all a refresh or an outsider's click needs.
   */
  view(id: string): Promise<({ approval: Approval } & CardFacts) | null>;
  /**
   * What a card shows besides the round, in one read: the case, the seat holders' substitutions
   * and, for a pool expense, the amount already approved from the case's pool year.
   */
  cardFacts(caseId: string, principalAadIds: readonly string[]): Promise<CardFacts>;
  /** The case's most recent round (open or decided). */
  latestFor(caseId: string): Promise<Approval | null>;
  listOpen(filter?: { org?: string }): Promise<Approval[]>;
  /**
   * Casts a vote race-free: the round's row is locked for the transaction, the vote and its history
   * line are written with the new state, and a deciding vote moves the case in the same transaction.
   */
  vote(cmd: VoteCommand, env: VoteEnv): Promise<StoredVoteResult>;
  /** History lines about a round that do not change the case (card deliveries), via the case door. */
  recordHistory(caseId: string, events: readonly HistoryEvent[]): Promise<void>;
  /** Closes an open round whose case has left the step another way. */
  withdraw(approvalId: string, event: HistoryEvent): Promise<Approval | null>;

  addCopy(copy: Omit<PostedCopy, 'id'>): Promise<void>;
  /** Posted copies (the ones a vote updates). */
  copies(approvalId: string): Promise<PostedCopy[]>;
  /** Records the copies a round should have; the ones already planned are left as they are. */
  planCopies(approvalId: string, copies: readonly PlannedCopy[]): Promise<void>;
  /** Waiting copies of open rounds, for one round, one case, one conversation or one person. */
  waitingCopies(filter: {
    approvalId?: string;
    caseId?: string;
    conversationId?: string;
    audienceAadId?: string;
  }): Promise<WaitingCopy[]>;
  /** A waiting copy was posted (false when another process posted it first). */
  markPosted(
    copyId: number,
    posted: Pick<PostedCopy, 'conversationId' | 'activityId' | 'serviceUrl' | 'lang' | 'renderedVersion'>,
  ): Promise<boolean>;
  markWaiting(copyId: number, reason: WaitingReason, error: string | null): Promise<void>;
  markRendered(copyId: number, version: number, error: string | null): Promise<void>;
  /** Runs `fn` so that no other process updates this round's cards at the same time. */
  serialiseCardSync<T>(approvalId: string, fn: () => Promise<T>): Promise<T>;

  /** Substitutions (any state) where one of these people is the principal. */
  substitutionsFor(principalAadIds: readonly string[]): Promise<Substitution[]>;
  /** Substitutions (any state) where this person is the substitute. */
  substitutionsBy(substituteAadId: string): Promise<Substitution[]>;
  /** Stores a substitution and writes a history line in each case the principal has an open seat in. */
  addSubstitution(s: Substitution, event: HistoryEvent): Promise<void>;
  revokeSubstitutions(principalAadId: string, event: HistoryEvent): Promise<Substitution[]>;

  remindersSent(approvalId: string): Promise<Map<string, number>>;
  /** Records that reminder `seq` for `seat` is being sent; false when another run already did. */
  claimReminder(approvalId: string, caseId: string, seat: string, seq: number, event: HistoryEvent): Promise<boolean>;
}
