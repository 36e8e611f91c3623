// What a decided round does to its case, by the process definition: approved moves the case to
// the next step (or closes it after the last one), "ask for changes" sends it back one step with
// the comment, rejected closes it. The deciding body's authority to move the case comes from the
// approval itself, so the move is planned with the body as the actor's role.
import type { Case } from '../cases/model';
import { CLOSE_STEP, planMove, stepIndex } from '../cases/transitions';
import type { Process } from '../governance/schema';
import type { Approval } from './types';

export type ApprovalEventKind =
  | 'approval_opened'
  | 'vote'
  | 'approval_decided'
  | 'approval_withdrawn'
  | 'reminder'
  | 'substitution';

export interface CaseEffect {
  patch: { stepId?: string; holder?: string; state?: 'closed' };
  event: { kind: 'moved' | 'sent_back' | 'closed'; fromStep: string; toStep: string; comment: string | null };
  /** Charge the case's amount to its pool year (a contingency-pool expense being approved). */
  chargePool: boolean;
}

export function outcomeEffect(approval: Approval, c: Case, process: Process | undefined): CaseEffect | null {
  if (approval.status === 'open' || approval.status === 'withdrawn' || !process) return null;
  if (c.state === 'closed' || c.stepId !== approval.stepId) return null;
  const last = approval.votes[approval.votes.length - 1];
  const actor = {
    aadObjectId: last?.voterAadId ?? 'approval',
    name: last?.voterName ?? approval.bodyId,
    roles: [approval.bodyId],
  };
  const i = stepIndex(process, c.stepId);
  if (approval.status === 'rejected') {
    return {
      patch: { state: 'closed' },
      event: { kind: 'closed', fromStep: c.stepId, toStep: CLOSE_STEP, comment: last?.comment ?? null },
      chargePool: false,
    };
  }
  const toStepId = approval.status === 'approved' ? (process.steps[i + 1]?.id ?? CLOSE_STEP) : process.steps[i - 1]?.id;
  if (!toStepId) return null;
  const plan = planMove(process, c, actor, {
    fromStepId: c.stepId,
    toStepId,
    comment: last?.comment ?? undefined,
    decidedByVote: true,
  });
  if (plan.kind !== 'ok') return null;
  const kind = plan.direction === 'close' ? 'closed' : plan.direction === 'back' ? 'sent_back' : 'moved';
  return {
    patch: plan.to ? { stepId: plan.to.id, holder: plan.holder } : { state: 'closed' },
    event: { kind, fromStep: c.stepId, toStep: plan.to?.id ?? CLOSE_STEP, comment: last?.comment ?? null },
    chargePool:
      approval.status === 'approved' &&
      process.kind === 'contingency-pool' &&
      c.amountDkk !== null &&
      c.poolYear !== null &&
      !c.poolApprovedAt,
  };
}
