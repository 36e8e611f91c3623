// What a question says besides its topic: which role it asks about, its language, a year, a region.
import type { Role } from '../governance/schema';
import type { Lang, OrgId } from '../assistant/answer';
import { orgInText } from '../assistant/intent';
import { ROLE_CUES } from './lexicon';
import { NearWords } from './analyzer';

export interface RoleCue {
  role: Role;
  at: number;
  text: string;
}

const WH_WORD = /\b(hvem|who|whom|hvilke[nt]?|which|hvor|where)\b/;

/** The role the question asks about, or undefined when it only asks "who" about a matter. */
export function detectRole(folded: string): RoleCue | undefined {
  const hits: Array<RoleCue & { generic: boolean; noun: boolean }> = [];
  for (const cue of ROLE_CUES) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(folded); m; m = cue.re.exec(folded)) {
      hits.push({ role: cue.role, at: m.index, text: m[0], generic: cue.generic ?? false, noun: cue.noun ?? false });
    }
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => a.at - b.at);
  // "SKU indstiller, men hvem godkender?": the verb that goes with the question word wins.
  const wh = WH_WORD.exec(folded);
  const after = wh ? hits.filter((h) => h.at > wh.index) : [];
  const pool = after.some((h) => !h.noun) ? after : hits;
  const verbs = pool.filter((h) => !h.noun);
  const first = verbs[0] ?? pool[0]!;
  // "står for at implementere" / "responsible for the approval": the specific word names the role.
  if (first.generic) {
    const next = hits.find((h) => !h.generic && h.role !== 'informed' && h.at > first.at && h.at - (first.at + first.text.length) <= 16);
    if (next) return { role: next.role, at: next.at, text: next.text };
  }
  return { role: first.role, at: first.at, text: first.text };
}

/** The text without its verb cues ("beslutter", "approves"): they say which role, not which matter. */
export function stripCues(folded: string): string {
  let out = folded;
  for (const cue of ROLE_CUES) {
    if (cue.noun) continue;
    cue.re.lastIndex = 0;
    out = out.replace(cue.re, ' ');
  }
  return out.replace(/\s+/g, ' ').trim();
}

const DA_WORDS = /\b(hvem|hvad|hvilke[nt]?|hvor|hvornaar|hvordan|og|eller|af|til|fra|paa|om|den|det|der|som|er|har|skal|kan|maa|beslutter|godkender|ikke|sager|sagen|klyngerne|mellem|uden|ved)\b/g;
const EN_WORDS = /\b(who|what|which|where|when|how|and|or|of|to|from|on|the|is|are|has|have|must|can|does|do|decides?|approves?|not|cases?|clusters?|between|outside|by|for|an?)\b/g;

/** Danish unless the text reads as English (the users are Danish: ties go to Danish). */
export function detectLang(raw: string): Lang {
  if (/[æøå]/i.test(raw)) return 'da';
  const t = raw.toLowerCase();
  const da = (t.match(DA_WORDS) ?? []).length;
  const en = (t.match(EN_WORDS) ?? []).length;
  return en > da ? 'en' : 'da';
}

/** A year the question names ("i 2015", "in 2017"), within the range the documents could cover. */
export function detectYear(folded: string): number | undefined {
  const m = /\b(19[89]\d|20\d\d)\b/.exec(folded);
  return m ? Number(m[1]) : undefined;
}

/** Region names as people misspell them ("Nordjyland", "Midtjyland") still name the region. */
const ORG_NAMES = new NearWords(['nordjylland', 'midtjylland', 'nordjyske', 'midtjyske']);

export function detectOrg(folded: string): OrgId | undefined {
  const exact = orgInText(folded);
  if (exact) return exact;
  for (const w of folded.split(' ')) {
    if (w.length < 8) continue;
    const n = ORG_NAMES.nearest(w);
    if (n) return n.startsWith('nord') ? 'nord' : 'midt';
  }
  return undefined;
}
