// Every phrase of the approvals feature, in Danish and English. Cards bind to `labels.*`; the
// functions build the sentences that carry names, dates and amounts.
import type { ApprovalStatus, VoteChoice } from './types';

export type ApprovalLang = 'da' | 'en';

const da = {
  labels: {
    heading: 'Til godkendelse',
    headingDecided: 'Afgjort',
    case: 'Sag',
    decides: 'Beslutter',
    decision: 'Der skal tages stilling til',
    recommendation: 'Indstilling',
    recommendedBy: 'Indstillet af',
    amount: 'Beløb',
    poolBalance: 'Tilbage i puljen',
    deadline: 'Frist',
    positions: 'Forskellige holdninger',
    documents: 'Dokumenter',
    votes: 'Stemmer',
    noVotes: 'Ingen har stemt endnu.',
    waitingFor: 'Venter på',
    comment: 'Kommentar (krævet ved afvisning og ønske om ændringer)',
    commentPlaceholder: 'Skriv en kommentar',
    approve: 'Godkend',
    reject: 'Afvis',
    changes: 'Bed om ændringer',
    readonlyNote: 'Du kan følge sagen her. Kun beslutningstagerne kan stemme.',
    outcome: 'Resultat',
    refresh: 'Opdater',
  },
  choice: { approve: 'Godkendt', reject: 'Afvist', changes: 'Bedt om ændringer' } as Record<VoteChoice, string>,
  status: {
    open: 'Afventer',
    approved: 'Godkendt',
    rejected: 'Afvist',
    changes_requested: 'Sendt tilbage med ønske om ændringer',
    withdrawn: 'Trukket tilbage: sagen er flyttet',
  } as Record<ApprovalStatus, string>,
  onBehalfOf: (name: string) => `som stedfortræder for ${name}`,
  substituteNote: (sub: string, principal: string, to: string) => `${sub} er stedfortræder for ${principal} til og med ${to} og kan stemme i stedet.`,
  youVoteAs: (principal: string) => `Du stemmer som stedfortræder for ${principal}.`,
  yourVote: (choice: string) => `Din stemme: ${choice}. Du kan ændre den, indtil sagen er afgjort.`,
  overBalance: 'Beløbet er større end det, der er tilbage i puljen: udgiften kan ikke godkendes.',
  outOfDate: 'Kortet var forældet. Her er den aktuelle status.',
  notAllowed: 'Du er ikke blandt dem, der træffer denne beslutning, så du kan ikke stemme. Intet er ændret.',
  alreadyDecided: 'Sagen er allerede afgjort, så stemmen kan ikke ændres.',
  commentRequired: 'Skriv en kommentar, når du afviser eller beder om ændringer.',
  exceedsPool: (remaining: string) => `Udgiften kan ikke godkendes: der er kun ${remaining} tilbage i puljen.`,
  voteRecorded: (choice: string) => `Din stemme er registreret: ${choice}.`,
  duplicate: (choice: string) => `Din stemme var allerede registreret: ${choice}.`,
  notFound: 'Den godkendelse findes ikke (længere).',
  kr: 'kr.',
};

export type ApprovalTexts = typeof da;

const en: ApprovalTexts = {
  labels: {
    heading: 'For approval',
    headingDecided: 'Decided',
    case: 'Case',
    decides: 'Decides',
    decision: 'To be decided',
    recommendation: 'Recommendation',
    recommendedBy: 'Recommended by',
    amount: 'Amount',
    poolBalance: 'Left in the pool',
    deadline: 'Deadline',
    positions: 'Diverging positions',
    documents: 'Documents',
    votes: 'Votes',
    noVotes: 'Nobody has voted yet.',
    waitingFor: 'Waiting for',
    comment: 'Comment (required to reject or ask for changes)',
    commentPlaceholder: 'Write a comment',
    approve: 'Approve',
    reject: 'Reject',
    changes: 'Ask for changes',
    readonlyNote: 'You can follow the case here. Only the decision makers can vote.',
    outcome: 'Outcome',
    refresh: 'Refresh',
  },
  choice: { approve: 'Approved', reject: 'Rejected', changes: 'Asked for changes' },
  status: {
    open: 'Pending',
    approved: 'Approved',
    rejected: 'Rejected',
    changes_requested: 'Sent back with a request for changes',
    withdrawn: 'Withdrawn: the case has moved on',
  },
  onBehalfOf: (name) => `as substitute for ${name}`,
  substituteNote: (sub, principal, to) => `${sub} stands in for ${principal} until ${to} and may vote in their place.`,
  youVoteAs: (principal) => `You vote as substitute for ${principal}.`,
  yourVote: (choice) => `Your vote: ${choice}. You can change it until the case is decided.`,
  overBalance: 'The amount is more than what is left in the pool: the expense cannot be approved.',
  outOfDate: 'This card was out of date. Here is the current state.',
  notAllowed: 'You are not one of the people who take this decision, so you cannot vote. Nothing has changed.',
  alreadyDecided: 'The case has already been decided, so the vote cannot be changed.',
  commentRequired: 'Please write a comment when you reject or ask for changes.',
  exceedsPool: (remaining) => `The expense cannot be approved: only ${remaining} is left in the pool.`,
  voteRecorded: (choice) => `Your vote is recorded: ${choice}.`,
  duplicate: (choice) => `Your vote was already recorded: ${choice}.`,
  notFound: 'That approval does not exist (any more).',
  kr: 'DKK',
};

export function approvalTexts(lang: ApprovalLang): ApprovalTexts {
  return lang === 'en' ? en : da;
}

const ZONE = 'Europe/Copenhagen';

export function formatDkk(amount: number, lang: ApprovalLang): string {
  const n = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 0 }).format(amount);
  return lang === 'en' ? `DKK ${n}` : `${n} kr.`;
}

/** "26.11.2026" / "26 Nov 2026" from a calendar date. */
export function formatDate(isoDate: string, lang: ApprovalLang): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', { timeZone: ZONE, day: 'numeric', month: lang === 'en' ? 'short' : 'numeric', year: 'numeric' }).format(d);
}

/** Date and time in Copenhagen for an ISO instant. */
export function formatInstant(iso: string, lang: ApprovalLang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', {
    timeZone: ZONE,
    day: 'numeric',
    month: lang === 'en' ? 'short' : 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
