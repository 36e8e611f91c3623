// The cases feature: find a case by id or fuzzy title, show where it stands, create it, move it on
// through its process, list cases by holder or "mine", and keep the contingency pool's account.
// Plain domain code over two ports (the repository, the process catalog); every expected outcome
// is a typed result.
import type { Clock } from '../common/clock';
import type { Lang, OrgId } from '../common/ids';
import type { Text } from '../governance/schema';
import { bodiesOf, isSecretariatStaff } from '../directory/person';
import { CommentCaseCommand, CreateCaseCommand, MoveCaseCommand, describeIssues } from './commands';
import { normaliseCaseId, type Actor, type Case, type CaseEvent, type CaseEventKind } from './model';
import type { CaseLookup, CaseRepository, CaseStatusPort, PoolCharge, ProcessCatalog, SearchHit } from './ports';
import { CLEAR_LEAD, MATCH_SCORE, NEAR_SCORE, foldQuery } from './search';
import { exportCasesFile, parseCasesFile } from './transfer';
import { CLOSE_STEP, planMove, type MoveRefusal } from './transitions';
import { historyLines } from './history';
import { texts } from '../texts/catalogue';
import { buildCaseView, statusText, type CaseView } from './view';

export type FindResult =
  | { kind: 'found'; case: Case }
  | { kind: 'choices'; hits: SearchHit[] }
  | { kind: 'not_found'; closest: SearchHit[] }
  | { kind: 'invalid'; message: Text };

export type ChangeResult =
  | { kind: 'ok'; case: Case; view: CaseView }
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'not_found'; caseId: string }
  | { kind: 'not_allowed'; message: Text }
  | {
      kind: 'refused';
      reason: MoveRefusal | 'pool_exceeded' | 'unknown_process' | 'holder_not_allowed' | 'amount_required';
      message: Text;
    }
  | { kind: 'stale'; message: Text; current: Case; view: CaseView };

export interface PoolBalance {
  org: OrgId;
  year: number;
  poolId: string;
  name: Text;
  annualDkk: number;
  approvedDkk: number;
  pendingDkk: number;
  remainingDkk: number;
}

export interface CasesServiceDeps {
  repo: CaseRepository;
  catalog: ProcessCatalog;
  /** The one clock (Copenhagen dates); tests pin it. */
  clock: Clock;
  /** Where the case's open approval round stands, for its card (the approvals feature answers). */
  approvalStatus?(caseId: string, lang: Lang): Promise<string[]>;
  /** A cluster's name ("Horsens-klyngen"); the configuration of clusters answers. */
  clusterName?(org: OrgId, clusterId: string, lang: Lang): string | undefined;
}

const MAX_QUERY = 200;
const dkk = (n: number, lang: Lang): string => `${n.toLocaleString(texts(lang).locale)} kr.`;

export class CasesService implements CaseStatusPort {
  private readonly repo: CaseRepository;
  private readonly catalog: ProcessCatalog;
  private readonly clock: Clock;
  private readonly approvalStatus: CasesServiceDeps['approvalStatus'];
  private readonly clusterName: CasesServiceDeps['clusterName'];

  constructor(deps: CasesServiceDeps) {
    this.repo = deps.repo;
    this.catalog = deps.catalog;
    this.clock = deps.clock;
    this.approvalStatus = deps.approvalStatus;
    this.clusterName = deps.clusterName;
  }

  private now(): Date {
    return this.clock.now();
  }

  today(): string {
    return this.clock.today();
  }

  async find(ref: { caseId?: string; query?: string }, options: { org?: OrgId } = {}): Promise<FindResult> {
    if (ref.caseId !== undefined) {
      const id = normaliseCaseId(ref.caseId);
      if (!id)
        return {
          kind: 'invalid',
          message: {
            da: `"${ref.caseId.slice(0, 40)}" er ikke et sagsnummer (fx SAG-2026-0007).`,
            en: `"${ref.caseId.slice(0, 40)}" is not a case id (e.g. SAG-2026-0007).`,
          },
        };
      const c = await this.repo.get(id);
      return c ? { kind: 'found', case: c } : { kind: 'not_found', closest: [] };
    }
    const raw = ref.query ?? '';
    if (raw.length > MAX_QUERY)
      return {
        kind: 'invalid',
        message: {
          da: `Søgningen er for lang (højst ${MAX_QUERY} tegn).`,
          en: `The search is too long (at most ${MAX_QUERY} characters).`,
        },
      };
    const folded = foldQuery(raw);
    if (folded.replace(/[\s-]/g, '').length < 2)
      return {
        kind: 'invalid',
        message: {
          da: 'Skriv mindst to bogstaver af sagens titel eller sagsnummeret.',
          en: "Give at least two letters of the case's title, or its id.",
        },
      };
    const hits = await this.repo.search(folded, { org: options.org, limit: 6, minScore: NEAR_SCORE });
    const strong = hits.filter((h) => h.score >= MATCH_SCORE);
    const [first, second] = strong;
    if (first && (!second || first.score - second.score >= CLEAR_LEAD)) return { kind: 'found', case: first.case };
    if (strong.length > 1) return { kind: 'choices', hits: strong.slice(0, 5) };
    return { kind: 'not_found', closest: hits.slice(0, 3) };
  }

