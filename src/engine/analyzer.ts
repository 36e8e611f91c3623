// Turns text into match tokens, the same way for the model's terms and for questions:
// fold → words → (questions only: typo and compound repair against the model's vocabulary) →
// body aliases to body tokens ("@ssg") → drop function words → stems, with synonym groups
// collapsed to one concept token ("~3").
import { foldText, words } from './normalize';
import { stem } from './stem';
import { GENERIC_WORDS, STOPWORDS, SYNONYM_GROUPS } from './lexicon';

export interface AliasPhrase {
  words: string[];
  body: string;
  /** Stems of `words`: "Sundhedsstyregruppens møder" names the steering group too. */
  stems?: string[];
}

/** Vocabulary shared by all periods: what a question's words are repaired against. */
export class Vocabulary {
  readonly rawWords = new Set<string>();
  readonly stemSet = new Set<string>();
  private readonly synonym = new Map<string, string>();
  /** SymSpell-style deletion index: a word with one or two letters deleted → the vocabulary words. */
  private readonly deletes = new Map<string, string[]>();

  constructor() {
    SYNONYM_GROUPS.forEach((group, i) => {
      for (const w of group) {
        for (const f of words(foldText(w))) {
          this.synonym.set(f, `~${i}`);
          this.synonym.set(stem(f), `~${i}`);
        }
      }
    });
  }

  addText(text: string): void {
    for (const w of words(foldText(text))) this.addWord(w);
  }

  private addWord(w: string): void {
    if (this.rawWords.has(w) || STOPWORDS.has(w) || /^\d+$/.test(w)) return;
    this.rawWords.add(w);
    this.stemSet.add(stem(w));
    if (w.length < 4) return;
    for (const d of deletions(w, w.length >= 9 ? 2 : 1)) {
      const list = this.deletes.get(d);
      if (list) list.push(w);
      else this.deletes.set(d, [w]);
    }
  }

  knows(w: string): boolean {
    return this.rawWords.has(w) || this.stemSet.has(stem(w)) || this.synonym.has(w);
  }

  /** Concept token for a word or its stem, if it belongs to a synonym group. */
  conceptOf(w: string): string | undefined {
    return this.synonym.get(w) ?? this.synonym.get(stem(w));
  }

  /** The closest vocabulary word within edit distance 1 (2 for long words), if exactly one is closest. */
  correct(w: string): string | undefined {
    if (w.length < 4) return undefined;
    if (this.corrections.has(w)) return this.corrections.get(w);
    const c = this.computeCorrection(w);
    if (this.corrections.size < 20_000) this.corrections.set(w, c);
    return c;
  }

  private readonly corrections = new Map<string, string | undefined>();

  private computeCorrection(w: string): string | undefined {
    const max = w.length >= 9 ? 2 : 1;
    const candidates = new Set<string>();
    for (const d of [w, ...deletions(w, max)]) for (const c of this.deletes.get(d) ?? []) candidates.add(c);
    if (this.rawWords.has(w)) return w;
    let best: string | undefined;
    let bestD = max + 1;
    let tie = false;
    for (const c of candidates) {
      const dist = damerau(w, c, max);
      if (dist < bestD) {
        best = c;
        bestD = dist;
        tie = false;
      } else if (dist === bestD && c !== best) {
        // Two equally close words: prefer one sharing the first letter; otherwise stay unsure.
        if (best && best[0] !== w[0] && c[0] === w[0]) best = c;
        else if (!(best && best[0] === w[0] && c[0] !== w[0])) tie = true;
      }
    }
    return bestD <= max && !tie ? best : undefined;
  }

  /** A misspelt function word ("wich", "hvme") is a function word: it must not count as a topic. */
  correctFunctionWord(w: string): string | undefined {
    if (w.length < 4 || w.length > 8) return undefined;
    return FUNCTION_WORDS.nearest(w);
  }

  /** Splits a Danish compound into two known parts ("udgiftsafholdelse" → udgift + afholdelse). */
  splitCompound(w: string): [string, string] | undefined {
    if (w.length < 8) return undefined;
    for (let i = w.length - 3; i >= 3; i--) {
      const right = w.slice(i);
      if (!this.knowsStem(right)) continue;
      let left = w.slice(0, i);
      if (this.knowsStem(left)) return [left, right];
      if ((left.endsWith('s') || left.endsWith('e')) && left.length > 3 && this.knowsStem(left.slice(0, -1))) {
        left = left.slice(0, -1);
        return [left, right];
      }
    }
    return undefined;
  }

  private knowsStem(part: string): boolean {
    return part.length >= 3 && !STOPWORDS.has(part) && (this.rawWords.has(part) || this.stemSet.has(stem(part)));
  }
}

/**
 * Words within one edit of a fixed list, found through a deletion index (SymSpell) instead of
 * comparing against every word: a question costs a few map look-ups per word.
 */
