// The case cards: status (progress line, holder, next decision, deadlines, positions, events,
// move and comment forms), lists (by holder, mine, choices, closest titles) and the create form.
// Views only reshape domain results into template data; cards/*.json hold the layout.
import type { Attachment } from 'botbuilder';
import type { Lang, OrgId } from '../../assistant/answer';
import type { CaseView } from '../../cases/view';
import { renderCard } from '../cards';
import { caseLabels, caseTemplateLabels } from './case-labels';
import { formatDkk } from '../../approvals/texts';

export interface Notice {
  text: string;
  style: 'good' | 'warning' | 'attention' | 'accent';
}

const MARKERS = { done: '✔', current: '▶', todo: '○' } as const;

export interface StatusCardOptions {
  notice?: Notice;
  canMove?: boolean;
  /** The Teams deep link that opens the case in the tab ("Åbn i fanen"), when the app id is known. */
  tabLink?: string;
}

export function caseStatusCardData(v: CaseView, options: StatusCardOptions = {}) {
  const l = caseLabels(v.lang);
  const facts: Array<{ title: string; value: string }> = [];
  if (v.state === 'closed') facts.push({ title: l.stateFact, value: l.closed });
  else facts.push({ title: l.holderFact, value: `${v.holder.name} · ${v.stepName}` });
  if (v.next)
    facts.push({ title: l.nextFact, value: `${v.next.stepName} (${v.next.holders.map((h) => h.name).join(' / ')})` });
  if (v.nextDecision)
    facts.push({
      title: l.decisionFact,
      value: `${v.nextDecision.deciders.map((d) => d.name).join(' / ')}: ${v.nextDecision.stepName}`,
    });
  if (v.amountDkk !== null) {
    const amount = formatDkk(v.amountDkk, v.lang);
    facts.push({
      title: l.amountFact,
      value: v.poolYear ? `${amount} (${v.poolYear}, ${v.poolApproved ? l.poolApproved : l.poolPending})` : amount,
    });
  }
  if (v.clusterNames.length > 0) facts.push({ title: l.clustersFact, value: v.clusterNames.join(', ') });

  const targets: Array<{ title: string; value: string }> = [];
  if (v.next) targets.push({ title: v.next.stepName, value: v.next.stepId });
  else if (v.state === 'open') targets.push({ title: l.close, value: 'closed' });
  if (v.previous) targets.push({ title: `${l.back}: ${v.previous.stepName}`, value: v.previous.stepId });
  const holderChoices = (v.next?.holders ?? []).map((h) => ({ title: h.name, value: h.id }));

  return {
    labels: caseTemplateLabels(v.lang),
    speak: `${v.id} ${v.title}`,
    hasNotice: Boolean(options.notice),
    notice: options.notice?.text ?? '',
    noticeStyle: options.notice?.style ?? 'default',
    id: v.id,
    title: v.title,
    processName: v.processName,
    facts,
    steps: v.steps.map((s) => ({
      marker: MARKERS[s.state],
      name: s.name,
      weight: s.state === 'current' ? 'Bolder' : 'Default',
      color: s.state === 'current' ? 'Accent' : 'Default',
      subtle: s.state === 'todo',
    })),
    hasApproval: v.approval.length > 0,
    approval: v.approval.map((text) => ({ text })),
    hasDeadlines: v.deadlines.length > 0,
    deadlines: v.deadlines.map((d) => ({
      text: `${d.date} · ${d.label}${d.stepName ? ` (${d.stepName})` : ''}${d.overdue ? ` — ${l.overdue}` : ''}`,
      color: d.overdue ? 'Attention' : 'Default',
      weight: d.overdue ? 'Bolder' : 'Default',
    })),
    hasPositions: v.positions.length > 0,
    positions: v.positions,
    hasPositionsProcess: Boolean(v.positionsProcess),
    positionsProcess: v.positionsProcess ?? '',
    hasDocuments: v.documents.length > 0,
    documents: v.documents.map((d) => ({
      title: d.title.replace(/[[\]]/g, ''),
      url: d.url.replace(/\(/g, '%28').replace(/\)/g, '%29'),
    })),
    events: v.events.map((e) => ({ ...e, hasComment: Boolean(e.comment), comment: e.comment ?? '' })),
    isOpen: v.state === 'open',
    canMove: v.state === 'open' && (options.canMove ?? true) && targets.length > 0,
    targets,
    defaultTarget: targets[0]?.value ?? '',
    hasHolderChoice: holderChoices.length > 1,
    holderChoices,
    defaultHolder: holderChoices[0]?.value ?? '',
    moveData: { caseId: v.id, version: v.version, fromStepId: v.stepId },
    commentData: { caseId: v.id, version: v.version },
    showData: { caseId: v.id },
    hasTabLink: Boolean(options.tabLink),
    tabLink: options.tabLink ?? '',
  };
}

export function caseStatusCard(v: CaseView, options: StatusCardOptions = {}): Attachment {
  return renderCard('case-status', caseStatusCardData(v, options));
}

export interface CaseListItem {
  id: string;
  title: string;
  stepName: string;
  holderName: string;
}

const LIST_MAX = 15;

export function caseListCard(heading: string, intro: string | null, items: CaseListItem[], lang: Lang): Attachment {
  const l = caseLabels(lang);
  const shown = items.slice(0, LIST_MAX);
  return renderCard('case-list', {
    heading,
    hasIntro: Boolean(intro),
    intro: intro ?? '',
    items: shown.map((i) => ({ id: i.id, title: i.title, detail: `${i.stepName} · ${i.holderName}` })),
    hasMore: items.length > shown.length,
    more: l.more(items.length - shown.length),
  });
}

export function caseCreateCard(
  lang: Lang,
  org: OrgId,
  processes: Array<{ id: string; name: string }>,
  clusters: Array<{ id: string; name: string }>,
  options: {
    problems?: string[];
    values?: Partial<Record<'title' | 'titleEn' | 'processId' | 'clusters' | 'comment', string>>;
  } = {},
): Attachment {
  const v = options.values ?? {};
  return renderCard('case-create', {
    labels: caseTemplateLabels(lang),
    hasNotice: Boolean(options.problems?.length),
    problems: options.problems?.length ? [caseLabels(lang).invalid, ...options.problems] : [],
    org,
    processes: processes.map((p) => ({ title: p.name, value: p.id })),
    clusters: clusters.map((c) => ({ title: c.name, value: c.id })),
    values: {
      title: v.title ?? '',
      titleEn: v.titleEn ?? '',
      processId: v.processId ?? processes[0]?.id ?? '',
      clusters: v.clusters ?? '',
      comment: v.comment ?? '',
    },
  });
}
