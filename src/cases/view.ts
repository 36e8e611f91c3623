// What a status card, the CLI and the assistant show about one case: the progress line with the
// current step marked, the holder, the next decision and who makes it, deadlines (overdue or not),
// diverging positions and the last events. Built from the case and its process definition.
import type { CaseSummary, Lang, OrgId } from '../assistant/answer';
import type { Process, ProcessStep } from '../governance/schema';
import type { Case, CaseEvent } from './model';
import type { ProcessCatalog } from './ports';
import { stepIndex } from './transitions';
import { describeEvent } from './history';
import { texts } from '../texts/catalogue';

export interface StepLine {
  id: string;
  name: string;
  state: 'done' | 'current' | 'todo';
  holders: string[];
}

export interface DeadlineLine {
  label: string;
  date: string;
  stepName: string | null;
  overdue: boolean;
}

export interface CaseView {
  id: string;
  title: string;
  org: OrgId;
  lang: Lang;
  version: number;
  state: Case['state'];
  processId: string;
  processName: string;
  stepId: string;
  stepName: string;
  holder: { id: string; name: string };
  steps: StepLine[];
  next: { stepId: string; stepName: string; holders: Array<{ id: string; name: string }> } | null;
  /** The next step at which a body decides (may be the current one), and who decides. */
  nextDecision: { stepId: string; stepName: string; deciders: Array<{ id: string; name: string }> } | null;
  previous: { stepId: string; stepName: string } | null;
  deadlines: DeadlineLine[];
  clusters: string[];
  /** The clusters' names in the view's language (ids where a name is not known). */
  clusterNames: string[];
  amountDkk: number | null;
  poolYear: number | null;
  poolApproved: boolean;
  documents: Case['documents'];
  positions: Case['positions'];
  positionsProcess: string | null;
  events: Array<{ at: string; who: string; what: string; comment: string | null }>;
  /** Where the case's open approval round stands (who it waits for, cards not delivered and why). */
  approval: string[];
  summary: CaseSummary;
}

/** History events in words, newest first as given: label and detail from the one history renderer. */
export function describeEvents(
  events: CaseEvent[],
  process: Process | undefined,
  catalog: ProcessCatalog,
  org: OrgId,
  lang: Lang,
  today: string,
): CaseView['events'] {
  const names = {
    step: (id: string) => process?.steps.find((s) => s.id === id)?.name[lang] ?? id,
    body: (id: string) => catalog.bodyName(org, id, lang, today),
  };
  return events.map((e) => {
    const l = describeEvent(e, lang, names);
    return { at: l.at, who: l.who, what: l.label, comment: l.detail || null };
  });
}

/** The deadline that matters now: the earliest one for the current or a later step (or the case). */
export function currentDeadline(c: Case, process: Process | undefined): Case['deadlines'][number] | undefined {
  const at = process ? stepIndex(process, c.stepId) : -1;
  return [...c.deadlines]
    .filter((d) => !d.stepId || !process || stepIndex(process, d.stepId) >= at)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
}

export function buildCaseView(
  c: Case,
  process: Process | undefined,
  events: CaseEvent[],
  catalog: ProcessCatalog,
  lang: Lang,
  today: string,
): CaseView {
  const name = (body: string): string => catalog.bodyName(c.org, body, lang, today);
  const steps = process?.steps ?? [];
  const at = process ? stepIndex(process, c.stepId) : -1;
  const stepOf = (id: string): ProcessStep | undefined => steps.find((s) => s.id === id);
  const current = stepOf(c.stepId);
  const next = c.state === 'open' ? steps[at + 1] : undefined;
  const prev = c.state === 'open' && at > 0 ? steps[at - 1] : undefined;
  const decision = c.state === 'open' ? steps.slice(Math.max(at, 0)).find((s) => s.role === 'decides') : undefined;
  const deadline = currentDeadline(c, process);
  const summary: CaseSummary = {
    id: c.id,
    title: c.title,
    process: c.processId,
    step: c.state === 'closed' ? 'closed' : c.stepId,
    holder: c.holder,
    next: next?.id ?? null,
    deadline: c.state === 'open' ? (deadline?.date ?? null) : null,
  };
  return {
    id: c.id,
    title: lang === 'en' && c.titleEn ? c.titleEn : c.title,
    org: c.org,
    lang,
    version: c.version,
    state: c.state,
    processId: c.processId,
    processName: process?.name[lang] ?? c.processId,
    stepId: c.stepId,
    stepName: current?.name[lang] ?? c.stepId,
    holder: { id: c.holder, name: name(c.holder) },
    steps: steps.map((s, i) => ({
      id: s.id,
      name: s.name[lang],
      state: c.state === 'closed' || i < at ? 'done' : i === at ? 'current' : 'todo',
      holders: s.holders.map(name),
    })),
    next: next
      ? { stepId: next.id, stepName: next.name[lang], holders: next.holders.map((h) => ({ id: h, name: name(h) })) }
      : null,
    nextDecision: decision
      ? {
          stepId: decision.id,
          stepName: decision.name[lang],
          deciders: decision.holders.map((h) => ({ id: h, name: name(h) })),
        }
      : null,
    previous: prev ? { stepId: prev.id, stepName: prev.name[lang] } : null,
    deadlines: [...c.deadlines]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((d) => {
        const passed = !!d.stepId && !!process && stepIndex(process, d.stepId) < at;
        return {
          label: d.label,
          date: d.date,
          stepName: d.stepId ? (stepOf(d.stepId)?.name[lang] ?? d.stepId) : null,
          overdue: c.state === 'open' && !passed && d.date < today,
        };
      }),
    clusters: c.clusters,
    clusterNames: c.clusters,
    amountDkk: c.amountDkk,
    poolYear: c.poolYear,
    poolApproved: c.poolApprovedAt !== null,
    documents: c.documents,
    positions: c.positions,
    positionsProcess: c.positionsProcess,
    events: describeEvents(events.slice(-5).reverse(), process, catalog, c.org, lang, today),
    approval: [],
    summary,
  };
}

/** One line, in the user's language, saying where the case stands. */
export function statusText(v: CaseView): string {
  const t = texts(v.lang).caseCards.status;
  if (v.state === 'closed') return t.closed(v.id, v.title);
  const parts = [t.at(v.id, v.title, v.stepName, v.holder.name)];
  if (v.next) parts.push(t.next(v.next.stepName, v.next.holders.map((h) => h.name).join(' / ')));
  if (v.nextDecision) parts.push(t.decision(v.nextDecision.deciders.map((h) => h.name).join(' / ')));
  const due = v.deadlines.find((d) => d.date === v.summary.deadline);
  if (due) parts.push(t.deadline(due.date, due.overdue));
  return parts.join(' ');
}