export class NearWords {
  private readonly byDeletion = new Map<string, string[]>();
  private readonly words: Set<string>;

  constructor(list: Iterable<string>) {
    this.words = new Set(list);
    for (const w of this.words) {
      for (const d of [w, ...deletions(w, 1)]) {
        const l = this.byDeletion.get(d);
        if (l) l.push(w);
        else this.byDeletion.set(d, [w]);
      }
    }
  }

  has(w: string): boolean {
    return this.words.has(w);
  }

  /** The list word within one edit (insert, delete, substitute, swap) of `w`, if there is one. */
  nearest(w: string): string | undefined {
    if (this.words.has(w)) return w;
    const seen = new Set<string>();
    for (const d of [w, ...deletions(w, 1)]) {
      for (const c of this.byDeletion.get(d) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        if (damerau(w, c, 1) <= 1) return c;
      }
    }
    return undefined;
  }
}

// Only true function words: a near-miss of a common word ("kage" ~ "tage") may well be a topic.
const FUNCTION_WORDS = new NearWords([...STOPWORDS].filter((w) => w.length >= 4));

function deletions(w: string, depth: number): Set<string> {
  const out = new Set<string>();
  let frontier = [w];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const x of frontier) {
      for (let i = 0; i < x.length; i++) {
        const y = x.slice(0, i) + x.slice(i + 1);
        if (!out.has(y)) {
          out.add(y);
          next.push(y);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped. */
export function damerau(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

export interface Analysis {
  /** Match tokens: stems, concept tokens (~n) and body tokens (@id). */
  tokens: string[];
  /** Words the vocabulary does not know even after repair (they lower the confidence). */
  unknown: string[];
  /** Repairs made, for the explanation ("sundhedstyregruppen → sundhedsstyregruppen"). */
  repairs: string[];
  bodies: string[];
}

/**
 * Analyses folded text. `repair` is for questions: unknown words are spelled against the vocabulary
 * and compounds are split. Alias phrases (longest first) become body tokens.
 */
export function analyze(text: string, vocab: Vocabulary, aliases: AliasPhrase[], repair: boolean): Analysis {
  const raw = words(foldText(text));
  const fixed: string[] = [];
  const repairs: string[] = [];
  for (const w of raw) {
    if (!repair || isNeutral(w) || /^\d+$/.test(w) || vocab.knows(w) || isAliasWord(w, aliases)) {
      fixed.push(w);
      continue;
    }
    const sw = vocab.correctFunctionWord(w);
    if (sw) {
      fixed.push(sw);
      continue;
    }
    const c = vocab.correct(w);
    if (c) {
      fixed.push(c);
      repairs.push(`${w} → ${c}`);
    } else fixed.push(w);
  }

  const tokens: string[] = [];
  const unknown: string[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < fixed.length; ) {
    const hit = matchAlias(fixed, i, aliases);
    if (hit) {
      tokens.push(`@${hit.body}`);
      bodies.push(hit.body);
      i += hit.words.length;
      continue;
    }
    const w = fixed[i++]!;
    if (isNeutral(w)) continue;
    if (/^\d+$/.test(w)) {
      tokens.push(w);
      continue;
    }
    const concept = vocab.conceptOf(w);
    const known = concept !== undefined || vocab.knows(w);
    if (concept) tokens.push(concept);
    else if (!repair || known) tokens.push(stem(w));
    // The model's terms give their compounds' parts too ("samarbejdsaftaler" also says "aftale"); a
    // question's word is split only when the model does not know it whole, so a known compound
    // ("sundhedsaftalen") counts once and not three times.
    const parts = w.length >= 8 && (!repair || !known) ? vocab.splitCompound(w) : undefined;
    if (parts) for (const p of parts) tokens.push(vocab.conceptOf(p) ?? stem(p));
    else if (repair && !known) unknown.push(w);
  }
  return { tokens, unknown, repairs, bodies };
}

/** Function words and common words that say nothing about the topic, on both sides of a match. */
function isNeutral(w: string): boolean {
  return STOPWORDS.has(w) || GENERIC_WORDS.has(w);
}

function isAliasWord(w: string, aliases: AliasPhrase[]): boolean {
  const s = stem(w);
  return aliases.some((a) => a.words.includes(w) || (a.stems ?? []).includes(s));
}

function matchAlias(ws: string[], i: number, aliases: AliasPhrase[]): AliasPhrase | undefined {
  // aliases are sorted longest first, so the first hit is the longest.
  for (const a of aliases) {
    if (a.words.length > ws.length - i) continue;
    let ok = true;
    for (let k = 0; k < a.words.length; k++) {
      const w = ws[i + k]!;
      // Exact for short words (abbreviations such as "fu", "das"); by stem for longer ones.
      if (w !== a.words[k] && (w.length < 5 || !a.stems || stem(w) !== a.stems[k])) {
        ok = false;
        break;
      }
    }
    if (ok) return a;
  }
  return undefined;
}
