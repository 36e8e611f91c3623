// Text → sparse feature vector, the same for training and for questions: the folded text (case,
// æ→ae, ø→oe, å→aa), word 1–2-grams and character 2–5-grams inside word boundaries, tf-idf weighted
// (sublinear tf) and L2-normalised per block. Character n-grams carry misspellings, inflections and
// compounds ("samarbejdsaftalrne" still shares most of its n-grams with "samarbejdsaftalerne");
// word n-grams carry the phrase ("uden for møder"). Years are removed: the period is chosen from
// them separately, and the matter is the same in every year.
import { foldText, words } from './normalize';

export interface FeatureSettings {
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
  /** Word n-grams up to this length. */
  wordMax: number;
  /** Features seen in fewer training questions than this are not kept. */
  minDf: number;
  /** Weight of the word block against the character block (each is L2-normalised first). */
  wordWeight: number;
}

export const DEFAULT_FEATURES: FeatureSettings = { charMin: 2, charMax: 5, wordMax: 2, minDf: 2, wordWeight: 1 };

export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

const YEAR = /^(19|20)\d\d$/;
/** Words that introduce a year ("i 2015", "in 2017", "fra 2019"): they go with it. */
const BEFORE_YEAR = new Set([
  'i',
  'in',
  'fra',
  'from',
  'since',
  'siden',
  'efter',
  'after',
  'foer',
  'before',
  'until',
  'indtil',
  'til',
  'by',
  'during',
  'aar',
  'year',
  'back',
  'tilbage',
]);

/**
 * The words a question's features are built from: folded, punctuation dropped, years (and the word that introduces one)
 * dropped.
 */
export function featureWords(text: string): string[] {
  const ws = words(foldText(text));
  return ws.filter((w, i) => !YEAR.test(w) && !(BEFORE_YEAR.has(w) && YEAR.test(ws[i + 1] ?? '')));
}

/** Raw feature strings of a text, with counts: "w:…" words, "w2:… …" word pairs, "c:…" character n-grams. */
export function rawFeatures(
  text: string,
  s: FeatureSettings,
): { word: Map<string, number>; char: Map<string, number> } {
  const ws = featureWords(text);
  const word = new Map<string, number>();
  const char = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let n = 1; n <= s.wordMax; n++)
    for (let i = 0; i + n <= ws.length; i++) add(word, `w${n}:${ws.slice(i, i + n).join(' ')}`);
  for (const w of ws) {
    const padded = ` ${w} `;
    for (let n = s.charMin; n <= s.charMax; n++)
      for (let i = 0; i + n <= padded.length; i++) add(char, `c:${padded.slice(i, i + n)}`);
  }
  return { word, char };
}

/** The fitted vocabulary: feature string → index and idf. */
export class Vectorizer {
  constructor(
    readonly settings: FeatureSettings,
    readonly index: Map<string, number>,
    readonly idf: Float64Array,
  ) {}

  static fit(texts: string[], s: FeatureSettings): Vectorizer {
    const df = new Map<string, number>();
    for (const t of texts) {
      const { word, char } = rawFeatures(t, s);
      for (const k of word.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      for (const k of char.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    }
    const kept = [...df.entries()]
      .filter(([, n]) => n >= s.minDf)
      .map(([k]) => k)
      .sort();
    const index = new Map(kept.map((k, i) => [k, i]));
    const idf = new Float64Array(kept.length);
    const n = texts.length;
    kept.forEach((k, i) => (idf[i] = Math.log((1 + n) / (1 + df.get(k)!)) + 1));
    return new Vectorizer(s, index, idf);
  }

  get dim(): number {
    return this.idf.length;
  }

  transform(text: string): SparseVector {
    const { word, char } = rawFeatures(text, this.settings);
    const block = (m: Map<string, number>, weight: number) => {
      const out: Array<[number, number]> = [];
      let norm = 0;
      for (const [k, tf] of m) {
        const i = this.index.get(k);
        if (i === undefined) continue;
        const v = (1 + Math.log(tf)) * this.idf[i]!;
        out.push([i, v]);
        norm += v * v;
      }
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      return out.map(([i, v]) => [i, v * scale] as [number, number]);
    };
    const all = [...block(word, this.settings.wordWeight), ...block(char, 1)].sort((a, b) => a[0] - b[0]);
    return { idx: Int32Array.from(all.map((e) => e[0])), val: Float64Array.from(all.map((e) => e[1])) };
  }

  /** Share of the text's words of 3+ letters whose word feature the vocabulary has never seen. */
  unseenShare(text: string): number {
    const ws = featureWords(text).filter((w) => w.length >= 3);
    if (ws.length === 0) return 1;
    return ws.filter((w) => !this.index.has(`w1:${w}`)).length / ws.length;
  }
}
