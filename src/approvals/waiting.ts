// What waits for a person ("mine godkendelser"), which rounds are past their deadline ("forsinkede
// godkendelser"), and the reminders, counted in Danish working days.
import { activeSubstitutionFor } from './substitutes';
import type { ApprovalCards } from './cards';
import { SYSTEM_ACTOR, type ApprovalDeps } from './deps';
import type { CardDelivery } from './delivery';
import { seatFor } from './eligibility';
import { dueReminders, overdueApprovals, type OverdueApproval } from './reminders';
import { approvalTexts } from './texts';
import type { Approval } from './types';
import { latestVotes } from './vote-rule';

export interface WaitingItem {
  approval: Approval;
  caseTitle: string;
  asSubstituteFor: string | null;
  myVote: string | null;
}

export class WaitingApprovals {
  constructor(
    private readonly deps: ApprovalDeps,
    private readonly cards: ApprovalCards,
    private readonly delivery: CardDelivery,
  ) {}

  async waitingFor(aadObjectId: string): Promise<WaitingItem[]> {
    const today = this.deps.clock.today();
    const out: WaitingItem[] = [];
    for (const a of await this.deps.store.listOpen()) {
      const subs = await this.deps.store.substitutionsFor(a.approvers.map((p) => p.aadObjectId));
      const seat = seatFor(a, aadObjectId, subs, today);
      if (!seat) continue;
      const mine = latestVotes(a.votes).get(seat.seat.aadObjectId);
      const c = await this.deps.cases.get(a.caseId);
      out.push({
        approval: a,
        caseTitle: c?.title ?? a.caseId,
        asSubstituteFor: seat.kind === 'substitute' ? seat.seat.name : null,
        myVote: mine?.choice ?? null,
      });
    }
    return out;
  }

  async overdue(org?: string): Promise<OverdueApproval[]> {
    const open = await this.deps.store.listOpen(org ? { org } : {});
    return overdueApprovals(open, this.deps.clock.now(), this.deps.config.reminders);
  }

  /** Sends the reminders due now; safe to run from several processes at once. Returns how many. */
  async runReminders(): Promise<number> {
    const now = this.deps.clock.now();
    let sent = 0;
    for (const a of await this.deps.store.listOpen()) {
      const due = dueReminders(a, await this.deps.store.remindersSent(a.id), now, this.deps.config.reminders);
      if (due.length === 0) continue;
      const ctx = await this.cards.context(a);
      for (const r of due) {
        const event = {
          at: now.toISOString(),
          actorId: SYSTEM_ACTOR.aadObjectId,
          actorName: SYSTEM_ACTOR.name,
          kind: 'reminder',
          fromStep: a.stepId,
          toStep: null,
          comment: `${r.seat.name} #${r.seq}`,
        };
        if (!(await this.deps.store.claimReminder(a.id, a.caseId, r.seat.aadObjectId, r.seq, event))) continue;
        const sub = activeSubstitutionFor(r.seat.aadObjectId, ctx.subs, this.deps.clock.today());
        const recipients = [r.seat.aadObjectId, ...(sub ? [sub.substituteAadId] : [])];
        const chats = await this.deps.personalChats.find(recipients);
        for (const aad of recipients) {
          const chat = chats.get(aad);
          if (!chat) continue;
          await this.delivery.postTo(
            ctx,
            chat,
            aad,
            approvalTexts(this.delivery.langOf(chat)).reminder(r.seq, a.caseId),
          );
          sent++;
        }
      }
    }
    return sent;
  }
}
