// Text folding shared by intent detection and the who-decides engine. Danish letters are folded
// to their ASCII spellings (æ→ae, ø→oe, å→aa) so "Fødeplanudvalget" and "foedeplanudvalget"
// meet; other diacritics are stripped.

const LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Lower case, Danish letters folded, apostrophes dropped, punctuation (but '-') to spaces. */
export function foldText(input: string): string {
  let s = input.toLowerCase().replace(/[æøåäöüß]/g, (c) => LETTERS[c] ?? c);
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/['’`´]/g, '');
  s = s.replace(/[^a-z0-9\- ]+/g, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

/** Words of a folded text; hyphenated words are split, numbers kept. */
export function words(folded: string): string[] {
  return folded.split(/[\s-]+/).filter((w) => w.length > 0);
}

/** A pattern matching any of `alternatives` (regular-expression syntax) as a whole word. */
export function wordsPattern(alternatives: readonly string[], flags = ''): RegExp {
  return new RegExp(`\\b(${alternatives.join('|')})\\b`, flags);
}
