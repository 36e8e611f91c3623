// When is a decision made? The rule is per body (governance model `voteRule`). Whatever the rule,
// one "ask for changes" ends the round: the case goes back with the comment, since a decision
// cannot be taken on a text someone has asked to have changed.
import type { Approval, ApprovalStatus, Vote, VoteChoice, VoteRule } from './types';

/** Each seat's latest accepted vote. */
export function latestVotes(votes: readonly Vote[]): Map<string, Vote> {
  const latest = new Map<string, Vote>();
  for (const v of votes) latest.set(v.seat, v);
  return latest;
}

export function evaluateRule(
  rule: VoteRule,
  seats: readonly string[],
  choices: ReadonlyMap<string, VoteChoice>,
): ApprovalStatus {
  const n = seats.length;
  let approve = 0;
  let reject = 0;
  let changes = 0;
  for (const seat of seats) {
    const c = choices.get(seat);
    if (c === 'approve') approve++;
    else if (c === 'reject') reject++;
    else if (c === 'changes') changes++;
  }
  if (n === 0) return 'open';
  if (changes > 0) return 'changes_requested';
  switch (rule) {
    case 'all-members':
      if (reject > 0) return 'rejected';
      return approve === n ? 'approved' : 'open';
    case 'any-member':
      if (reject > 0) return 'rejected';
      return approve > 0 ? 'approved' : 'open';
    case 'majority':
      if (approve * 2 > n) return 'approved';
      // A majority can no longer be reached.
      if ((n - reject) * 2 <= n) return 'rejected';
      return 'open';
  }
}

export function statusOf(approval: Pick<Approval, 'rule' | 'approvers' | 'votes'>): ApprovalStatus {
  const choices = new Map<string, VoteChoice>();
  for (const [seat, v] of latestVotes(approval.votes)) choices.set(seat, v.choice);
  return evaluateRule(
    approval.rule,
    approval.approvers.map((a) => a.aadObjectId),
    choices,
  );
}
