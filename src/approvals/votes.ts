// A click on Approve / Reject / Ask for changes: the store decides it race-free (row lock), the
// voter gets their own card with a notice, every copy is updated, and a deciding vote tells the
// people who asked for the decision, each in the language of their own chat.
import { titleIn } from '../cases/model';
import type { OrgId } from '../common/ids';
import type { Background } from './background';
import type { ApprovalCards } from './cards';
import type { CardData } from './card-view';
import type { VoteCommand } from './cast-vote';
import type { ApprovalDeps } from './deps';
import type { CardDelivery } from './delivery';
import { seatFor } from './eligibility';
import { outcomeEffect } from './outcome';
import type { StoredVoteResult } from './ports';
import { approvalTexts, formatDkk, type ApprovalLang } from './texts';
import type { Approval } from './types';
import { latestVotes } from './vote-rule';

export type VoteOutcome = { result: StoredVoteResult; card: CardData | null; notice: string };

export class Votes {
  constructor(
    private readonly deps: ApprovalDeps,
    private readonly cards: ApprovalCards,
    private readonly delivery: CardDelivery,
    private readonly background: Background,
  ) {}

  async vote(cmd: VoteCommand, lang: ApprovalLang): Promise<VoteOutcome> {
    const t = approvalTexts(lang);
    const today = this.deps.clock.today();
    // People without a seat are answered from a plain read: they never queue for the round's lock.
    // (Seats are fixed for a round; a substitution made this instant is seen on the next click.)
    const peek = await this.cards.view(cmd.approvalId);
    if (!peek) return { result: { kind: 'not_found' }, card: null, notice: t.notFound };
    const current = peek.approval;
    if (
      current.caseId === cmd.caseId &&
      current.stepId === cmd.stepId &&
      !seatFor(current, cmd.voterAadId, peek.subs, today)
    ) {
      return {
        result: { kind: 'not_allowed', approval: current },
        card: this.cards.render(peek, cmd.voterAadId, lang, t.notAllowed),
        notice: t.notAllowed,
      };
    }
    const { catalog } = this.deps;
    const result = await this.deps.store.vote(cmd, {
      now: this.deps.clock.now(),
      bodyName: (a) => catalog.bodyName(a.org as OrgId, a.bodyId, this.deps.config.lang, today),
      poolAnnualDkk: (a) =>
        a.amountDkk !== null && a.poolId !== null
          ? (catalog.pool(a.org as OrgId, today)?.annualAmountDkk ?? null)
          : null,
      effect: (a, c) => outcomeEffect(a, c, catalog.process(c.org, c.processId, today)),
    });
    if (result.kind === 'not_found') return { result, card: null, notice: t.notFound };
    const notice = this.notice(result, lang);
    if (result.kind === 'accepted') {
      this.delivery.scheduleSync(result.approval.id);
      if (result.decided) this.background.run(this.announceOutcome(result.approval), `announce ${result.approval.id}`);
    }
    return { result, card: await this.cards.cardFor(result.approval, cmd.voterAadId, lang, notice), notice };
  }

  private notice(result: Exclude<StoredVoteResult, { kind: 'not_found' }>, lang: ApprovalLang): string {
    const t = approvalTexts(lang);
    switch (result.kind) {
      case 'accepted':
        return t.voteRecorded(t.choice[result.vote.choice]);
      case 'duplicate':
        return t.duplicate(t.choice[result.vote.choice]);
      case 'stale':
        return t.outOfDate;
      case 'not_allowed':
        return t.notAllowed;
      case 'already_decided':
        return t.alreadyDecided;
      case 'comment_required':
        return t.commentRequired;
      case 'exceeds_pool':
        return t.exceedsPool(formatDkk(result.remainingDkk, lang));
    }
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
    const last = a.votes[a.votes.length - 1];
    for (const chat of chats.values()) {
      const lang = this.delivery.langOf(chat);
      const t = approvalTexts(lang);
      const names = [...latestVotes(a.votes).values()].map((v) => `${v.voterName} (${t.choice[v.choice]})`).join(', ');
      const title = titleIn(c, lang);
      const comment = last?.comment && a.status !== 'approved' ? ` "${last.comment}"` : '';
      await this.deps.sender.sendText(chat, `${a.caseId} "${title}": ${t.status[a.status]}. ${names}.${comment}`);
    }
  }
}
