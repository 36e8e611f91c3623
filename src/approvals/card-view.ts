// The approval card's three views and the data each template binds to:
// - approval-approver: a seat holder (or their active substitute) sees the buttons;
// - approval-readonly: everyone else sees the same facts and the votes so far;
// - approval-decided: once the round is over, everyone sees the outcome with names and times.
// Every view carries a `refresh` Action.Execute (Universal Actions) while the round is open, so
// Teams asks the bot for each listed user's own view.
import { latestVotes } from './vote-rule';
import { seatFor, type Seat } from './eligibility';
import { activeSubstitutionFor } from './substitutes';
import { approvalTexts, formatDate, formatDkk, formatInstant, type ApprovalLang } from './texts';
import type { Approval, Person, Substitution } from './types';
import { localDate } from './working-days';

export type ApprovalView = 'approver' | 'readonly' | 'decided';

export const APPROVAL_TEMPLATES: Record<ApprovalView, string> = {
  approver: 'approval-approver',
  readonly: 'approval-readonly',
  decided: 'approval-decided',
};

/** Verbs the cards send; the Teams handler routes "approval." to this feature. */
export const APPROVAL_VERBS = {
  approve: 'approval.approve',
  reject: 'approval.reject',
  changes: 'approval.changes',
  refresh: 'approval.refresh',
} as const;

/** What the case tells the card about the decision (the case feature supplies it). */
export interface ApprovalSubject {
  caseTitle: string;
  bodyName: string;
  decision: string;
  recommendation: string | null;
  recommendedBy: string | null;
  poolName: string | null;
  poolRemainingDkk: number | null;
  positions: ReadonlyArray<{ party: string; text: string }>;
  documents: ReadonlyArray<{ title: string; url: string }>;
}

export function chooseView(
  approval: Approval,
  viewerAadId: string | null,
  subs: readonly Substitution[],
  now: Date,
): { view: ApprovalView; seat: Seat | null } {
  if (approval.status !== 'open') return { view: 'decided', seat: null };
  const seat = viewerAadId ? seatFor(approval, viewerAadId, subs, localDate(now)) : null;
  return seat ? { view: 'approver', seat } : { view: 'readonly', seat: null };
}

/** Teams wants user MRIs in `refresh.userIds`; before the bot has seen a person, their org MRI. */
export function refreshUserId(p: Person): string {
  return p.teamsUserId ?? `8:orgid:${p.aadObjectId}`;
}

export interface CardInput {
  approval: Approval;
  subject: ApprovalSubject;
  view: ApprovalView;
  seat: Seat | null;
  lang: ApprovalLang;
  substitutes: readonly Substitution[];
  now: Date;
  /** Teams user ids of everyone who should get their own view (seat holders and substitutes). */
  refreshUserIds: readonly string[];
  /** A one-line notice above the card (vote recorded, card was out of date, ...). */
  notice?: string | null;
}

export interface CardData {
  template: string;
  data: Record<string, unknown>;
}

export function approvalCardData(input: CardInput): CardData {
  const { approval, subject, lang, now } = input;
  const t = approvalTexts(lang);
  const today = localDate(now);
  const overBalance =
    approval.amountDkk !== null && subject.poolRemainingDkk !== null && approval.amountDkk > subject.poolRemainingDkk;

  const facts: Array<{ title: string; value: string }> = [
    { title: t.labels.case, value: `${approval.caseId} · ${subject.caseTitle}` },
    { title: t.labels.decides, value: subject.bodyName },
  ];
  if (approval.deadline) facts.push({ title: t.labels.deadline, value: formatDate(approval.deadline, lang) });
  if (approval.amountDkk !== null) facts.push({ title: t.labels.amount, value: formatDkk(approval.amountDkk, lang) });
  if (subject.poolRemainingDkk !== null) {
    facts.push({
      title: `${t.labels.poolBalance}${subject.poolName ? ` (${subject.poolName})` : ''}`,
      value: formatDkk(subject.poolRemainingDkk, lang),
    });
  }

  const votes = approval.votes.map((v) => ({
    who: v.onBehalfOfName ? `${v.voterName} (${t.onBehalfOf(v.onBehalfOfName)})` : v.voterName,
    what: t.choice[v.choice],
    when: formatInstant(v.at, lang),
    comment: v.comment ?? '',
    hasComment: v.comment !== null,
  }));
  const voted = latestVotes(approval.votes);
  const waiting =
    approval.status === 'open' ? approval.approvers.filter((a) => !voted.has(a.aadObjectId)).map((a) => a.name) : [];

  const notes: string[] = [];
  if (approval.status === 'open') {
    for (const seat of approval.approvers) {
      const s = activeSubstitutionFor(seat.aadObjectId, input.substitutes, today);
      if (s) notes.push(t.substituteNote(s.substituteName, seat.name, formatDate(s.to, lang)));
    }
  }

  const action = {
    approvalId: approval.id,
    caseId: approval.caseId,
    stepId: approval.stepId,
    version: approval.version,
  };
  const data: Record<string, unknown> = {
    labels: t.labels,
    lang,
    heading: `${approval.status === 'open' ? t.labels.heading : t.labels.headingDecided}: ${subject.caseTitle}`,
    facts,
    decision: subject.decision,
    recommendation: subject.recommendation ?? '',
    hasRecommendation: subject.recommendation !== null,
    recommendedBy: subject.recommendedBy ? `${t.labels.recommendedBy}: ${subject.recommendedBy}` : '',
    hasRecommendedBy: subject.recommendedBy !== null,
    positions: [...subject.positions],
    hasPositions: subject.positions.length > 0,
    documents: [...subject.documents],
    hasDocuments: subject.documents.length > 0,
    votes,
    hasVotes: votes.length > 0,
    waitingText: waiting.length > 0 ? `${t.labels.waitingFor}: ${waiting.join(', ')}` : '',
    hasWaiting: waiting.length > 0,
    notes,
    hasNotes: notes.length > 0,
    warning: overBalance && approval.status === 'open' ? t.overBalance : '',
    hasWarning: overBalance && approval.status === 'open',
    notice: input.notice ?? '',
    hasNotice: Boolean(input.notice),
    action,
    refreshVerb: APPROVAL_VERBS.refresh,
    refreshUserIds: [...input.refreshUserIds],
    verbs: APPROVAL_VERBS,
  };

  if (input.view === 'approver') {
    const seat = input.seat;
    const own = seat ? voted.get(seat.seat.aadObjectId) : undefined;
    const lines: string[] = [];
    if (seat?.kind === 'substitute') lines.push(t.youVoteAs(seat.seat.name));
    if (own) lines.push(t.yourVote(t.choice[own.choice]));
    data.youText = lines.join(' ');
    data.hasYou = lines.length > 0;
    data.canApprove = !overBalance;
  }

  if (input.view === 'decided') {
    const last = approval.votes[approval.votes.length - 1];
    const lines = [t.status[approval.status]];
    if (approval.decidedAt) lines.push(formatInstant(approval.decidedAt, lang));
    data.outcomeText = lines.join(' · ');
    data.outcomeColor =
      approval.status === 'approved' ? 'Good' : approval.status === 'rejected' ? 'Attention' : 'Warning';
    data.outcomeComment = last?.comment && approval.status !== 'approved' ? last.comment : '';
    data.hasOutcomeComment = Boolean(data.outcomeComment);
  }

  return { template: APPROVAL_TEMPLATES[input.view], data };
}
