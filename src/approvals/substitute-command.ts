// Reading a substitute command from chat, in Danish or English:
//   "stedfortræder Dorte Jensen fra 1.12 til 15.12", "stedfortræder: Dorte Jensen 1/12-15/12",
//   "substitute Dorte Jensen from 1 December to 15 December 2026", "stop stedfortræder",
//   "hvem er min stedfortræder?". The person is named here and resolved by the directory later.
import { addDays, type IsoDate } from './working-days';
import { regex } from '../common/regex';

export type SubstituteCommand =
  | { kind: 'set'; name: string; from: IsoDate; to: IsoDate }
  | { kind: 'revoke' }
  | { kind: 'show' }
  | { kind: 'invalid'; reason: 'no_name' | 'no_period' | 'bad_date' };

const MONTHS: Record<string, number> = {
  jan: 1,
  januar: 1,
  january: 1,
  feb: 2,
  februar: 2,
  february: 2,
  mar: 3,
  marts: 3,
  march: 3,
  apr: 4,
  april: 4,
  maj: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH_WORDS = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const DATE = [
  String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?`,
  String.raw`|\d{1,2}\.?\s+(?:${MONTH_WORDS})\.?(?:\s+\d{4})?|(?:${MONTH_WORDS})\s+\d{1,2}(?:,?\s+\d{4})?`,
  String.raw`|i\s*dag|idag|today|i\s*morgen|imorgen|tomorrow)`,
].join('');
const PERIOD_RE = new RegExp(
  String.raw`(?:\b(?:fra|from|fra og med)\s+)?(?<from>${DATE})?\s*(?:-|–|til og
    med|til|to|until|indtil)\s*(?<to>${DATE})\s*$`,
  'i',
);

const REVOKE_RE = /\b(stop|fjern|slet|ophæv|ophaev|annuller|afmeld|cancel|remove|end|delete|ingen|no)\b/i;
const SHOW_RE = regex(
  [
    String.raw`^\s*(?:hvem\s+er\s+min|who\s+is\s+my|vis\s+(?:min\s+)?|show\s+(?:my\s+)?|min|my)?\s*`,
    String.raw`(?:stedfortræder|stedfortraeder|substitute|deputy)\s*[?.!]*\s*$`,
  ],
  'i',
);
const KEYWORD_RE = regex(
  [
    String.raw`^\s*(?:(?:sæt|saet|set|name|navngiv|min|my|ny|new)\s+)?`,
    String.raw`(?:stedfortræder|stedfortraeder|substitute|deputy|vikar)\b\s*(?:er|is|:|=|-)?\s*`,
  ],
  'i',
);

/** Reads a date in the user's words, relative to `today` (a date without a year is the next one). */
export function parseUserDate(raw: string, today: IsoDate): IsoDate | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(i ?dag|today)$/.test(s)) return today;
  if (/^(i ?morgen|tomorrow)$/.test(s)) return addDays(today, 1);
  let day: number;
  let month: number;
  let year: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?$/.exec(s)))
    [day, month, year] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null];
  else if ((m = /^(\d{1,2})\.?\s+([a-z]+)\.?(?:\s+(\d{4}))?$/.exec(s)) && MONTHS[m[2]!])
    [day, month, year] = [Number(m[1]), MONTHS[m[2]!]!, m[3] ? Number(m[3]) : null];
  else if ((m = /^([a-z]+)\s+(\d{1,2})(?:,?\s+(\d{4}))?$/.exec(s)) && MONTHS[m[1]!])
    [month, day, year] = [MONTHS[m[1]!]!, Number(m[2]), m[3] ? Number(m[3]) : null];
  else return null;
  if (year !== null && year < 100) year += 2000;
  const thisYear = Number(today.slice(0, 4));
  const make = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let date = make(year ?? thisYear);
  if (year === null && date < today) date = make(thisYear + 1);
  // Reject 31.02 and the like: the date must survive a round trip.
  return addDays(date, 0) === date && month >= 1 && month <= 12 && day >= 1 ? date : null;
}

export function parseSubstituteCommand(text: string, today: IsoDate): SubstituteCommand {
  const line = text.replace(/\s+/g, ' ').trim();
  if (SHOW_RE.test(line)) return { kind: 'show' };
  if (REVOKE_RE.test(line) && !PERIOD_RE.test(line)) return { kind: 'revoke' };
  const rest = line.replace(KEYWORD_RE, '');
  const period = PERIOD_RE.exec(rest);
  if (!period?.groups?.to) {
    return rest.trim().length === 0 ? { kind: 'invalid', reason: 'no_name' } : { kind: 'invalid', reason: 'no_period' };
  }
  const name = rest
    .slice(0, period.index)
    .replace(/\b(fra|from)\s*$/i, '')
    .replace(/[,:;]+\s*$/, '')
    .trim();
  if (name.length === 0) return { kind: 'invalid', reason: 'no_name' };
  const from = period.groups.from ? parseUserDate(period.groups.from, today) : today;
  const to = parseUserDate(period.groups.to, today);
  if (!from || !to) return { kind: 'invalid', reason: 'bad_date' };
  // "15.12 til 5.1" crosses New Year: the end belongs to the year after the start.
  const end = to < from && !/\d{4}/.test(period.groups.to) ? `${Number(to.slice(0, 4)) + 1}${to.slice(4)}` : to;
  return { kind: 'set', name: name.slice(0, 200), from, to: end };
}
