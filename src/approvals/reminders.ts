// Reminders and overdue approvals, counted in Danish working days. An approver who has not voted
// gets reminder k on the working day `afterWorkingDays + (k-1) * repeatEveryWorkingDays` after
// the round opened, from `sendHour` Copenhagen time. A job that ran late sends only the latest
// reminder due, not a burst of catch-up ones.
import { latestVotes } from './vote-rule';
import type { Approval, Person } from './types';
import { addWorkingDays, localDate, localHour, workingDaysBetween, type IsoDate } from './working-days';

export interface ReminderPolicy {
  afterWorkingDays: number;
  repeatEveryWorkingDays: number;
  maxReminders: number;
  sendHour: number;
  /** Used when the case gives the approval no deadline of its own. */
  overdueAfterWorkingDays: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  afterWorkingDays: 2,
  repeatEveryWorkingDays: 2,
  maxReminders: 3,
  sendHour: 8,
  overdueAfterWorkingDays: 5,
};

export function reminderDates(openedOn: IsoDate, policy: ReminderPolicy): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let k = 0; k < policy.maxReminders; k++)
    dates.push(addWorkingDays(openedOn, policy.afterWorkingDays + k * policy.repeatEveryWorkingDays));
  return dates;
}

function reached(date: IsoDate, now: Date, sendHour: number): boolean {
  const today = localDate(now);
  return today > date || (today === date && localHour(now) >= sendHour);
}

export interface ReminderDue {
  approvalId: string;
  caseId: string;
  seat: Person;
  /** 1-based number of this reminder for this seat. */
  seq: number;
  dueOn: IsoDate;
}

/**
 * The reminders to send now. `sent` holds, per seat (aadObjectId), the highest reminder number
 * already sent, so running the job twice sends nothing twice.
 */
export function dueReminders(
  approval: Approval,
  sent: ReadonlyMap<string, number>,
  now: Date,
  policy: ReminderPolicy,
): ReminderDue[] {
  if (approval.status !== 'open') return [];
  const dates = reminderDates(localDate(new Date(approval.openedAt)), policy);
  let seq = 0;
  for (let k = 0; k < dates.length; k++) if (reached(dates[k]!, now, policy.sendHour)) seq = k + 1;
  if (seq === 0) return [];
  const voted = latestVotes(approval.votes);
  return approval.approvers
    .filter((seat) => !voted.has(seat.aadObjectId) && (sent.get(seat.aadObjectId) ?? 0) < seq)
    .map((seat) => ({ approvalId: approval.id, caseId: approval.caseId, seat, seq, dueOn: dates[seq - 1]! }));
}

export function deadlineOf(approval: Approval, policy: ReminderPolicy): IsoDate {
  return approval.deadline ?? addWorkingDays(localDate(new Date(approval.openedAt)), policy.overdueAfterWorkingDays);
}

export interface OverdueApproval {
  approval: Approval;
  deadline: IsoDate;
  workingDaysOverdue: number;
  waitingFor: Person[];
}

/** Open approvals past their deadline, most overdue first: the secretariat's list. */
export function overdueApprovals(approvals: readonly Approval[], now: Date, policy: ReminderPolicy): OverdueApproval[] {
  const today = localDate(now);
  const out: OverdueApproval[] = [];
  for (const approval of approvals) {
    if (approval.status !== 'open') continue;
    const deadline = deadlineOf(approval, policy);
    if (today <= deadline) continue;
    const voted = latestVotes(approval.votes);
    out.push({
      approval,
      deadline,
      workingDaysOverdue: workingDaysBetween(deadline, today),
      waitingFor: approval.approvers.filter((a) => !voted.has(a.aadObjectId)),
    });
  }
  return out.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.approval.caseId.localeCompare(b.approval.caseId));
}
