// The approval card of a round as one viewer sees it: what the card shows besides the votes (the
// case, the substitutes, the pool balance, the recommendation that brought the case here) is
// loaded once per answer or per card update, then rendered for each viewer and language.
import { titleIn, type Case } from '../cases/model';
import type { Text } from '../governance/schema';
import type { OrgId } from '../common/ids';
import { approvalCardData, chooseView, refreshUserId, type ApprovalSubject, type CardData } from './card-view';
import type { ApprovalDeps, PersonalChat } from './deps';
import { eligibleVoters } from './eligibility';
import type { CardFacts } from './ports';
import type { ApprovalLang } from './texts';
import type { Approval, Substitution } from './types';

interface Arrival {
  comment: string | null;
  actorName: string;
}

export interface CardContext {
  approval: Approval;
  case: Case | null;
  subs: Substitution[];
  arrival: Arrival | null;
  pool: { remainingDkk: number; name: Text } | null;
  refreshUserIds: string[];
}

export class ApprovalCards {
  private readonly arrivals = new Map<string, Arrival | null>();

  constructor(private readonly deps: Pick<ApprovalDeps, 'store' | 'cases' | 'catalog' | 'personalChats' | 'clock'>) {}

  /** Everything a card of this round shows besides the votes, in one read. */
  async context(a: Approval): Promise<CardContext> {
    return this.contextFrom(
      a,
      await this.deps.store.cardFacts(
        a.caseId,
        a.approvers.map((p) => p.aadObjectId),
      ),
    );
  }

  /** The round and its card's context in one read (refreshes, outsiders' clicks). */
  async view(approvalId: string): Promise<CardContext | null> {
    const v = await this.deps.store.view(approvalId);
    return v ? this.contextFrom(v.approval, v) : null;
  }

  private async contextFrom(a: Approval, facts: CardFacts): Promise<CardContext> {
    const today = this.deps.clock.today();
    const theCase = facts.case;
    const subs = facts.subs;
    const arrival = await this.arrivalOf(a, theCase);
    const poolDef =
      a.amountDkk !== null && theCase?.poolYear != null && facts.poolApprovedDkk !== null
        ? this.deps.catalog.pool(theCase.org, today)
        : undefined;
    const pool = poolDef
      ? { remainingDkk: poolDef.annualAmountDkk - facts.poolApprovedDkk!, name: poolDef.name }
      : null;
    const extra = eligibleVoters(a, subs, today).filter((id) => !a.approvers.some((p) => p.aadObjectId === id));
    const extraChats = extra.length > 0 ? await this.deps.personalChats.find(extra) : new Map<string, PersonalChat>();
    const refreshUserIds = [
      ...a.approvers.map(refreshUserId),
      ...extra.map((id) =>
        refreshUserId({ aadObjectId: id, name: '', teamsUserId: extraChats.get(id)?.teamsUserId ?? null }),
      ),
    ];
    return { approval: a, case: theCase, subs, arrival, pool, refreshUserIds };
  }

  /** What the person who brought the case to this step wrote; it does not change during a round. */
  private async arrivalOf(a: Approval, c: Case | null): Promise<Arrival | null> {
    if (!c) return null;
    const cached = this.arrivals.get(a.id);
    if (cached !== undefined) return cached;
    const history = await this.deps.cases.history(c.id, 30);
    const e = [...history].reverse().find((x) => x.toStep === a.stepId && (x.kind === 'moved' || x.kind === 'created'));
    const arrival = e ? { comment: e.comment, actorName: e.actorName } : null;
    if (this.arrivals.size > 1000) this.arrivals.clear();
    this.arrivals.set(a.id, arrival);
    return arrival;
  }

  subjectOf(ctx: CardContext, lang: ApprovalLang): ApprovalSubject {
    const { approval: a, case: c } = ctx;
    const today = this.deps.clock.today();
    const process = c ? this.deps.catalog.process(c.org, c.processId, today) : undefined;
    const step = process?.steps.find((s) => s.id === a.stepId);
    return {
      caseTitle: c ? titleIn(c, lang) : a.caseId,
      bodyName: this.deps.catalog.bodyName(a.org as OrgId, a.bodyId, lang, today),
      decision: step ? step.name[lang] : a.stepId,
      recommendation: ctx.arrival?.comment ?? null,
      recommendedBy: ctx.arrival?.actorName ?? null,
      poolName: ctx.pool ? ctx.pool.name[lang] : null,
      poolRemainingDkk: ctx.pool?.remainingDkk ?? null,
      positions: (c?.positions ?? []).map((p) => ({ party: p.party, text: p.position })),
      documents: c?.documents ?? [],
    };
  }

  /** The card as `viewerAadId` should see it (null: a shared copy anyone may be looking at). */
  render(ctx: CardContext, viewerAadId: string | null, lang: ApprovalLang, notice: string | null): CardData {
    const now = this.deps.clock.now();
    const { view, seat } = chooseView(ctx.approval, viewerAadId, ctx.subs, now);
    return approvalCardData({
      approval: ctx.approval,
      subject: this.subjectOf(ctx, lang),
      view,
      seat,
      lang,
      substitutes: ctx.subs,
      now,
      refreshUserIds: ctx.refreshUserIds,
      notice,
    });
  }

  async cardFor(a: Approval, viewerAadId: string | null, lang: ApprovalLang, notice: string | null): Promise<CardData> {
    return this.render(await this.context(a), viewerAadId, lang, notice);
  }
}
