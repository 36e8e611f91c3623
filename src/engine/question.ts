// What a question says besides its topic: its language, a year, a region.
import type { Lang, OrgId } from '../assistant/answer';
import { orgInText } from '../assistant/intent';
import { NearWords } from './spelling';
import { wordsPattern } from './normalize';

const DA_WORDS = wordsPattern(
  [
    'hvem',
    'hvad',
    'hvilke[nt]?',
    'hvor',
    'hvornaar',
    'hvordan',
    'hvorfor',
    'og',
    'eller',
    'af',
    'til',
    'fra',
    'paa',
    'om',
    'den',
    'det',
    'der',
    'som',
    'er',
    'var',
    'har',
    'havde',
    'skal',
    'kan',
    'maa',
    'beslutter',
    'godkender',
    'ikke',
    'sager',
    'sagen',
    'klyngerne',
    'mellem',
    'uden',
    'ved',
    'med',
    'en',
    'et',
    'vi',
    'jeg',
    'sidder',
    'nu',
    'dengang',
    'hos',
    'egentlig',
  ],
  'g',
);
const EN_WORDS = wordsPattern(
  [
    'who',
    'what',
    'which',
    'where',
    'when',
    'how',
    'why',
    'and',
    'or',
    'of',
    'to',
    'from',
    'on',
    'the',
    'is',
    'are',
    'was',
    'were',
    'has',
    'have',
    'had',
    'must',
    'can',
    'does',
    'do',
    'did',
    'decides?',
    'approves?',
    'not',
    'cases?',
    'clusters?',
    'between',
    'outside',
    'by',
    'an?',
    'in',
    'we',
    'sits?',
    'now',
    'back',
    'then',
    'actually',
  ],
  'g',
);

/**
 * The language the text is written in, or undefined when it does not tell ("SSG?", "ok"). Danish
 * letters decide at once; otherwise the function words of each language are counted.
 */
export function readLang(raw: string): Lang | undefined {
  if (/[æøå]/i.test(raw)) return 'da';
  const t = raw.toLowerCase();
  const da = (t.match(DA_WORDS) ?? []).length;
  const en = (t.match(EN_WORDS) ?? []).length;
  if (da === en) return undefined;
  return en > da ? 'en' : 'da';
}

/** The question's language: the text first, then the hint (the Teams locale), then Danish. */
export function detectLang(raw: string, hint?: Lang): Lang {
  return readLang(raw) ?? hint ?? 'da';
}

/** A year the question names ("i 2015", "in 2017"), within the range the documents could cover. */
export function detectYear(folded: string): number | undefined {
  const m = /\b(19[89]\d|20\d\d)\b/.exec(folded);
  return m ? Number(m[1]) : undefined;
}

/** Region names as people misspell them ("Nordjyland", "Midtjyland") still name the region. */
const ORG_NAMES = new NearWords(['nordjylland', 'midtjylland', 'nordjyske', 'midtjyske']);

export function detectOrg(folded: string): OrgId | undefined {
  const exact = orgInText(folded);
  if (exact) return exact;
  for (const w of folded.split(' ')) {
    if (w.length < 8) continue;
    const n = ORG_NAMES.nearest(w);
    if (n) return n.startsWith('nord') ? 'nord' : 'midt';
  }
  return undefined;
}

const RECOMMENDING = String.raw`(?:indstill\w*|anbefal\w*|recommend\w*|propos\w*|submit\w*|foresl\w*)`;
/** The end of a question, after an optional year ("... indstillet til (2019)?"). */
const END = String.raw`(?:\s+(?:19|20)\d\d)?\s*$`;
/**
 * "Whom does X recommend to?", "hvem indstiller X til?", "hvem kan det anbefale at tage sagen op?":
 * the question asks for the body that receives a recommendation, not the one that makes it.
 */
const TO_WHOM = [
  new RegExp(String.raw`\bto whom\b|\bwhom\b.*\b${RECOMMENDING}|\b${RECOMMENDING}\b.*\bto${END}`),
  new RegExp(String.raw`\btil hvem\b|\bhvem\b.*\b${RECOMMENDING}\b.*\btil${END}|\bhvem\b.*\b${RECOMMENDING}\s+at\b`),
];

/** Whether a folded question asks to whom a body recommends or submits, rather than who does. */
export function asksRecipient(folded: string): boolean {
  return TO_WHOM.some((re) => re.test(folded));
}

/**
 * "Hvem deltager ... ud over de to sundhedsdirektører fra PPU?", "Besides the directors from FU, who
 * else ...?": the words after the marker, up to the end of the clause, name bodies the asker already
 * knows about and wants left out of the answer. Read on the raw text, whose punctuation ends the clause.
 */
const BESIDES_MARKERS = 'ud ?over|foruden|bortset fra|besides|apart from|aside from|other than|in addition to';
const BESIDES = new RegExp(String.raw`(?:^|[^\p{L}])(?:${BESIDES_MARKERS})(?=[^\p{L}])([^,;:?!.()–]*)`, 'iu');

/** The clause a "besides ..." names, or undefined when the question has none. */
export function besidesClause(raw: string): string | undefined {
  const m = BESIDES.exec(raw);
  const clause = m?.[1]?.trim();
  return clause ? clause : undefined;
}
