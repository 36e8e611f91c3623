// Which statement of the governance model a labelled question rests on, derived automatically so
// that it re-runs as the model changes. The writer's verbatim quote (`why.quote`) is compared with
// the quotes of the model's statements (same document, overlapping word trigrams); among the
// statements it overlaps, the one whose bodies equal an expected decider set is the label (the
// expected bodies say which role of the matter was asked). What cannot be mapped is returned with
// the reason, for a person to review; nothing is dropped silently.
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { LabelledQuestion } from './labelled';
import { foldText, words } from './normalize';
import { PeriodSelector, type PeriodChoice } from './period';
import { sameSet, type StatementCatalogue, type Statement, type StatementKey } from './statements';

export type Mapping =
  | {
      kind: 'statement';
      key: StatementKey;
      period: string;
      how: 'quote' | 'quote, other role of the matter' | 'expected bodies, best-scoring statement';
      inAskedPeriod: boolean;
    }
  | { kind: 'refuse' }
  | { kind: 'review'; reason: string; unknownBodies: string[] };

/** Share of the shorter quote's word trigrams that the other quote contains, from which they are the same text. */
export const QUOTE_OVERLAP = 0.5;
/** Word trigrams two quotes share from which they are the same text, whatever their lengths (eight words in a row). */
const SHARED_STRETCH = 6;

/** The writers' role words, as the model's statements name them (for breaking ties only). */
const WRITER_ROLE: Record<string, string[]> = {
  approves: ['decides'],
  decides: ['decides'],
  prioritises: ['decides'],
  drafts: ['prepares'],
  prepares: ['prepares'],
  follows_up: ['follows-up'],
  sets_up: ['sets-up', 'initiates', 'appoints'],
  initiates: ['initiates', 'sets-up'],
  coordinates: ['coordinates', 'responsible'],
  secretariat: ['secretariat', 'responsible'],
  keeps_accounts: ['responsible'],
  responsible: ['responsible'],
  implements: ['implements'],
  recommends: ['recommends'],
  negotiates: ['negotiates'],
  appoints: ['appoints'],
  advises: ['advises'],
  informed: ['informed'],
  reports_to: ['reports-to'],
  composition: ['body', 'supplies-members'],
  member_of: ['body', 'supplies-members'],
};

function shingles(text: string): Set<string> {
  const ws = words(foldText(text));
  const n = ws.length >= 3 ? 3 : ws.length;
  const out = new Set<string>();
  for (let i = 0; i + n <= ws.length; i++) out.add(ws.slice(i, i + n).join(' '));
  return out;
}

/** How much of the shorter text the longer contains, 0..1 (the model elides with "...", so parts count alone). */
export function quoteOverlap(a: string, b: string): number {
  let best = 0;
  const sa = shingles(a);
  for (const part of b.split(/\.\.\.|…/)) {
    const sb = shingles(part);
    if (sa.size === 0 || sb.size === 0) continue;
    let hit = 0;
    for (const s of sb) if (sa.has(s)) hit++;
    // A long shared stretch is the same text even when each quote goes on past the other's end.
    best = Math.max(best, hit / Math.min(sa.size, sb.size), Math.min(1, (hit * QUOTE_OVERLAP) / SHARED_STRETCH));
  }
  return best;
}

function roleOf(s: Statement): string {
  return s.kind === 'role' ? s.role : s.kind;
}

export class StatementMapper {
  private readonly selector: PeriodSelector;

  constructor(
    private readonly model: GovernanceModel,
    private readonly catalogue: StatementCatalogue,
    private readonly today: string,
  ) {
    this.selector = new PeriodSelector(model);
  }

  choosePeriod(q: LabelledQuestion): PeriodChoice {
    return this.selector.select(
      foldText(q.q),
      { ...(q.org ? { org: q.org } : {}), ...(q.date ? { date: q.date } : {}) },
      { org: 'midt', today: this.today },
    );
  }