  /**
   * A ranked list for pickers (the message extension's search): a case id gives that case, any
   * other text the fuzzy title matches, best first. Unlike find() it never chooses for the user.
   */
  async search(
    query: string,
    options: { org?: OrgId; limit: number; facet?: { processIds: string[]; clusterIds: string[] } },
  ): Promise<Case[] | 'too_short'> {
    const raw = query.slice(0, MAX_QUERY);
    const id = normaliseCaseId(raw);
    if (id) {
      const c = await this.repo.get(id);
      return c ? [c] : [];
    }
    const folded = foldQuery(raw);
    if (folded.replace(/[\s-]/g, '').length < 2) return 'too_short';
    const limit = Math.max(1, Math.min(options.limit, 100));
    const hits = (await this.repo.search(folded, { org: options.org, limit, minScore: NEAR_SCORE })).map((h) => h.case);
    // A query naming a process or a cluster ("Horsens", "beredskabspuljen") also lists its cases.
    const facet = options.facet;
    if (!options.org || !facet || hits.length >= limit) return hits;
    const seen = new Set(hits.map((c) => c.id));
    const more = await this.repo.listByFacet(options.org, facet, limit);
    return [...hits, ...more.filter((c) => !seen.has(c.id))].slice(0, limit);
  }

  /** The case as the card and the tab show it; `history`, when the caller already read it whole, is not read again. */
  async view(c: Case, lang: Lang, history?: CaseEvent[]): Promise<CaseView> {
    const today = this.today();
    const process = this.catalog.process(c.org, c.processId, today);
    const events = history ?? (await this.repo.history(c.id, 5));
    const view = buildCaseView(c, process, events, this.catalog, lang, today);
    view.clusterNames = c.clusters.map((id) => this.clusterName?.(c.org, id, lang) ?? id);
    if (c.state === 'open' && this.approvalStatus) view.approval = await this.approvalStatus(c.id, lang);
    return view;
  }

  /** The processes a case can be created under for the organisation today. */
  processesFor(org: OrgId) {
    return this.catalog.processes(org, this.today());
  }

  /** One line's worth of a case for lists: where it stands and who holds it, without its history. */
  brief(c: Case, lang: Lang): { id: string; title: string; stepName: string; holderName: string } {
    const today = this.today();
    const step = this.catalog.process(c.org, c.processId, today)?.steps.find((s) => s.id === c.stepId);
    return {
      id: c.id,
      title: lang === 'en' && c.titleEn ? c.titleEn : c.title,
      stepName: c.state === 'closed' ? texts(lang).caseCards.closed : (step?.name[lang] ?? c.stepId),
      holderName: this.catalog.bodyName(c.org, c.holder, lang, today),
    };
  }

  /** The whole history in words, oldest first ("historik SAG-..."). */
  async historyLines(c: Case, lang: Lang): Promise<string[]> {
    const today = this.today();
    const process = this.catalog.process(c.org, c.processId, today);
    const names = {
      step: (id: string) => process?.steps.find((s) => s.id === id)?.name[lang] ?? id,
      body: (id: string) => this.catalog.bodyName(c.org, id, lang, today),
    };
    return historyLines(await this.repo.history(c.id), lang, names);
  }

  async history(caseId: string) {
    return this.repo.history(caseId);
  }

