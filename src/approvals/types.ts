// The approval domain's data. An approval is one round of a decision taken outside a meeting by
// the people who sit in the deciding body (for example the formandskab's two co-chairs) at one
// step of one case. A new round (after "ask for changes") is a new approval with a new id.
import type { IsoDate } from './working-days';

export type VoteChoice = 'approve' | 'reject' | 'changes';
export const VOTE_CHOICES: readonly VoteChoice[] = ['approve', 'reject', 'changes'];

/** From the governance model's `voteRule`; `all-members` when the body names none. */
export type VoteRule = 'all-members' | 'any-member' | 'majority';
export const DEFAULT_VOTE_RULE: VoteRule = 'all-members';

/** `withdrawn`: the case left the step by another route (moved by the secretariat) before a decision. */
export type ApprovalStatus = 'open' | 'approved' | 'rejected' | 'changes_requested' | 'withdrawn';

/** A person as the directory knows them. Identity is the Entra object id, nothing else. */
export interface Person {
  aadObjectId: string;
  name: string;
  /** The Teams user id (MRI, "29:...") once the bot has seen the person; used in card refresh. */
  teamsUserId?: string | null;
}

export interface Vote {
  /** The approver whose seat this vote fills (their aadObjectId). */
  seat: string;
  voterAadId: string;
  voterName: string;
  /** Set when a substitute voted in the seat holder's place. */
  onBehalfOfName: string | null;
  choice: VoteChoice;
  comment: string | null;
  /** ISO instant. */
  at: string;
}

export interface Approval {
  id: string;
  caseId: string;
  stepId: string;
  bodyId: string;
  org: string;
  rule: VoteRule;
  /** The seats: the body's members when the round opened. */
  approvers: Person[];
  /** Accepted votes, oldest first. A changed vote (before the outcome) is appended, not overwritten. */
  votes: Vote[];
  status: ApprovalStatus;
  /** 1 when opened, +1 per accepted vote; cards carry it so a stale or forged card is recognised. */
  version: number;
  openedAt: string;
  decidedAt: string | null;
  deadline: IsoDate | null;
  amountDkk: number | null;
  poolId: string | null;
}

/** A named stand-in ("stedfortræder") who may vote in the principal's place for a period. */
export interface Substitution {
  id: string;
  principalAadId: string;
  principalName: string;
  substituteAadId: string;
  substituteName: string;
  /** Inclusive Copenhagen dates. */
  from: IsoDate;
  to: IsoDate;
  createdAt: string;
  revokedAt: string | null;
}
