// What the tab shows, in plain JSON, over the same services as chat: the case table (filters, search,
// paging), the case page (the CaseView with its whole history), my approvals and voting through the
// approval service, the pool per year, the organisation of a period and "Hvem beslutter?".
import type { Core } from '../compose/core';
import { bodiesOf, type Person } from '../directory/person';
import type { Case } from '../cases/model';
import { titleIn } from '../cases/model';
import { foldQuery, NEAR_SCORE } from '../cases/search';
import { currentDeadline, describeEvents } from '../cases/view';
import type { VoteChoice } from '../approvals/types';
import { clusterById, clustersOf, type ClusterConfig } from '../notifications/clusters';
import type { Lang, OrgId } from '../common/ids';
import { caseTablePage, type CaseTableFilter, type StepOrder } from '../store/case-table-query';
import { caseIdPrefix, normaliseCaseId } from '../cases/model';

export interface CaseListQuery
  extends Pick<CaseTableFilter, 'org' | 'cluster' | 'process' | 'step' | 'holder' | 'state' | 'overdue'> {
  lang: Lang;
  mine?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export interface CaseRow {
  id: string;
  title: string;
  process: string;
  step: string;
  holder: string;
  deadline: string | null;
  overdue: boolean;
  clusters: string[];
  state: Case['state'];
}

/** The most fuzzy-search hits the table pages through. */
const MAX_SEARCH_HITS = 200;

export class TabService {
  constructor(
    private readonly core: Core,
    private readonly clusters: ClusterConfig,
  ) {}

  today(): string {
    return this.core.clock.today();
  }

  meta(org: OrgId, lang: Lang) {
    const today = this.today();
    const processes = this.core.catalog.processes(org, today);
    const holders = new Set(processes.flatMap((p) => p.steps.flatMap((s) => s.holders)));
    const name = (id: string) => this.core.catalog.bodyName(org, id, lang, today);
    return {
      org,
      today,
      processes: processes.map((p) => ({
        id: p.id,
        name: p.name[lang],
        steps: p.steps.map((s) => ({ id: s.id, name: s.name[lang] })),
      })),
      holders: [...holders].map((id) => ({ id, name: name(id) })).sort((a, b) => a.name.localeCompare(b.name)),
      clusters: clustersOf(this.clusters, org).map((c) => ({ id: c.id, name: c.name[lang] })),
      periods: this.core.model.periodsOf(org).map((p) => ({ id: p.id, title: p.title[lang], validFrom: p.validFrom })),
    };
  }

  async list(query: CaseListQuery, me: Person | null) {
    const q = query.q?.trim() ?? '';
    let ids: string[] | undefined;
    let idPrefix: string | undefined;
    if (q) {
      const exact = normaliseCaseId(q);
      idPrefix = exact ? undefined : caseIdPrefix(q);
      if (exact) ids = [exact];
      else if (!idPrefix) {
        // Ids only: the table filters and pages the hits in SQL and reads the rows of one page.
        const hits = await this.core.repos.cases.searchIds(foldQuery(q.slice(0, 200)), {
          org: query.org,
          limit: MAX_SEARCH_HITS,
          minScore: NEAR_SCORE,
        });
        ids = hits.map((h) => h.caseId);
      }
    }
    const page = await caseTablePage(this.core.store.db, {
      org: query.org,
      cluster: query.cluster,
      process: query.process,
      step: query.step,
      holder: query.holder,
      state: query.state,
      overdue: query.overdue,
      today: this.today(),
      stepOrder: query.overdue ? this.stepOrder(query.org) : undefined,
      mine: query.mine && me ? { actorId: me.aadObjectId, holders: bodiesOf(me) } : undefined,
      ids,
      idPrefix,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return {
      total: page.total,
      page: query.page,
      pageSize: query.pageSize,
      rows: page.cases.map((c) => this.row(c, query.lang)),
    };
  }

  /** The organisation's processes' steps in order, for the overdue filter (as the view orders them). */
  private stepOrder(org: OrgId): StepOrder {
    return Object.fromEntries(
      this.core.catalog
        .processes(org, this.today())
        .map((p) => [p.id, Object.fromEntries(p.steps.map((s, i) => [s.id, i]))]),
    );
  }

  private clusterName(org: OrgId, id: string, lang: Lang): string {
    return clusterById(this.clusters, org, id)?.name[lang] ?? id;
  }

  row(c: Case, lang: Lang): CaseRow {
    const today = this.today();
    const process = this.core.catalog.process(c.org, c.processId, today);
    const deadline = c.state === 'open' ? currentDeadline(c, process) : undefined;
    return {
      id: c.id,
      title: titleIn(c, lang),
      process: process?.name[lang] ?? c.processId,
      step: c.state === 'closed' ? '' : (process?.steps.find((s) => s.id === c.stepId)?.name[lang] ?? c.stepId),
      holder: this.core.catalog.bodyName(c.org, c.holder, lang, today),
      deadline: deadline?.date ?? null,
      overdue: !!deadline && deadline.date < today,
      clusters: c.clusters.map((id) => this.clusterName(c.org, id, lang)),
      state: c.state,
    };
  }

  async casePage(id: string, lang: Lang) {
    const c = await this.core.repos.cases.get(id);
    if (!c) return null;
    // The whole history once: the page lists it, and the view's last events are its tail.
    const history = await this.core.repos.cases.history(c.id);
    const view = await this.core.cases.view(c, lang, history);
    const today = this.today();
    const process = this.core.catalog.process(c.org, c.processId, today);
    const events = describeEvents([...history].reverse(), process, this.core.catalog, c.org, lang, today);
    return { ...view, events };
  }

  async myApprovals(me: Person, lang: Lang) {
    const items = await this.core.approvals.waitingFor(me.aadObjectId);
    const today = this.today();
    return items.map((i) => {
      const a = i.approval;
      return {
        approvalId: a.id,
        caseId: a.caseId,
        caseTitle: i.caseTitle,
        stepId: a.stepId,
        body: this.core.catalog.bodyName(a.org as OrgId, a.bodyId, lang, today),
        version: a.version,
        deadline: a.deadline,
        amountDkk: a.amountDkk,
        asSubstituteFor: i.asSubstituteFor,
        myVote: i.myVote,
        votes: a.votes.map((v) => ({ name: v.voterName, choice: v.choice })),
      };
    });
  }

  async vote(
    me: Person,
    input: {
      approvalId: string;
      caseId: string;
      stepId: string;
      version: number;
      choice: VoteChoice;
      comment?: string;
    },
    lang: Lang,
  ) {
    const outcome = await this.core.approvals.vote(
      {
        approvalId: input.approvalId,
        caseId: input.caseId,
        stepId: input.stepId,
        version: input.version,
        choice: input.choice,
        comment: input.comment?.trim() ? input.comment.trim() : null,
        voterAadId: me.aadObjectId,
      },
      lang,
    );
    return { result: outcome.result.kind, notice: outcome.notice };
  }

  async pool(org: OrgId, year: number, lang: Lang) {
    const r = await this.core.cases.poolBalance(org, year);
    if (r.kind === 'no_pool') return null;
    const b = r.balance;
    const rows = await this.core.store.db
      .selectFrom('cases')
      .select(['id', 'title', 'title_en', 'amount_dkk', 'pool_approved_at', 'status'])
      .where('org', '=', org)
      .where('pool_year', '=', year)
      .where('amount_dkk', 'is not', null)
      .orderBy('id')
      .limit(500)
      .execute();
    const expenses = rows.map((e) => ({
      caseId: e.id,
      title: titleIn({ title: e.title, titleEn: e.title_en }, lang),
      amountDkk: e.amount_dkk ?? 0,
      approved: e.pool_approved_at !== null,
      state: e.status,
    }));
    return {
      org,
      year,
      name: b.name[lang],
      annualDkk: b.annualDkk,
      grantedDkk: b.approvedDkk,
      // The pool's own figure, not a sum over the expenses listed (at most 500 of them).
      reservedDkk: b.pendingDkk,
      leftDkk: b.remainingDkk,
      expenses,
    };
  }

  organisation(org: OrgId, periodId: string | undefined, lang: Lang) {
    const periods = this.core.model.periodsOf(org);
    const period = periodId ? periods.find((p) => p.id === periodId) : this.core.model.periodAt(org, this.today());
    if (!period) return null;
    const decides = new Map<string, string[]>();
    for (const m of period.matters.values())
      for (const b of m.roles.decides?.bodies ?? []) decides.set(b, [...(decides.get(b) ?? []), m.title[lang]]);
    return {
      org,
      period: period.id,
      title: period.title[lang],
      validFrom: period.validFrom,
      validTo: period.validTo,
      bodies: [...period.bodies.values()].map((b) => ({
        id: b.id,
        name: b.name[lang],
        short: b.short ?? null,
        level: b.level,
        meets: b.meets?.[lang] ?? null,
        reportsTo: b.reportsTo.map((r) => r.body).filter((id) => period.bodies.has(id)),
        decides: decides.get(b.id) ?? [],
      })),
    };
  }

  async ask(question: string, org: OrgId, lang: Lang, date?: string) {
    const a = await this.core.assistant.ask(question, { org, lang, ...(date ? { date } : {}) });
    return { status: a.status, text: a.text, deciders: a.deciders, sources: a.sources };
  }
}