  /** CaseStatusPort: what `ask "status på ..."` answers. */
  async lookup(ref: { caseId?: string; query?: string }, options: { org: OrgId; lang: Lang }): Promise<CaseLookup> {
    if (ref.caseId !== undefined) {
      const id = normaliseCaseId(ref.caseId);
      const rec = id ? await this.repo.getWithHistory(id, 5) : null;
      if (rec) return this.lookupFound(rec.case, rec.history);
    }
    const found = await this.find(ref, ref.caseId ? {} : { org: options.org });
    const brief = (hits: SearchHit[]) => hits.map((h) => ({ id: h.case.id, title: h.case.title }));
    switch (found.kind) {
      case 'found':
        return this.lookupFound(found.case, await this.repo.history(found.case.id, 5));
      case 'choices':
        return {
          kind: 'choices',
          choices: brief(found.hits),
          text: {
            da:
              `Flere sager passer: ${found.hits.map((h) => `${h.case.id} "${h.case.title}"`).join('; ')}. ` +
              `Hvilken mener du?`,
            en:
              `Several cases match: ` +
              `${found.hits.map((h) => `${h.case.id} "${h.case.titleEn ?? h.case.title}"`).join('; ')}. Which ` +
              `one do you mean?`,
          },
        };
      case 'not_found': {
        const closest = found.closest.length
          ? found.closest.map((h) => `${h.case.id} "${h.case.title}"`).join('; ')
          : '';
        const what = ref.caseId ?? ref.query ?? '';
        return {
          kind: 'not_found',
          closest: brief(found.closest),
          text: {
            da: `Jeg fandt ingen sag "${what.slice(0, 80)}".${closest ? ` Tætteste titler: ${closest}.` : ''}`,
            en: `I found no case "${what.slice(0, 80)}".${closest ? ` Closest titles: ${closest}.` : ''}`,
          },
        };
      }
      case 'invalid':
        return { kind: 'not_found', closest: [], text: found.message };
    }
  }

  private lookupFound(c: Case, events: CaseEvent[]): CaseLookup {
    const today = this.today();
    const process = this.catalog.process(c.org, c.processId, today);
    const [da, en] = (['da', 'en'] as const).map((lang) =>
      buildCaseView(c, process, events, this.catalog, lang, today),
    );
    return { kind: 'found', summary: da!.summary, text: { da: statusText(da!), en: statusText(en!) } };
  }

  async create(actor: Actor, input: unknown): Promise<ChangeResult> {
    const parsed = CreateCaseCommand.safeParse(input);
    if (!parsed.success) return { kind: 'invalid', problems: describeIssues(parsed.error) };
    const cmd = parsed.data;
    if (!isSecretariatStaff(actor))
      return {
        kind: 'not_allowed',
        message: {
          da: 'Kun sekretariatets medarbejdere kan oprette sager.',
          en: 'Only secretariat staff can create cases.',
        },
      };
    const today = this.today();
    const org = cmd.org as OrgId;
    const process = this.catalog.process(org, cmd.processId, today);
    if (!process)
      return {
        kind: 'refused',
        reason: 'unknown_process',
        message: {
          da: `Der er ingen proces "${cmd.processId}" for ${org}.`,
          en: `There is no process "${cmd.processId}" for ${org}.`,
        },
      };
    const first = process.steps[0]!;
    const holder = cmd.holder ?? first.holders[0]!;
    if (!first.holders.includes(holder))
      return {
        kind: 'refused',
        reason: 'holder_not_allowed',
        message: {
          da: `Ved "${first.name.da}" ligger sagen hos en af: ${first.holders.join(', ')}.`,
          en: `At "${first.name.en}" the case is held by one of: ${first.holders.join(', ')}.`,
        },
      };
    const badStep = cmd.deadlines.find((d) => d.stepId && !process.steps.some((s) => s.id === d.stepId));
    if (badStep) return { kind: 'invalid', problems: [`deadlines: the process has no step "${badStep.stepId}"`] };
    if (process.involvesMoney && cmd.amountDkk === undefined)
      return {
        kind: 'refused',
        reason: 'amount_required',
        message: { da: 'En udgift skal have et beløb i kroner.', en: 'An expense needs an amount in DKK.' },
      };
    const at = this.now().toISOString();
    const year = Number(today.slice(0, 4));
    const c = await this.repo.create(
      {
        year,
        title: cmd.title,
        titleEn: cmd.titleEn ?? null,
        org,
        processId: process.id,
        clusters: cmd.clusters,
        stepId: first.id,
        holder,
        deadlines: cmd.deadlines,
        documents: cmd.documents,
        amountDkk: cmd.amountDkk ?? null,
        poolYear: process.kind === 'contingency-pool' ? (cmd.poolYear ?? year) : (cmd.poolYear ?? null),
        positions: cmd.positions,
        positionsProcess: cmd.positionsProcess ?? null,
        createdBy: actor.aadObjectId,
        createdAt: at,
      },
      {
        at,
        actorId: actor.aadObjectId,
        actorName: actor.name,
        kind: 'created',
        fromStep: null,
        toStep: first.id,
        comment: cmd.comment ?? null,
      },
    );
    return { kind: 'ok', case: c, view: await this.view(c, 'da') };
  }

