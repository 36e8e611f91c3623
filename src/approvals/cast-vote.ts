// Opening a round and casting a vote: pure functions from the current approval to the next one.
// The store runs castVote inside a transaction holding the approval's row lock, so the state it
// is given is the latest and its result is written before anyone else reads.
import { seatFor, type Seat } from './eligibility';
import { latestVotes, statusOf } from './vote-rule';
import type { Approval, Person, Substitution, Vote, VoteChoice } from './types';
import { localDate } from './working-days';

export interface OpenApprovalInput
  extends Pick<Approval, 'id' | 'caseId' | 'stepId' | 'bodyId' | 'org' | 'rule' | 'deadline' | 'amountDkk' | 'poolId'> {
  approvers: readonly Person[];
  now: Date;
}

export type OpenApprovalResult = { kind: 'opened'; approval: Approval } | { kind: 'no_approvers'; bodyId: string };

export function openApproval(input: OpenApprovalInput): OpenApprovalResult {
  const seen = new Set<string>();
  const approvers = input.approvers.filter((p) => p.aadObjectId && !seen.has(p.aadObjectId) && seen.add(p.aadObjectId));
  if (approvers.length === 0) return { kind: 'no_approvers', bodyId: input.bodyId };
  return {
    kind: 'opened',
    approval: {
      id: input.id,
      caseId: input.caseId,
      stepId: input.stepId,
      bodyId: input.bodyId,
      org: input.org,
      rule: input.rule,
      approvers,
      votes: [],
      status: 'open',
      version: 1,
      openedAt: input.now.toISOString(),
      decidedAt: null,
      deadline: input.deadline,
      amountDkk: input.amountDkk,
      poolId: input.poolId,
    },
  };
}

/** What the card sent, after zod validation; nothing here is trusted beyond its shape. */
export interface VoteCommand {
  approvalId: string;
  caseId: string;
  stepId: string;
  version: number;
  choice: VoteChoice;
  comment: string | null;
  /** From activity.from.aadObjectId. */
  voterAadId: string;
}

export interface VoteContext {
  now: Date;
  substitutes: readonly Substitution[];
  /** The pool's remaining balance when the approval spends from a pool; null otherwise. */
  poolRemainingDkk: number | null;
}

export type VoteResult =
  | { kind: 'accepted'; approval: Approval; vote: Vote; decided: boolean }
  | { kind: 'duplicate'; approval: Approval; vote: Vote }
  | { kind: 'stale'; approval: Approval; reason: 'case' | 'step' | 'version' }
  | { kind: 'not_allowed'; approval: Approval }
  | { kind: 'already_decided'; approval: Approval }
  | { kind: 'comment_required'; approval: Approval }
  | { kind: 'exceeds_pool'; approval: Approval; remainingDkk: number };

export const MAX_COMMENT_LENGTH = 2000;

export function castVote(approval: Approval, cmd: VoteCommand, ctx: VoteContext): VoteResult {
  // A card for another case or step is forged or belongs to an older round.
  if (cmd.caseId !== approval.caseId) return { kind: 'stale', approval, reason: 'case' };
  if (cmd.stepId !== approval.stepId) return { kind: 'stale', approval, reason: 'step' };

  const seat = seatFor(approval, cmd.voterAadId, ctx.substitutes, localDate(ctx.now));
  if (!seat) return { kind: 'not_allowed', approval };

  // Double clicks and Teams' re-sent invokes carry the old version: answer them as done.
  const previous = latestVotes(approval.votes).get(seat.seat.aadObjectId);
  if (previous && previous.choice === cmd.choice) return { kind: 'duplicate', approval, vote: previous };

  if (approval.status !== 'open') return { kind: 'already_decided', approval };
  // A version the round never had is forged. A card older than the voter's own last vote shows
  // them a state they have since changed elsewhere (another copy, another device): out of date.
  // The co-approver's votes do not make a card stale: they do not change what is being decided.
  if (cmd.version > approval.version || cmd.version < 1) return { kind: 'stale', approval, reason: 'version' };
  if (previous && cmd.version < versionAfter(approval, previous)) return { kind: 'stale', approval, reason: 'version' };

  const comment = normaliseComment(cmd.comment);
  if (cmd.choice !== 'approve' && comment === null) return { kind: 'comment_required', approval };
  if (
    cmd.choice === 'approve' &&
    approval.amountDkk !== null &&
    ctx.poolRemainingDkk !== null &&
    approval.amountDkk > ctx.poolRemainingDkk
  ) {
    return { kind: 'exceeds_pool', approval, remainingDkk: ctx.poolRemainingDkk };
  }

  const vote = makeVote(seat, cmd, comment, ctx.now);
  const votes = [...approval.votes, vote];
  const status = statusOf({ ...approval, votes });
  const decided = status !== 'open';
  return {
    kind: 'accepted',
    vote,
    decided,
    approval: {
      ...approval,
      votes,
      status,
      version: approval.version + 1,
      decidedAt: decided ? ctx.now.toISOString() : null,
    },
  };
}

/** The round's version right after `vote` was accepted (each accepted vote adds one). */
function versionAfter(approval: Approval, vote: Vote): number {
  return approval.votes.indexOf(vote) + 2;
}

function makeVote(seat: Seat, cmd: VoteCommand, comment: string | null, now: Date): Vote {
  return {
    seat: seat.seat.aadObjectId,
    voterAadId: cmd.voterAadId,
    // Names come from the directory as recorded for the seat or the substitution, never from the card.
    voterName: seat.kind === 'self' ? seat.seat.name : seat.substitution.substituteName,
    onBehalfOfName: seat.kind === 'substitute' ? seat.seat.name : null,
    choice: cmd.choice,
    comment,
    at: now.toISOString(),
  };
}

function normaliseComment(raw: string | null): string | null {
  const c = (raw ?? '').trim().slice(0, MAX_COMMENT_LENGTH);
  return c.length > 0 ? c : null;
}

/** The vote that decided a finished round (the last accepted one), for the outcome line. */
export function decidingVote(approval: Approval): Vote | null {
  return approval.status === 'open' ? null : (approval.votes[approval.votes.length - 1] ?? null);
}
