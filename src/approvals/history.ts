// "historik SAG-2026-0007": the case's audit trail as lines a person reads, with the approval
// events (round opened, every vote, reminders, substitutions, outcome) among the case's own.
import type { CaseEvent } from '../cases/model';
import { approvalTexts, formatInstant, type ApprovalLang } from './texts';
import type { VoteChoice } from './types';

const KIND_LABEL: Record<ApprovalLang, Record<string, string>> = {
  da: {
    created: 'Oprettet',
    moved: 'Flyttet',
    sent_back: 'Sendt tilbage',
    closed: 'Afsluttet',
    comment: 'Kommentar',
    imported: 'Importeret',
    positions: 'Holdninger',
    approval_opened: 'Sendt til godkendelse',
    vote: 'Stemme',
    approval_decided: 'Afgjort',
    approval_withdrawn: 'Godkendelsen trukket tilbage',
    reminder: 'Påmindelse',
    substitution: 'Stedfortræder',
  },
  en: {
    created: 'Created',
    moved: 'Moved',
    sent_back: 'Sent back',
    closed: 'Closed',
    comment: 'Comment',
    imported: 'Imported',
    positions: 'Positions',
    approval_opened: 'Sent for approval',
    vote: 'Vote',
    approval_decided: 'Decided',
    approval_withdrawn: 'Approval withdrawn',
    reminder: 'Reminder',
    substitution: 'Substitute',
  },
};

/** Vote lines are stored as "approve" or "reject: comment"; shown in the reader's language. */
function describe(e: CaseEvent, lang: ApprovalLang, stepName: (id: string) => string): string {
  const t = approvalTexts(lang);
  if (e.kind === ('vote' as CaseEvent['kind']) && e.comment) {
    const m = /^(approve|reject|changes)(?::\s*([\s\S]*))?$/.exec(e.comment);
    if (m) return `${t.choice[m[1] as VoteChoice]}${m[2] ? `: ${m[2]}` : ''}`;
  }
  if (e.kind === ('approval_decided' as CaseEvent['kind']) && e.comment && e.comment in t.status) return t.status[e.comment as keyof typeof t.status];
  const move = [e.fromStep, e.toStep].filter((x): x is string => Boolean(x)).map(stepName).join(' → ');
  return [move, e.comment ?? ''].filter(Boolean).join(': ');
}

/** `stepName` turns a step id into the process's name for it in the reader's language. */
export function historyLines(events: readonly CaseEvent[], lang: ApprovalLang, stepName: (id: string) => string = (id) => id): string[] {
  return events.map((e) => {
    const label = KIND_LABEL[lang][e.kind] ?? e.kind;
    const what = describe(e, lang, stepName);
    return `${formatInstant(e.at, lang)} · ${e.actorName} · ${label}${what ? `: ${what}` : ''}`;
  });
}