  async move(actor: Actor, input: unknown, lang: Lang = 'da'): Promise<ChangeResult> {
    const parsed = MoveCaseCommand.safeParse(input);
    if (!parsed.success) return { kind: 'invalid', problems: describeIssues(parsed.error) };
    const cmd = parsed.data;
    const c = await this.repo.get(cmd.caseId);
    if (!c) return { kind: 'not_found', caseId: cmd.caseId };
    if (c.version !== cmd.version) return this.stale(c, lang);
    const process = this.catalog.process(c.org, c.processId, this.today());
    if (!process)
      return {
        kind: 'refused',
        reason: 'unknown_process',
        message: {
          da: `Processen "${c.processId}" findes ikke længere i modellen.`,
          en: `The process "${c.processId}" is no longer in the model.`,
        },
      };
    const plan = planMove(process, c, actor, cmd);
    if (plan.kind === 'refused')
      return plan.reason === 'not_allowed'
        ? { kind: 'not_allowed', message: plan.message }
        : { kind: 'refused', reason: plan.reason, message: plan.message };

    let charge: PoolCharge | undefined;
    if (
      process.kind === 'contingency-pool' &&
      plan.direction === 'forward' &&
      plan.from.role === 'decides' &&
      !c.poolApprovedAt
    ) {
      const pool = this.catalog.pool(c.org, this.today());
      if (!pool || c.amountDkk === null || c.poolYear === null) {
        return {
          kind: 'refused',
          reason: 'amount_required',
          message: {
            da: 'Udgiften mangler beløb, år eller en pulje i modellen.',
            en: 'The expense lacks an amount, a year or a pool in the model.',
          },
        };
      }
      charge = { org: c.org, year: c.poolYear, annualDkk: pool.annualAmountDkk, amountDkk: c.amountDkk };
    }
    const kind: CaseEventKind =
      plan.direction === 'close' ? 'closed' : plan.direction === 'back' ? 'sent_back' : 'moved';
    const result = await this.repo.update(
      c.id,
      cmd.version,
      plan.to ? { stepId: plan.to.id, holder: plan.holder } : { state: 'closed' },
      {
        at: this.now().toISOString(),
        actorId: actor.aadObjectId,
        actorName: actor.name,
        kind,
        fromStep: c.stepId,
        toStep: plan.to?.id ?? CLOSE_STEP,
        comment: cmd.comment ?? null,
      },
      charge,
    );
    switch (result.kind) {
      case 'updated':
        return { kind: 'ok', case: result.case, view: await this.view(result.case, lang) };
      case 'stale':
        return this.stale(result.current, lang);
      case 'not_found':
        return { kind: 'not_found', caseId: cmd.caseId };
      case 'pool_exceeded':
        return {
          kind: 'refused',
          reason: 'pool_exceeded',
          message: {
            da:
              `Udgiften på ${dkk(c.amountDkk ?? 0, 'da')} overstiger restbeløbet i beredskabspuljen for ` +
              `${c.poolYear} (${dkk(result.remainingDkk, 'da')}) og kan ikke godkendes.`,
            en:
              `The expense of ${dkk(c.amountDkk ?? 0, 'en')} exceeds what is left in the contingency pool ` +
              `for ${c.poolYear} (${dkk(result.remainingDkk, 'en')}) and cannot be approved.`,
          },
        };
    }
  }

