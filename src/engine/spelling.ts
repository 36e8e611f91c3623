// Near-miss word matching: a fixed list of words and the words within one edit of them, found
// through a deletion index (SymSpell) rather than by comparing against every word.

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

export function deletions(w: string, depth: number): Set<string> {
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
