// Text the fuzzy title search runs on. Titles and queries are folded the same way (case, Danish
// letters, punctuation); the word index (term-index.ts, trigram matching) then tolerates typos and
// partial words. Both the Danish and the English title are searched, so either language finds it.
import { foldText } from '../engine/normalize';
import type { Case } from './model';

export function caseSearchText(c: Pick<Case, 'title' | 'titleEn'>): string {
  return [foldText(c.title), c.titleEn ? foldText(c.titleEn) : ''].filter(Boolean).join(' | ');
}

/** The distinct words of a case's titles the search index holds; hyphenated words also in parts. */
export function caseTerms(c: Pick<Case, 'title' | 'titleEn'>): string[] {
  const out = new Set<string>();
  for (const w of caseSearchText(c).split(/[\s|]+/)) {
    if (!w) continue;
    out.add(w.slice(0, 100));
    if (w.includes('-')) for (const part of w.split('-')) if (part) out.add(part.slice(0, 100));
  }
  return [...out];
}

const FILLER = /^(?:(?:sagen|sag|case|the|den|det|om|about|on|med|with|status)\s+)+/;

/** A user's case query folded for search; filler words at the start dropped ("sagen om ..."). */
export function foldQuery(query: string): string {
  return foldText(query)
    .replace(FILLER, '')
    .replace(/[\s?.!]+$/, '')
    .trim();
}

const STOPWORDS = new Set([
  'om',
  'i',
  'af',
  'og',
  'til',
  'for',
  'med',
  'paa',
  'den',
  'det',
  'de',
  'en',
  'et',
  'the',
  'of',
  'on',
  'a',
  'an',
  'and',
  'to',
  'in',
  'at',
]);

/**
 * The words a query is scored by. A title must match each of them: the score is the mean of the
 * per-word similarities averaged with the weakest one, so "udviklingsopgave om klima" does not
 * match every development task just because one word does.
 */
export function queryWords(folded: string): string[] {
  const all = folded.split(/[\s|]+/).filter((w) => w.length > 0);
  const significant = all.filter((w) => !STOPWORDS.has(w));
  return (significant.length > 0 ? significant : all).slice(0, 8);
}

/** Scores at or above this are a match; between NEAR and MATCH only "closest titles". */
export const MATCH_SCORE = 0.5;
export const NEAR_SCORE = 0.25;
/** A best hit this far ahead of the runner-up is taken as the answer, else the user chooses. */
export const CLEAR_LEAD = 0.15;
