// What the message extension inserts: the case status card and the who-decides answer card made
// read-only (no forms: the readers of a channel message are not the ones to move the case) and
// carrying a Universal Actions `refresh`, so a reader opening the message later sees the case as it
// stands now. Every result has a thumbnail preview for the results list. Layout stays in cards/.
import { CardFactory, type Attachment } from 'botbuilder';
import type { Answer, Lang, OrgId, WhoDecidesDetail } from '../../assistant/answer';
import type { CaseView } from '../../cases/view';
import { texts } from '../../texts/catalogue';
import { expandCard, renderCard } from '../cards';
import { caseLabels, caseTemplateLabels } from './case-labels';
import { answerCardData } from './answer';
import { caseStatusCardData, type Notice } from './case-cards';

/** The refresh verbs the message-extension handler answers (its verb prefix is "ext."). */
export const EXT_VERBS = { case: 'ext.case', answer: 'ext.answer' } as const;

/** One item of a composeExtension result: the card to insert and its preview in the list. */
export type ExtensionAttachment = Attachment & { preview: Attachment };

function withRefresh(card: Record<string, unknown>, verb: string, data: Record<string, unknown>, title: string) {
  // No userIds: Teams then refreshes for every reader of a conversation up to 60 members, the
  // others get the card as sent and can open the tab.
  return { ...card, refresh: { action: { type: 'Action.Execute', title, verb, data } } };
}

function preview(title: string, text: string): Attachment {
  return CardFactory.thumbnailCard(title.slice(0, 200), text.slice(0, 300));
}

/** The status card as the message extension shares it: facts and progress, no forms. */
export function sharedCaseCard(v: CaseView, options: { notice?: Notice; openUrl?: string } = {}): Attachment {
  const data = { ...caseStatusCardData(v, { notice: options.notice, canMove: false }), isOpen: false };
  const card = expandCard('case-status', data);
  const l = caseLabels(v.lang);
  // The template's own refresh button would bring the editable card; the shared one only links out.
  card.actions = options.openUrl
    ? [{ type: 'Action.OpenUrl', title: texts(v.lang).messageExtension.openInTab, url: options.openUrl }]
    : [];
  return CardFactory.adaptiveCard(withRefresh(card, EXT_VERBS.case, { caseId: v.id }, l.refresh));
}

/** What a search result needs of a case: no history, so 25 of them cost one search, not 50 queries. */
export interface CaseBrief {
  id: string;
  title: string;
  processName: string;
  stepName: string;
  holderName: string;
  closed: boolean;
  lang: Lang;
}

/**
 * A search result's card: id, process, title and where the case stands, plus the same refresh as
 * the full card, so once the message is read Teams swaps in the full read-only status card.
 */
export function briefCaseResult(b: CaseBrief, openUrl?: string): ExtensionAttachment {
  const l = caseLabels(b.lang);
  const t = texts(b.lang).messageExtension;
  const facts = b.closed
    ? [{ title: l.stateFact, value: l.closed }]
    : [{ title: l.holderFact, value: `${b.holderName} · ${b.stepName}` }];
  const card = expandCard('case-brief', { id: b.id, title: b.title, processName: b.processName, facts });
  card.actions = openUrl ? [{ type: 'Action.OpenUrl', title: t.openInTab, url: openUrl }] : [];
  const state = b.closed ? t.closedCase : `${b.stepName} · ${b.holderName}`;
  return {
    ...CardFactory.adaptiveCard(withRefresh(card, EXT_VERBS.case, { caseId: b.id }, l.refresh)),
    preview: preview(`${b.id} · ${b.title}`, state),
  };
}

/**
 * A case link unfurled for someone who does not use the app (Teams' zero-install unfurling sends
 * an anonymised user): the case id from the link and a way in, nothing read from the store, so a
 * guest or an outside participant learns neither a title nor whether the case exists.
 */
export function anonymousCaseResult(caseId: string, lang: Lang, openUrl?: string): ExtensionAttachment {
  const t = texts(lang).messageExtension;
  const { title, text } = t.anonymousCase(caseId);
  const card = expandCard('case-link-anonymous', {
    title,
    text,
    hasLink: openUrl !== undefined,
    linkTitle: t.openInTab,
    link: openUrl ?? '',
  });
  return { ...CardFactory.adaptiveCard(card), preview: preview(title, text) };
}

export function caseResult(v: CaseView, openUrl?: string): ExtensionAttachment {
  const state = v.state === 'closed' ? texts(v.lang).messageExtension.closedCase : `${v.stepName} · ${v.holder.name}`;
  return { ...sharedCaseCard(v, { openUrl }), preview: preview(`${v.id} · ${v.title}`, state) };
}

/** The answer card with a refresh that asks the same question again (the model may have changed). */
export function sharedAnswerCard(answer: Answer, detail: WhoDecidesDetail, question: string, org: OrgId): Attachment {
  const card = renderCard('who-decides-answer', answerCardData(answer, detail)).content as Record<string, unknown>;
  const title = caseLabels(answer.lang).refresh;
  return CardFactory.adaptiveCard(
    withRefresh(card, EXT_VERBS.answer, { question: question.slice(0, 500), org }, title),
  );
}

export function answerResult(
  answer: Answer,
  detail: WhoDecidesDetail,
  question: string,
  org: OrgId,
): ExtensionAttachment {
  const bodies = detail.bodies.map((b) => b.name).join(', ');
  return {
    ...sharedAnswerCard(answer, detail, question, org),
    preview: preview(detail.matterTitle, texts(answer.lang).messageExtension.answerPreview(bodies)),
  };
}

export interface CreateFormValues {
  title?: string;
  processId?: string;
  clusters?: string;
  description?: string;
}

/** The "Opret sag fra besked" dialog: the message's text as description, process and clusters to pick. */
export function caseFromMessageCard(
  lang: Lang,
  org: OrgId,
  processes: Array<{ id: string; name: string }>,
  clusters: Array<{ id: string; name: string }>,
  values: CreateFormValues,
  problems: string[] = [],
): Attachment {
  const ext: Record<string, string> = {};
  for (const [k, v] of Object.entries(texts(lang).messageExtension)) if (typeof v === 'string') ext[k] = v;
  return renderCard('case-from-message', {
    labels: caseTemplateLabels(lang),
    ext,
    hasNotice: problems.length > 0,
    problems: problems.length ? [caseLabels(lang).invalid, ...problems] : [],
    org,
    processes: processes.map((p) => ({ title: p.name, value: p.id })),
    clusters: clusters.map((c) => ({ title: c.name, value: c.id })),
    values: {
      title: values.title ?? '',
      processId: values.processId ?? processes[0]?.id ?? '',
      clusters: values.clusters ?? '',
      description: values.description ?? '',
    },
  });
}
