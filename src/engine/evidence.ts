// Evidence of a governance matter: how strongly the question's own words point at the topic of the
// statement it would be answered with. For each word and word pair of the training texts, the share
// of its occurrences that belong to each topic (a matter, or a body for "who sits in" and reporting
// lines), and how spread they are (entropy in bits). "beredskabspuljen" points almost only at the
// contingency pool: a *specific* term (under SPECIFIC_BITS, less spread than evenly over four
// topics) is evidence on its own. "aftale", "kommune", "hospital" are spread wider: such a term
// counts only together with a second one pointing at the same topic (both under GENERIC_BITS, eight
// topics), so one generic word is never enough; "hvem beslutter" points at nothing. Nothing here is
// set per word: the counts come from the training texts.
import { featureWords } from './features';
import type { StatementKey } from './statements';

/** The topic of a statement: its matter, or the body it is about. */
export function topicOf(key: StatementKey): string {
  if (key.startsWith('m:')) return key.slice(2, key.indexOf('#'));
  return key.slice(2);
}

/** Occurrences added to every word's total: a word seen once is weak evidence even if its topic is clear. */
const PRIOR = 2;
/** Less spread than evenly over four topics: evidence on its own. */
export const SPECIFIC_BITS = 2;
/** As spread as evenly over eight topics or more: no evidence at all. */
export const GENERIC_BITS = 3;

export interface EvidenceTable {
  topics: string[];
  words: string[];
  /** Per word: [topic index, count] pairs, and its total count. */
  counts: Array<Array<[number, number]>>;
  totals: number[];
  /** Per word: the entropy of its topics, in bits. */
  bits: number[];
}

function terms(text: string): string[] {
  const ws = featureWords(text);
  const out = new Set<string>();
  for (let i = 0; i < ws.length; i++) {
    if (ws[i]!.length >= 3) out.add(ws[i]!);
    if (i + 1 < ws.length) out.add(`${ws[i]} ${ws[i + 1]}`);
  }
  return [...out];
}

export function fitEvidence(texts: string[], labels: string[]): EvidenceTable {
  const topicIndex = new Map<string, number>();
  const byWord = new Map<string, Map<number, number>>();
  texts.forEach((t, i) => {
    const label = labels[i]!;
    if (!label.includes(':')) return; // the refusal class has no topic
    const topic = topicOf(label);
    let ti = topicIndex.get(topic);
    if (ti === undefined) topicIndex.set(topic, (ti = topicIndex.size));
    for (const w of terms(t)) {
      const m = byWord.get(w) ?? new Map<number, number>();
      m.set(ti, (m.get(ti) ?? 0) + 1);
      byWord.set(w, m);
    }
  });
  const words = [...byWord.keys()].filter((w) => [...byWord.get(w)!.values()].reduce((a, b) => a + b, 0) >= 2).sort();
  return {
    topics: [...topicIndex.keys()],
    words,
    counts: words.map((w) => [...byWord.get(w)!.entries()].sort((a, b) => a[0] - b[0])),
    totals: words.map((w) => [...byWord.get(w)!.values()].reduce((a, b) => a + b, 0)),
    bits: words.map((w) => {
      const c = [...byWord.get(w)!.values()];
      const n = c.reduce((a, b) => a + b, 0);
      return Math.round(-c.reduce((h, k) => h + (k / n) * Math.log2(k / n), 0) * 1000) / 1000;
    }),
  };
}

export class Evidence {
  private readonly wordIndex: Map<string, number>;
  private readonly topicIndex: Map<string, number>;

  constructor(readonly table: EvidenceTable) {
    this.wordIndex = new Map(table.words.map((w, i) => [w, i]));
    this.topicIndex = new Map(table.topics.map((t, i) => [t, i]));
  }

  /**
   * The strongest pointer among the question's words at the statement's topic, 0..1, and the word:
   * from a specific term, or else from a less specific one when a second term points at the topic too.
   */
  of(text: string, key: StatementKey): { value: number; word?: string } {
    const ti = this.topicIndex.get(topicOf(key));
    if (ti === undefined) return { value: 0 };
    let strong: { value: number; word?: string } = { value: 0 };
    let loose: { value: number; word?: string } = { value: 0 };
    let looseTerms = 0;
    for (const w of terms(text)) {
      const wi = this.wordIndex.get(w);
      if (wi === undefined || this.table.bits[wi]! >= GENERIC_BITS) continue;
      const c = this.table.counts[wi]!.find((e) => e[0] === ti)?.[1] ?? 0;
      if (c === 0) continue;
      const v = c / (this.table.totals[wi]! + PRIOR);
      if (this.table.bits[wi]! < SPECIFIC_BITS) {
        if (v > strong.value) strong = { value: v, word: w };
      } else {
        looseTerms++;
        if (v > loose.value) loose = { value: v, word: w };
      }
    }
    if (strong.word) return strong;
    return looseTerms >= 2 ? loose : { value: 0 };
  }
}
