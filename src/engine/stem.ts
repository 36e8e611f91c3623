// Danish and English Snowball stemmers over folded words. A word gets both stems: questions mix
// languages ("hvem approver budgettet?") and the model's terms are in both, so matching on either
// stem is both simpler and more forgiving than guessing the language word by word.
import { newStemmer } from 'snowball-stemmers';

const da = newStemmer('danish');
const en = newStemmer('english');
const cache = new Map<string, readonly string[]>();

/** The one stem used for matching: the shorter of the two, so English and Danish inflections meet. */
export function stem(word: string): string {
  const [a, b] = stems(word);
  return b !== undefined && b.length < a!.length ? b : a!;
}

/** Stems of a folded word (one or two distinct strings). Cached: the vocabulary is small. */
export function stems(word: string): readonly string[] {
  let s = cache.get(word);
  if (!s) {
    // The Danish stemmer expects æøå; fold back so "foedeplanen" stems like "fødeplanen".
    const d = fold(da.stem(word.replace(/ae/g, 'æ').replace(/oe/g, 'ø').replace(/aa/g, 'å')));
    const e = en.stem(word);
    s = d === e ? [d] : [d, e];
    if (cache.size < 50_000) cache.set(word, s);
  }
  return s;
}

function fold(w: string): string {
  return w.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
}
