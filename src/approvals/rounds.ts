// Opening a round when a case stands at a step its body decides by vote, and the sweep that keeps
// rounds in line with the cases: it opens what is due (every waiting case, page by page), withdraws
// rounds whose case left the step, re-sends card updates a failure left behind and delivers the
// copies still waiting for their conversation.
import type { Case } from '../cases/model';
import { stepIndex } from '../cases/transitions';
import type { OrgId } from '../common/ids';
import { openApproval } from './cast-vote';
import { SYSTEM_ACTOR, type ApprovalDeps } from './deps';
import type { CardDelivery } from './delivery';
import type { HistoryEvent } from './ports';
import { DEFAULT_VOTE_RULE, type Approval, type Person } from './types';

/** Cases the sweep reads at a time. */
const SWEEP_PAGE = 100;

export class Rounds {
  constructor(
    private readonly deps: ApprovalDeps,
    private readonly delivery: CardDelivery,
  ) {}

  /** Opens (and delivers) a round if the case stands at an approval step without one. */
  async openIfDue(c: Case, openedBy: { aadObjectId: string; name: string }): Promise<Approval | null> {
    if (c.state !== 'open') return null;
    const today = this.deps.clock.today();
    const process = this.deps.catalog.process(c.org, c.processId, today);
    const step = process?.steps[stepIndex(process, c.stepId)];
    if (!process || !step?.approval) return null;
    const bodyId = c.holder;
    const members = await this.deps.directory.list({ org: c.org, role: bodyId });
    const chats = await this.deps.personalChats.find(members.map((m) => m.aadObjectId));
    const approvers: Person[] = members.map((m) => ({
      aadObjectId: m.aadObjectId,
      name: m.name,
      teamsUserId: chats.get(m.aadObjectId)?.teamsUserId ?? null,
    }));
    const opened = openApproval({
      id: this.deps.newId(),
      caseId: c.id,
      stepId: step.id,
      bodyId,
      org: c.org,
      rule: this.deps.catalog.voteRule(c.org, bodyId, today) ?? DEFAULT_VOTE_RULE,
      approvers,
      now: this.deps.clock.now(),
      deadline: c.deadlines.find((d) => d.stepId === step.id)?.date ?? null,
      amountDkk: process.involvesMoney ? c.amountDkk : null,
      poolId: process.involvesMoney ? (this.deps.catalog.pool(c.org, today)?.id ?? null) : null,
    });
    if (opened.kind === 'no_approvers') {
      this.deps.onError?.(new Error(`no one in the directory sits in ${bodyId} (${c.org})`), `open ${c.id}`);
      return null;
    }
    const names = approvers.map((a) => a.name).join(', ');
    const r = await this.deps.store.openRound(
      opened.approval,
      this.event(openedBy, 'approval_opened', step.id, names),
      { stepId: c.stepId, version: c.version },
    );
    if (r.kind === 'moved') return null;
    if (r.kind === 'opened') {
      await this.delivery.plan(r.approval);
      await this.delivery.deliver({ approvalId: r.approval.id }, true);
    }
    return r.approval;
  }

  async sweep(orgs: readonly OrgId[] = ['midt', 'nord']): Promise<void> {
    const today = this.deps.clock.today();
    for (const org of orgs) {
      const steps = this.deps.catalog
        .processes(org, today)
        .flatMap((p) => p.steps.filter((s) => s.approval).map((s) => ({ processId: p.id, stepId: s.id })));
      if (steps.length === 0) continue;
      // Every case waiting for a round, page by page: complete at any number of cases.
      for (let after: string | null = null; ; ) {
        const page = await this.deps.store.casesAwaitingRound(org, steps, after, SWEEP_PAGE);
        for (const c of page) await this.openIfDue(c, SYSTEM_ACTOR);
        if (page.length < SWEEP_PAGE) break;
        after = page[page.length - 1]!.id;
      }
      for (const a of await this.deps.store.listOpen({ org })) {
        const c = await this.deps.cases.get(a.caseId);
        if (!c || c.state === 'closed' || c.stepId !== a.stepId) {
          const withdrawn = await this.deps.store.withdraw(
            a.id,
            this.event(SYSTEM_ACTOR, 'approval_withdrawn', a.stepId, null),
          );
          if (withdrawn) this.delivery.scheduleSync(withdrawn.id);
        } else if ((await this.deps.store.copies(a.id)).some((copy) => copy.renderedVersion < a.version)) {
          this.delivery.scheduleSync(a.id);
        }
      }
    }
    // Copies whose conversation another process has learnt, or whose post failed.
    await this.delivery.deliver({});
  }

  private event(
    actor: { aadObjectId: string; name: string },
    kind: string,
    step: string | null,
    comment: string | null,
  ): HistoryEvent {
    return {
      at: this.deps.clock.now().toISOString(),
      actorId: actor.aadObjectId,
      actorName: actor.name,
      kind,
      fromStep: step,
      toStep: null,
      comment,
    };
  }
}
