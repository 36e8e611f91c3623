// Which notification events a case change raises, from the process definition of the step the
// case left and the step it entered. Called inside the transaction of the change (through the
// case repository's change hook), so the events are stored exactly when the change is.
import type { Lang, OrgId } from '../common/ids';
import { copenhagenDate } from '../common/clock';
import { texts } from '../texts/catalogue';
import type { ProcessCatalog } from '../cases/ports';
import type { NotificationEventInput } from './events';

export interface ChangedCase {
  id: string;
  title: string;
  org: OrgId;
  processId: string;
  clusters: string[];
  stepId: string;
  state: 'open' | 'closed';
  deadlines: Array<{ label: string; date: string; stepId?: string }>;
}

export interface CaseChangeEvent {
  at: string;
  kind: string;
  fromStep: string | null;
  toStep: string | null;
}

type Catalog = Pick<ProcessCatalog, 'process' | 'bodyName'>;

const COMMENTING = /komment|hoering|høring|comment/i;
const DECIDING = new Set(['decides', 'recommends']);

function deadlineFor(c: ChangedCase, stepId: string | null, today: string): string | null {
  const own = c.deadlines.find((d) => d.stepId === stepId);
  if (own) return own.date;
  const upcoming = c.deadlines.filter((d) => d.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  return upcoming[0]?.date ?? null;
}

export function eventsForCaseChange(c: ChangedCase, e: CaseChangeEvent, catalog: Catalog): NotificationEventInput[] {
  // The model period and 'today' are Copenhagen dates, not the UTC date of the instant.
  const date = copenhagenDate(new Date(e.at));
  const process = catalog.process(c.org, c.processId, date);
  const step = (id: string | null) => (id ? process?.steps.find((s) => s.id === id) : undefined);
  const from = step(e.fromStep);
  const to = step(e.toStep);
  const base = {
    org: c.org,
    caseId: c.id,
    caseTitle: c.title.slice(0, 300),
    clusters: c.clusters,
    occurredAt: e.at,
    step: to ? { da: to.name.da, en: to.name.en } : null,
  };
  const id = (kind: string) => `${c.id}:${kind}:${e.fromStep ?? '-'}>${e.toStep ?? '-'}:${e.at}`;

  if (e.kind === 'created')
    return [{ ...base, id: id('case_created'), kind: 'case_created', deadline: deadlineFor(c, c.stepId, date) }];
  if (e.kind !== 'moved' && e.kind !== 'sent_back') return [];

  const out: NotificationEventInput[] = [];
  const decider = (lang: Lang) =>
    from ? from.holders.map((h) => catalog.bodyName(c.org, h, lang, date)).join(` ${texts(lang).and} `) : '';
  if (to && to.role === 'implements' && e.kind === 'moved') {
    out.push({
      ...base,
      id: id('ready_for_implementation'),
      kind: 'ready_for_implementation',
      implementFrom: c.deadlines.find((d) => d.stepId === to.id)?.date ?? null,
      deadline: null,
    });
  } else if (from && DECIDING.has(from.role)) {
    const outcome =
      e.kind === 'sent_back'
        ? { da: 'sendt tilbage med ønske om ændringer', en: 'sent back for changes' }
        : from.role === 'recommends'
          ? { da: 'anbefalet', en: 'recommended' }
          : { da: 'godkendt', en: 'approved' };
    out.push({
      ...base,
      id: id('decision'),
      kind: 'decision',
      decidedBy: decider('da') || null,
      outcome,
      deadline: deadlineFor(c, to?.id ?? null, date),
    });
  }
  if (to && e.kind === 'moved' && (COMMENTING.test(to.id) || COMMENTING.test(to.name.da))) {
    out.push({
      ...base,
      id: id('commenting_opened'),
      kind: 'commenting_opened',
      deadline: deadlineFor(c, to.id, date),
    });
  }
  return out;
}

/** Deadlines of open cases falling within the horizon: one event per case, deadline and date. */
export function approachingDeadlineEvents(
  cases: readonly ChangedCase[],
  today: string,
  horizonDays: number,
  catalog: Catalog,
): NotificationEventInput[] {
  const until = new Date(Date.parse(today + 'T00:00:00Z') + horizonDays * 86_400_000).toISOString().slice(0, 10);
  const out: NotificationEventInput[] = [];
  for (const c of cases) {
    if (c.state !== 'open') continue;
    const step = catalog.process(c.org, c.processId, today)?.steps.find((s) => s.id === c.stepId);
    for (const d of c.deadlines) {
      if (d.date < today || d.date > until) continue;
      out.push({
        id: `${c.id}:deadline_approaching:${d.date}:${d.label}`.slice(0, 200),
        org: c.org,
        kind: 'deadline_approaching',
        caseId: c.id,
        caseTitle: c.title.slice(0, 300),
        clusters: c.clusters,
        occurredAt: `${today}T00:00:00.000Z`,
        deadline: d.date,
        step: step ? { da: step.name.da, en: step.name.en } : null,
      });
    }
  }
  return out;
}