  async comment(actor: Actor, input: unknown, lang: Lang = 'da'): Promise<ChangeResult> {
    const parsed = CommentCaseCommand.safeParse(input);
    if (!parsed.success) return { kind: 'invalid', problems: describeIssues(parsed.error) };
    const cmd = parsed.data;
    const c = await this.repo.get(cmd.caseId);
    if (!c) return { kind: 'not_found', caseId: cmd.caseId };
    const r = await this.repo.appendEvent(c.id, cmd.version, {
      at: this.now().toISOString(),
      actorId: actor.aadObjectId,
      actorName: actor.name,
      kind: 'comment',
      fromStep: null,
      toStep: null,
      comment: cmd.comment,
    });
    if (r.kind === 'updated') return { kind: 'ok', case: r.case, view: await this.view(r.case, lang) };
    if (r.kind === 'stale') return this.stale(r.current, lang);
    return { kind: 'not_found', caseId: cmd.caseId };
  }

  private async stale(current: Case, lang: Lang): Promise<ChangeResult> {
    const view = await this.view(current, lang);
    return {
      kind: 'stale',
      current,
      view,
      message: {
        da:
          `Sagen er ændret imens (nu ved "${view.stepName}" hos ${view.holder.name}). Her er den nye status; ` +
          `prøv igen ud fra den.`,
        en:
          `The case changed in the meantime (now at "${view.stepName}", held by ${view.holder.name}). Here ` +
          `is the new state; try again from it.`,
      },
    };
  }

  /** "hvilke sager ligger hos formandskabet?" */
  async listByHolder(
    org: OrgId,
    holderText: string,
  ): Promise<{ kind: 'list'; holder: string; cases: Case[] } | { kind: 'unknown_body'; text: string }> {
    const body = this.catalog.findBody(org, holderText.slice(0, MAX_QUERY), this.today());
    if (!body) return { kind: 'unknown_body', text: holderText.slice(0, 80) };
    return { kind: 'list', holder: body, cases: await this.repo.listByHolder(org, [body]) };
  }

  /** "mine sager": open cases I created or acted on, or that my bodies hold. */
  async listMine(actor: Actor, org: OrgId): Promise<Case[]> {
    return this.repo.listMine(actor.aadObjectId, org, bodiesOf(actor));
  }

  async poolBalance(
    org: OrgId,
    year?: number,
  ): Promise<{ kind: 'balance'; balance: PoolBalance } | { kind: 'no_pool'; org: OrgId }> {
    const today = this.today();
    const y = year ?? Number(today.slice(0, 4));
    const pool = this.catalog.pool(org, String(y) === today.slice(0, 4) ? today : `${y}-12-31`);
    if (!pool) return { kind: 'no_pool', org };
    const usage = await this.repo.poolUsage(org, y);
    return {
      kind: 'balance',
      balance: {
        org,
        year: y,
        poolId: pool.id,
        name: pool.name,
        annualDkk: pool.annualAmountDkk,
        approvedDkk: usage.approvedDkk,
        pendingDkk: usage.pendingDkk,
        remainingDkk: pool.annualAmountDkk - usage.approvedDkk,
      },
    };
  }

  async exportFile(): Promise<string> {
    return exportCasesFile(await this.repo.exportAll(), this.now());
  }

  /** Imports a cases file whole, or refuses it whole with line-level reasons; nothing half-written. */
  async importFile(
    text: string,
    fileName = 'cases.json',
  ): Promise<{ kind: 'imported'; count: number } | { kind: 'refused'; problems: string[] }> {
    const parsed = parseCasesFile(text, this.catalog, this.today(), fileName);
    if (!parsed.ok) return { kind: 'refused', problems: parsed.problems };
    const r = await this.repo.importAll(parsed.records);
    if (r.kind === 'conflict')
      return {
        kind: 'refused',
        problems: r.ids.slice(0, 50).map((id) => `${fileName}: ${id} already exists in the database`),
      };
    return r;
  }

  bodyName(org: OrgId, id: string, lang: Lang): string {
    return this.catalog.bodyName(org, id, lang, this.today());
  }
}

export function poolBalanceText(b: PoolBalance, lang: Lang): string {
  return lang === 'da'
    ? `${b.name.da} ${b.year}: ${dkk(b.remainingDkk, 'da')} tilbage af ${dkk(b.annualDkk, 'da')} (godkendt: ` +
        `${dkk(b.approvedDkk, 'da')}; indstillet, ikke godkendt: ${dkk(b.pendingDkk, 'da')}).`
    : `${b.name.en} ${b.year}: ${dkk(b.remainingDkk, 'en')} left of ${dkk(b.annualDkk, 'en')} (approved: ` +
        `${dkk(b.approvedDkk, 'en')}; recommended, not yet approved: ${dkk(b.pendingDkk, 'en')}).`;
}
