// A case's history in words, the same everywhere it is shown (the status card's latest events,
// "historik SAG-..."): every kind a feature writes into the history, including the approvals'
// (round opened, votes, outcome, card deliveries, reminders, substitutes), gets a label from the
// catalogue; raw kinds, step ids and encoded comments never reach the reader.
import { formatInstant } from '../approvals/texts';
import type { WaitingReason } from '../approvals/ports';
import type { ApprovalStatus, VoteChoice } from '../approvals/types';
import type { Lang } from '../common/ids';
import { texts } from '../texts/catalogue';
import type { CaseEvent } from './model';

/** How a card delivery is stored in an event's comment (language-neutral; rendered here). */
export interface DeliveryNote {
  /** `name`: the body's id for a body copy (named in the reader's language), the person's name otherwise. */
  targets: Array<{ kind: 'body' | 'personal'; name: string; reason?: WaitingReason }>;
}

export function encodeDelivery(note: DeliveryNote): string {
  return JSON.stringify(note);
}

function decodeDelivery(comment: string | null): DeliveryNote | null {
  try {
    const v = JSON.parse(comment ?? '') as DeliveryNote;
    return Array.isArray(v?.targets) ? v : null;
  } catch {
    return null;
  }
}

export interface EventLine {
  /** Copenhagen date and time. */
  at: string;
  who: string;
  label: string;
  detail: string;
}

const VOTE = /^(approve|reject|changes)(?::\s*([\s\S]*))?$/;

/** Names of the process's steps and the organisation's bodies, in the reader's language. */
export interface HistoryNames {
  step(id: string): string;
  body(id: string): string;
}

export function describeEvent(e: CaseEvent, lang: Lang, names: HistoryNames): EventLine {
  const t = texts(lang);
  const label = t.history.labels[e.kind] ?? t.history.other;
  const who = e.actorId === 'system' ? t.history.system : e.actorName;
  return { at: formatInstant(e.at, lang), who, label, detail: detailOf(e, lang, names) };
}

function detailOf(e: CaseEvent, lang: Lang, names: HistoryNames): string {
  const t = texts(lang);
  const a = t.approvals;
  switch (e.kind) {
    case 'vote': {
      const m = VOTE.exec(e.comment ?? '');
      if (m) return `${a.choice[m[1] as VoteChoice]}${m[2] ? `: ${m[2]}` : ''}`;
      return e.comment ?? '';
    }
    case 'approval_decided':
      return e.comment && e.comment in a.status ? a.status[e.comment as ApprovalStatus] : '';
    case 'cards_delivered':
    case 'cards_waiting': {
      const note = decodeDelivery(e.comment);
      if (!note) return '';
      const where = (x: DeliveryNote['targets'][number]) =>
        x.kind === 'body' ? a.delivery.bodyConversation(names.body(x.name)) : a.delivery.personalChat(x.name);
      if (e.kind === 'cards_delivered') return note.targets.map(where).join(', ');
      return note.targets.map((x) => `${where(x)}: ${x.reason ? a.delivery.reason[x.reason] : ''}`).join('; ');
    }
    default: {
      const move = [e.fromStep, e.toStep]
        .filter((x): x is string => Boolean(x))
        .map((id) => (id === 'closed' ? t.history.labels.closed! : names.step(id)))
        .join(' → ');
      return [move, e.comment ?? ''].filter(Boolean).join(': ');
    }
  }
}

/** "26.11.2026 10.00 · Anne Regionsen · Stemme: Godkendt". */
export function historyLine(l: EventLine): string {
  return `${l.at} · ${l.who} · ${l.label}${l.detail ? `: ${l.detail}` : ''}`;
}

/** The whole history as lines, oldest first ("historik SAG-..."). */
export function historyLines(events: readonly CaseEvent[], lang: Lang, names: HistoryNames): string[] {
  return events.map((e) => historyLine(describeEvent(e, lang, names)));
}
