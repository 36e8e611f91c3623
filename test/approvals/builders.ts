// Sample people and approvals for the approvals tests: the formandskab's two co-chairs, a
// substitute and an outsider, with ids shaped like Entra object ids.
import { openApproval, type VoteCommand } from '../../src/approvals/cast-vote';
import type { Approval, Person, Substitution, VoteChoice, VoteRule } from '../../src/approvals/types';
import type { Case } from '../../src/cases/model';

export const chairRegion: Person = {
  aadObjectId: '00000000-0000-0000-0000-0000000000a1',
  name: 'Anne Regionsen',
  teamsUserId: '29:anne',
};
export const chairMunicipal: Person = {
  aadObjectId: '00000000-0000-0000-0000-0000000000a2',
  name: 'Bo Kommunesen',
  teamsUserId: null,
};
export const deputy: Person = {
  aadObjectId: '00000000-0000-0000-0000-0000000000b1',
  name: 'Dorte Stedfortræder',
  teamsUserId: '29:dorte',
};
export const outsider: Person = {
  aadObjectId: '00000000-0000-0000-0000-0000000000c1',
  name: 'Ole Udenfor',
  teamsUserId: '29:ole',
};

export function approval(
  over: {
    rule?: VoteRule;
    approvers?: Person[];
    amountDkk?: number | null;
    deadline?: string | null;
    openedAt?: string;
  } = {},
): Approval {
  const r = openApproval({
    id: 'apv-1',
    caseId: 'SAG-2026-0007',
    stepId: 'formandskab-decision',
    bodyId: 'formandskab',
    org: 'midt',
    rule: over.rule ?? 'all-members',
    approvers: over.approvers ?? [chairRegion, chairMunicipal],
    now: new Date(over.openedAt ?? '2026-11-26T09:00:00Z'),
    deadline: over.deadline ?? null,
    amountDkk: over.amountDkk ?? null,
    poolId: over.amountDkk != null ? 'beredskabspulje' : null,
  });
  if (r.kind !== 'opened') throw new Error('no approvers');
  return r.approval;
}

export function command(
  a: Approval,
  who: Person,
  choice: VoteChoice,
  comment: string | null = null,
  over: Partial<VoteCommand> = {},
): VoteCommand {
  return {
    approvalId: a.id,
    caseId: a.caseId,
    stepId: a.stepId,
    version: a.version,
    choice,
    comment,
    voterAadId: who.aadObjectId,
    ...over,
  };
}

export function substitution(
  principal: Person,
  sub: Person,
  from: string,
  to: string,
  over: Partial<Substitution> = {},
): Substitution {
  return {
    id: `sub-${principal.aadObjectId.slice(-2)}-${sub.aadObjectId.slice(-2)}`,
    principalAadId: principal.aadObjectId,
    principalName: principal.name,
    substituteAadId: sub.aadObjectId,
    substituteName: sub.name,
    from,
    to,
    createdAt: '2026-11-20T10:00:00Z',
    revokedAt: null,
    ...over,
  };
}

/** An open contingency-pool case at the formandskab's approval step (150,000 kr. of 2026). */
export function poolCase(over: Partial<Case> = {}): Case {
  return {
    id: 'SAG-2026-0007',
    title: 'Triple Aim',
    titleEn: null,
    org: 'midt',
    processId: 'contingency-pool',
    clusters: [],
    stepId: 'chair-approval',
    holder: 'formandskab',
    state: 'open',
    deadlines: [],
    documents: [],
    amountDkk: 150_000,
    poolYear: 2026,
    poolApprovedAt: null,
    positions: [],
    positionsProcess: null,
    createdBy: 'x',
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    version: 2,
    ...over,
  };
}
