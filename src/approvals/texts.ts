// The approvals feature's phrases live in the one catalogue (src/texts, section `approvals`);
// this module keeps the number and date formats they use (Copenhagen time).
import type { Lang } from '../common/ids';
import { texts, type Texts } from '../texts/catalogue';

export type ApprovalLang = Lang;
export type ApprovalTexts = Texts['approvals'];

export function approvalTexts(lang: ApprovalLang): ApprovalTexts {
  return texts(lang).approvals;
}

const ZONE = 'Europe/Copenhagen';

export function formatDkk(amount: number, lang: ApprovalLang): string {
  const n = new Intl.NumberFormat(texts(lang).locale, { maximumFractionDigits: 0 }).format(amount);
  return texts(lang).approvals.amount(n);
}

/** "26.11.2026" / "26 Nov 2026" from a calendar date. */
export function formatDate(isoDate: string, lang: ApprovalLang): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(texts(lang).locale, {
    timeZone: ZONE,
    day: 'numeric',
    month: texts(lang).monthStyle,
    year: 'numeric',
  }).format(d);
}

/** One formatter per language: making one costs far more than formatting (5 per case card). */
const instantFormats = new Map<ApprovalLang, Intl.DateTimeFormat>();

/** Date and time in Copenhagen for an ISO instant. */
export function formatInstant(iso: string, lang: ApprovalLang): string {
  let f = instantFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(texts(lang).locale, {
      timeZone: ZONE,
      day: 'numeric',
      month: texts(lang).monthStyle,
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    instantFormats.set(lang, f);
  }
  return f.format(new Date(iso));
}
