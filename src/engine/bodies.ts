// Which bodies a question names, from the names, abbreviations and aliases the governance model
// gives them. Used to choose the organisation and the period (a body only Nordjylland has, a body
// only the 2015 organisation had) and to answer "who sits in X?".
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { OrgId } from '../assistant/answer';
import { foldText, words } from './normalize';
import { stem } from './stem';

export interface BodyName {
  body: string;
  words: string[];
  stems: string[];
  /** For the names that tell organisations apart: the other organisation's model never uses these words. */
  unique?: boolean;
}

const ARTICLES = new Set(['the', 'den', 'det', 'de']);

/** Every name of every body of a period, longest first (so the longest name wins). */
export function bodyNames(period: ResolvedPeriod): BodyName[] {
  const out: BodyName[] = [];
  const seen = new Set<string>();
  for (const b of period.bodies.values()) {
    const names = [b.name.da, b.name.en, b.id.replace(/-/g, ' '), ...(b.short ? [b.short] : []), ...b.aliases];
    for (const n of names) {
      // Parenthesised parts ("Byrådene (kommunalbestyrelserne)") are separate names.
      for (const part of n.split(/[()]/)) {
        const ws = words(foldText(part)).filter((w) => !ARTICLES.has(w));
        const key = `${b.id}|${ws.join(' ')}`;
        if (ws.length === 0 || seen.has(key)) continue;
        seen.add(key);
        out.push({ body: b.id, words: ws, stems: ws.map((w) => stem(w)) });
      }
    }
  }
  return out.sort((a, b) => b.words.length - a.words.length || a.body.localeCompare(b.body));
}

/** The bodies named in a folded text, in order of appearance (each once). */
export function namedBodies(folded: string, names: BodyName[]): string[] {
  return [...new Set(namesIn(folded, names).map((n) => n.body))];
}

/** The names found in a folded text, in order of appearance, the longest name at each place. */
export function namesIn(folded: string, names: BodyName[]): BodyName[] {
  const ws = words(folded);
  const stems = ws.map((w) => (w.length >= 5 ? stem(w) : w));
  const found: BodyName[] = [];
  for (let i = 0; i < ws.length; ) {
    const hit = names.find((n) => matchesAt(ws, stems, i, n));
    if (hit) {
      found.push(hit);
      i += hit.words.length;
    } else i++;
  }
  return found;
}

function matchesAt(ws: string[], stems: string[], i: number, n: BodyName): boolean {
  if (n.words.length > ws.length - i) return false;
  for (let k = 0; k < n.words.length; k++) {
    const w = ws[i + k]!;
    const name = n.words[k]!;
    // Exact for short words (abbreviations such as "fu", "das"), also in the genitive ("FU's" and
    // "FUs" fold to "fus"); by stem for longer ones.
    if (w === name || (name.length <= 4 && w === `${name}s`)) continue;
    if (w.length < 5 || stems[i + k] !== n.stems[k]) return false;
  }
  return true;
}

/**
 * The names that tell the organisations apart: names of bodies only one organisation has, and
 * that are named bodies (FU, DAS, KKR, Sundhedsstyregruppen), not generic local ones ("hospitalerne",
 * "projektgrupper") that exist everywhere in fact.
 */
export function orgOnlyNames(model: GovernanceModel): Map<OrgId, BodyName[]> {
  const idsOf = (org: OrgId) => new Set(model.periodsOf(org).flatMap((p) => [...p.bodies.keys()]));
  const phrase = (n: BodyName) => n.words.join(' ');
  const byOrg = new Map<OrgId, BodyName[]>();
  for (const org of ['midt', 'nord'] as OrgId[]) {
    const other: OrgId = org === 'midt' ? 'nord' : 'midt';
    const mine = idsOf(org);
    const theirs = idsOf(other);
    const theirText = modelText(model.periodsOf(other));
    const list: BodyName[] = [];
    for (const p of model.periodsOf(org)) {
      // A local or working group ("hospitalerne", "projektgrupper") exists everywhere in fact; its
      // name tells the organisations apart only when the other organisation's model never uses it
      // ("forankringsgrupperne", "samarbejdsforaene" are Nordjylland's own).
      const unique = (n: BodyName) => !n.stems.every((st) => theirText.includes(st.length < 5 ? ` ${st} ` : ` ${st}`));
      // ... and only by a specific name: a compound or a phrase, not a plain noun such as "sygehuse".
      const specific = (n: BodyName) => n.words.length >= 2 || n.stems[0]!.length >= 10;
      const named = (n: BodyName) =>
        !['local', 'working-group'].includes(p.bodies.get(n.body)?.level ?? 'local') || (unique(n) && specific(n));
      for (const n of bodyNames(p))
        if (mine.has(n.body) && !theirs.has(n.body) && named(n) && !list.some((x) => phrase(x) === phrase(n)))
          list.push({ ...n, unique: unique(n) });
    }
    byOrg.set(org, list);
  }
  // A name both organisations use (e.g. "sekretariatet") does not tell them apart.
  const midt = byOrg.get('midt')!;
  const nord = byOrg.get('nord')!;
  const nordPhrases = new Set(nord.map(phrase));
  const midtPhrases = new Set(midt.map(phrase));
  byOrg.set(
    'midt',
    midt.filter((n) => !nordPhrases.has(phrase(n))),
  );
  byOrg.set(
    'nord',
    nord.filter((n) => !midtPhrases.has(phrase(n))),
  );
  return byOrg;
}

/** Every text of the periods' bodies and matters (names, aliases, terms, quotes), folded, in one string. */
function modelText(periods: ResolvedPeriod[]): string {
  const parts: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const p of periods) {
    collect([...p.bodies.values()]);
    collect([...p.matters.values()]);
  }
  return ` ${words(foldText(parts.join(' '))).join(' ')} `;
}
