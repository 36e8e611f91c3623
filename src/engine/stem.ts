// One stem per folded word, the same for Danish and English inflections: the Danish Snowball
// stemmer first, then the English one on its result. Questions mix languages and the model's terms
// are in both, so one composed stem lets "samarbejdsaftalerne" meet "samarbejdsaftale" and
// "approved" meet "approval" without guessing the language word by word.
import { newStemmer } from 'snowball-stemmers';

const da = newStemmer('danish');
const en = newStemmer('english');
const cache = new Map<string, string>();

export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    // Danish adjectives in -t (administrativt, væsentligt, generelt) meet their other forms.
    const w = word.length > 6 ? word.replace(/(iv|ig|el)t$/, '$1') : word;
    // The Danish stemmer expects æøå; fold back so "foedeplanen" stems like "fødeplanen".
    const d = da.stem(w.replace(/ae/g, 'æ').replace(/oe/g, 'ø').replace(/aa/g, 'å'));
    s = en.stem(d.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa'));
    if (cache.size < 50_000) cache.set(word, s);
  }
  return s;
}
