// The search index over the governance model: one document per matter per period, built once at
// start-up. Scoring is BM25 over the matter's terms and title, plus a bonus for a whole term phrase
// found in the question (so "uden for møder" beats a lone "møder").
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { OrgId } from '../assistant/answer';
import type { Matter } from '../governance/schema';
import { analyze, Vocabulary, type AliasPhrase } from './analyzer';
import { foldText, words } from './normalize';
import { stem } from './stem';
import { stripCues } from './question';

export interface MatterDoc {
  matter: Matter;
  tf: Map<string, number>;
  length: number;
  phrases: string[][];
}

export interface PeriodIndex {
  period: ResolvedPeriod;
  /** The idf of a token found in no matter: the weight of a topic word the model does not know. */
  unknownIdf: number;
  docs: MatterDoc[];
  df: Map<string, number>;
  avgLength: number;
  aliases: AliasPhrase[];
}

export interface ModelIndex {
  vocab: Vocabulary;
  periods: Map<string, PeriodIndex>;
  /** Folded names of bodies that exist in one organisation only (for switching organisation). */
  orgOnlyAliases: Map<OrgId, string[]>;
}

export function aliasPhrases(period: ResolvedPeriod): AliasPhrase[] {
  const out: AliasPhrase[] = [];
  const seen = new Set<string>();
  for (const b of period.bodies.values()) {
    const names = [b.name.da, b.name.en, b.id.replace(/-/g, ' '), ...(b.short ? [b.short] : []), ...b.aliases];
    for (const n of names) {
      // Parenthesised parts ("Byrådene (kommunalbestyrelserne)") are separate names.
      for (const part of n.split(/[()]/)) {
        const ws = words(foldText(part)).filter((w) => w !== 'the' && w !== 'den' && w !== 'det' && w !== 'de');
        const key = ws.join(' ');
        if (ws.length === 0 || seen.has(key)) continue;
        seen.add(key);
        out.push({ words: ws, body: b.id, stems: ws.map((w) => stem(w)) });
      }
    }
  }
  return out.sort((a, b) => b.words.length - a.words.length);
}

export function buildIndex(model: GovernanceModel): ModelIndex {
  const vocab = new Vocabulary();
  for (const p of model.periods) {
    for (const m of p.matters.values()) {
      [...m.terms.da, ...m.terms.en, m.title.da, m.title.en].forEach((t) => vocab.addText(t));
    }
    for (const b of p.bodies.values()) [b.name.da, b.name.en, b.short ?? '', ...b.aliases].forEach((t) => vocab.addText(t));
  }
  const periods = new Map<string, PeriodIndex>();
  for (const p of model.periods) {
    const aliases = aliasPhrases(p);
    const docs: MatterDoc[] = [];
    const df = new Map<string, number>();
    for (const m of p.matters.values()) {
      const tf = new Map<string, number>();
      const phrases: string[][] = [];
      let length = 0;
      const add = (text: string, weight: number, asPhrase: boolean) => {
        const toks = analyze(stripCues(foldText(text)), vocab, aliases, false).tokens;
        for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + weight);
        length += toks.length * weight;
        if (asPhrase && toks.length >= 2) phrases.push([...new Set(toks)]);
      };
      [...m.terms.da, ...m.terms.en].forEach((t) => add(t, 1, true));
      // The bodies on the matter's route are part of what it is about ("aftalerne fra forhandlingsgruppen").
      for (const entry of Object.values(m.roles)) for (const b of entry?.bodies ?? []) tf.set(`@${b}`, (tf.get(`@${b}`) ?? 0) + ROUTE_BODY_WEIGHT);
      add(m.title.da, 0.5, false);
      add(m.title.en, 0.5, false);
      for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      docs.push({ matter: m, tf, length, phrases });
    }
    const avgLength = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
    const n = docs.length;
    periods.set(p.id, { period: p, docs, df, avgLength, aliases, unknownIdf: Math.log(1 + (n + 0.5) / 0.5) });
  }
  return { vocab, periods, orgOnlyAliases: orgOnlyAliases(model) };
}

function orgOnlyAliases(model: GovernanceModel): Map<OrgId, string[]> {
  const idsOf = (org: OrgId) => new Set(model.periodsOf(org).flatMap((p) => [...p.bodies.keys()]));
  const out = new Map<OrgId, string[]>();
  for (const org of ['midt', 'nord'] as OrgId[]) {
    const mine = idsOf(org);
    const theirs = idsOf(org === 'midt' ? 'nord' : 'midt');
    const names = new Set<string>();
    for (const p of model.periodsOf(org)) {
      // Generic local bodies ("hospitalerne", "projektgrupper") exist everywhere in fact; only named
      // bodies (FU, DAS, KKR, Sundhedsstyregruppen, ...) tell the organisations apart.
      const named = (id: string) => !['local', 'working-group'].includes(p.bodies.get(id)?.level ?? 'local');
      for (const a of aliasPhrases(p)) if (mine.has(a.body) && !theirs.has(a.body) && named(a.body)) names.add(a.words.join(' '));
    }
    // Names the other organisation uses too (e.g. "sekretariatet") do not tell them apart.
    out.set(org, [...names]);
  }
  const midt = new Set(out.get('midt'));
  const nord = new Set(out.get('nord'));
  out.set('midt', [...midt].filter((n) => !nord.has(n)));
  out.set('nord', [...nord].filter((n) => !midt.has(n)));
  return out;
}

const K1 = 1.2;
/** Weight of a route body in its matter: a question naming the body leans towards the matter. */
const ROUTE_BODY_WEIGHT = 0.3;
const B = 0.5;

export function idf(index: PeriodIndex, token: string): number {
  const n = index.docs.length;
  const df = index.df.get(token) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export interface Scored {
  doc: MatterDoc;
  score: number;
  /** Sum of idf of the question tokens this matter contains. */
  matchedWeight: number;
  matched: string[];
}

/** Sum of idf over the distinct tokens: the weight of a question's topic. */
export function weightOf(index: PeriodIndex, tokens: string[]): number {
  let w = 0;
  for (const t of new Set(tokens)) w += idf(index, t);
  return w;
}

export function scoreAll(index: PeriodIndex, query: string[], headWeight = 1): Scored[] {
  const uniq = [...new Set(query)];
  const head = query[0];
  const out: Scored[] = [];
  for (const doc of index.docs) {
    let score = 0;
    let matchedWeight = 0;
    const matched: string[] = [];
    for (const t of uniq) {
      const f = doc.tf.get(t);
      if (!f) continue;
      const w = idf(index, t);
      score += ((t === head ? headWeight : 1) * w * f * (K1 + 1)) / (f + K1 * (1 - B + (B * doc.length) / index.avgLength));
      matchedWeight += w;
      matched.push(t);
    }
    if (score === 0) continue;
    // Phrase bonus: the best share of one term phrase the question contains (two tokens at least).
    let bestPhrase = 0;
    const qset = new Set(uniq);
    for (const ph of doc.phrases) {
      let hit = 0;
      for (const t of ph) if (qset.has(t)) hit++;
      if (hit >= 2) bestPhrase = Math.max(bestPhrase, (hit / ph.length) * Math.min(hit, 4));
    }
    score += 0.6 * bestPhrase;
    out.push({ doc, score, matchedWeight, matched });
  }
  return out.sort((a, b) => b.score - a.score);
}