  map(q: LabelledQuestion): Mapping {
    if (q.expect === 'not_answered') return { kind: 'refuse' };
    const expect = q.expect;
    const known = new Set(this.model.periods.flatMap((p) => [...p.bodies.keys()]));
    const unknownBodies = [...new Set(expect.flat().filter((b) => !known.has(b)))];
    const quote = q.why?.quote;
    const choice = this.choosePeriod(q);
    if (!quote) return this.byBodies(q, choice, expect, unknownBodies);
    const asked = new Set(choice.periods.map((p) => p.id));
    const doc = q.why?.doc ?? undefined;
    const wanted = WRITER_ROLE[q.role ?? ''] ?? [];
    const fits = (s: Statement) => expect.some((e) => sameSet(e, s.bodies));

    // Periods of the question's organisation, the asked ones first.
    const periods = [...this.model.periodsOf(choice.org)].sort(
      (a, b) => Number(asked.has(b.id)) - Number(asked.has(a.id)) || b.validFrom.localeCompare(a.validFrom),
    );
    type Hit = { s: Statement; p: ResolvedPeriod; overlap: number };
    const hits: Hit[] = [];
    for (const p of periods) {
      for (const s of this.catalogue.in(p).values()) {
        let overlap = 0;
        for (const ref of s.quotes) {
          if (doc && !p.sources.get(ref.doc)?.file.startsWith(doc)) continue;
          overlap = Math.max(overlap, quoteOverlap(quote, ref.quote));
        }
        if (overlap >= QUOTE_OVERLAP) hits.push({ s, p, overlap });
      }
    }
    if (hits.length === 0) return { kind: 'review', reason: 'no statement of the model has this quote', unknownBodies };

    const rank = (h: Hit) => [
      Number(asked.has(h.p.id)),
      Number(wanted.includes(roleOf(h.s))),
      h.overlap,
      h.s.kind === 'role' ? 1 : 0,
    ];
    const better = (a: Hit, b: Hit) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
      return a.s.key < b.s.key;
    };
    const pick = (list: Hit[]) => list.reduce((best, h) => (better(h, best) ? h : best));

    const direct = hits.filter((h) => fits(h.s));
    if (direct.length > 0) {
      const h = pick(direct);
      return {
        kind: 'statement',
        key: h.s.key,
        period: h.p.id,
        how: 'quote',
        inAskedPeriod: this.answersIn(choice, h.s.key, expect),
      };
    }
    // The quote names the matter; the expected bodies say which of its roles was asked.
    const siblings: Hit[] = [];
    for (const h of hits) {
      if (h.s.kind !== 'role') continue;
      for (const s of this.catalogue.in(h.p).values()) {
        if (s.kind === 'role' && s.matter.id === h.s.matter.id && fits(s))
          siblings.push({ s, p: h.p, overlap: h.overlap });
      }
    }
    if (siblings.length > 0) {
      const h = pick(siblings);
      return {
        kind: 'statement',
        key: h.s.key,
        period: h.p.id,
        how: 'quote, other role of the matter',
        inAskedPeriod: this.answersIn(choice, h.s.key, expect),
      };
    }
    const modelSays = [...new Set(hits.map((h) => `${h.s.key}=${h.s.bodies.join('+')}`))].slice(0, 3).join(', ');
    return { kind: 'review', reason: `the quote's statements name other bodies (${modelSays})`, unknownBodies };
  }

  /**
   * A question without a quote (the project's older sets): among the statements of the asked
   * period whose bodies are an expected set, the one a classifier trained on the quoted questions
   * scores highest. Without such a classifier (the first pass) these questions wait for review.
   */
  private byBodies(q: LabelledQuestion, choice: PeriodChoice, expect: string[][], unknownBodies: string[]): Mapping {
    if (!this.scorer) return { kind: 'review', reason: 'no quote given', unknownBodies };
    const fitting: Array<{ s: Statement; p: ResolvedPeriod }> = [];
    for (const p of choice.periods)
      for (const s of this.catalogue.in(p).values())
        if (expect.some((e) => sameSet(e, s.bodies))) fitting.push({ s, p });
    if (fitting.length === 0)
      return { kind: 'review', reason: 'no statement of the asked period names the expected bodies', unknownBodies };
    const scores = this.scorer(q.q);
    const best = fitting.reduce((a, b) =>
      (scores.get(b.s.key) ?? -Infinity) > (scores.get(a.s.key) ?? -Infinity) ? b : a,
    );
    return {
      kind: 'statement',
      key: best.s.key,
      period: best.p.id,
      how: 'expected bodies, best-scoring statement',
      inAskedPeriod: true,
    };
  }

  /** Decision values per statement key, from a classifier trained on the quoted questions. */
  scorer?: (text: string) => Map<StatementKey, number>;

  /** Whether the statement answers with an expected set in a period the question is about. */
  private answersIn(choice: PeriodChoice, key: StatementKey, expect: string[][]): boolean {
    return choice.periods.some((p) => {
      const s = this.catalogue.get(p, key);
      return s !== undefined && expect.some((e) => sameSet(e, s.bodies));
    });
  }
}
