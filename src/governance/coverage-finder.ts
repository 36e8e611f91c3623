// Finds the sentences of the source documents that give a body a power or a duty: a sentence that
// names a body (by a name or alias of the model, or by a generic body noun such as "udvalg" or
// "klynge") together with a Danish power or duty word ("beslutter", "godkendes", "har ansvaret for",
// "sekretariatsbetjenes", "består af", ...). It is deliberately generous: the coverage report then asks,
// for every sentence it finds, for the rule that carries it or a reason why none does, so a miss here
// would hide a missing rule while an extra find costs one reviewed line. Its recall is tested against a
// list picked by hand (test/governance/fixtures/powers-003.yaml).
import type { SourceSentence } from './coverage-text';

/** What a cue says about a body: a power or duty (needs a rule), or who sits on it (a body's composition will do). */
export type CueKind = 'power' | 'composition';

export interface Cue {
  kind: CueKind;
  /** The words of the sentence that matched. */
  text: string;
}

export interface Finding {
  sentence: SourceSentence;
  /** The body words found, and where: in the sentence itself, or only in its context. */
  bodies: string[];
  bodyIn: 'sentence' | 'context';
  cues: Cue[];
  /** 'power' when any cue is one; 'composition' when the sentence only says who sits on a body. */
  kind: CueKind;
}

const L = '\\p{L}';
/** The start of a word: not preceded by a letter or digit. */
const START = `(?<![${L}\\d])`;

/**
 * Generic nouns for a body, matched anywhere in a word (Danish compounds: "temagrupperne",
 * "Sundhedsaftalesekretariatet"), with the few compounds that are no body ruled out.
 */
const BODY_NOUNS: RegExp[] = [
  /udvalg(?!t)/u, // "udvalgte" means selected
  /(?<!mål|patient|risiko|befolknings|alders)grupp/u,
  /klynge/u,
  /sekretaria/u,
  /byråd/u,
  /regionsråd/u,
  /kommunalbestyrels/u,
  /bestyrelse/u,
  new RegExp(`(?:forum|fora(?:ene|s)?)(?![${L}])`, 'u'),
  new RegExp(`organ(?:et|er|erne)?(?![${L}])`, 'u'),
  new RegExp(`(?<!om)råd(?:et|ets|ene)?(?![${L}])`, 'u'), // not "område"
  /samråd|stemråd/u,
  /formandskab/u,
  /ledelse(?:n|steam)/u,
  /kreds(?:en)?/u,
  new RegExp(
    `${START}(?:region(?:en|s)?|kommune(?:r|rne|n|s)?|hospital(?:et|er|erne|s)?|sygehus(?:e|ene|et)?|` +
      `parter(?:ne)?)(?![${L}])`,
    'u',
  ),
  new RegExp(`${START}(?:almen praksis|praktiserende læger|lægepraksis|praksissektor(?:en)?|plo)`, 'u'),
];

interface CueDef {
  kind: CueKind;
  re: RegExp;
}

const P = (re: string): CueDef => ({ kind: 'power', re: new RegExp(re, 'u') });
const C = (re: string): CueDef => ({ kind: 'composition', re: new RegExp(re, 'u') });
const W = (stem: string) => `${START}${stem}[${L}]*`; // a word starting with the stem, any inflection
const X = (word: string) => `${START}(?:${word})(?![${L}])`; // exactly these words

/** Power and duty words (Danish, with inflections), and the words that say who sits on a body. */
const CUES: CueDef[] = [
  // decides, approves, prioritises
  P(`[${L}]*beslut[${L}]*`),
  P(W('godkend')),
  P(`${START}afgør(?!ende)[${L}]*`),
  P(W('prioriter')),
  P(X('træffe[rs]?')),
  // recommends, prepares, drafts
  P(W('indstill')),
  P(W('anbefal')),
  P(`[${L}]*forbered[${L}]*`),
  P(W('udarbejd')),
  P(W('udform')),
  // initiates, sets up, appoints, establishes
  P(W('igangsæt')),
  P(W('igangsat')),
  P(W('iværksæt')),
  P(W('iværksat')),
  P(W('reserver')),
  P(`${START}afholde[rs]? udgift`),
  P(X('aftalt|aftales')),
  P(X('tillagt')),
  P(`${START}initiativet til|eget initiativ`),
  P(W('nedsæt')),
  P(X('nedsat')),
  P(W('udpeg')),
  P(W('etabler')),
  P(W('oprett')),
  P(`${START}uddele(?:l)?g[${L}]*`),
  // coordinates, implements, follows up, develops
  P(`[${L}]*koordin[${L}]*`),
  P(`[${L}]*implementer[${L}]*`),
  P(`[${L}]*udmønt[${L}]*`),
  P(`${START}følge[rs]? (?:løbende )?op|[${L}]*opfølgning[${L}]*`),
  P(X('udvikler|afprøver')),
  P(W('afprøvning')),
  P(W('ajourfør')),
  P(W('indkald')),
  P(W('forbedr')),
  P(X('dannet|danner|dannes')),
  P(W('påvirk')),
  P(W('finansier')),
  P(`${START}er det [^.,]{0,50}organ(?![${L}])`),
  P(`[${L}]*krav(?:et|ene|ne)?(?![${L}])`),
  P(W('monitorer')),
  P(W('tovholder')),
  P(`${START}følger løbende`),
  P(X('input')),
  P(W('dagsordensæt')),
  P(W('tilvejebring')),
  P(W('videresend')),
  P(W('forpligt')),
  P(X('tiltrådt|tiltræder')),
  // negotiates, advises, discusses
  P(`[${L}]*forhandl[${L}]*`),
  P(W('rådgiv')),
  P(W('vejled')),
  P(`[${L}]*sparring[${L}]*`),
  P(W('drøft')),
  P(W('inddrag')),
  P(W('indspil')),
  P(X('dialog(?:en)?')),
  // responsible, carries out, handles
  P(`[${L}]*ansvar[${L}]*`),
  P(`${START}står for`),
  P(
    `${START}til (?:opgave|formål)|${START}formålet med|opgaveportefølje|` +
      `${START}(?:en|sin|deres|den) (?:[${L}]+ )?opgave(?![${L}])|[${L}]+opgaven(?![${L}])`,
  ),
  P(`${START}i samarbejde (?:med|mellem)`),
  P(W('varetag')),
  P(X('behandle[rst]?|behandles')),
  P(W('håndter')),
  P(X('løst|løses|løftes|løfte|placeres')),
  P(W('udfør')),
  P(X('rolle|roller')),
  P(W('understøtt')),
  P(X('sikre|sikrer|sikres')),
  P(W('fastlæg')),
  P(W('fastlag')),
  P(W('fastsæt')),
  P(X('fastsat')),
  P(W('udstik')),
  P(`${START}sætter [^.]{0,40}(?:retning|ramme)`),
  P(W('stabsfunktion')),
  P(W('øverste')),
  P(`${START}som bestyrelse`),
  P(W('planlæg')),
  P(W('tilrettelæg')),
  P(`${START}indg[åa](?:r|s|et|else)?(?![${L}])|aftaleindgåelse`),
  P(W('bidrag')),
  // accounts, secretariat, reporting lines
  P(W('regnskab')),
  P(`[${L}]*betjen[${L}]*|${START}servicering|${START}som sekretariat`),
  P(W('referer')),
  P(W('reference')),
  P(W('indrapporter')),
  P(`[${L}]*afrapporter[${L}]*`),
  P(`${START}(?:ind)?sendes (?:ligeledes )?til`),
  P(W('orienter')),
  // composition: who sits on a body
  C(`${START}(?:består|bestående) af|${W('sammensat')}|${W('sammensæt')}`),
  C(`[${L}]*medlem[${L}]*`),
  C(W('deltag')),
  C(X('sidder')),
  C(W('repræsent')),
  C(`${START}(?:med|næst)?formand(?!skab)[${L}]*|[${L}]*formænd`),
  C(X('delt')),
  C(`${START}ledes af`),
  C(W('mødekreds')),
];

/**
 * The finder for a model: `bodyNames` are the names and aliases of its bodies (any case). A name of
 * four letters or fewer (FU, SKU, DAS) must stand as a word; a longer one may take an inflection.
 */
export function createFinder(bodyNames: Iterable<string>): (s: SourceSentence) => Finding | undefined {
  const names = [...new Set([...bodyNames].map((n) => n.toLowerCase().trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  const short = names.filter((n) => n.length <= 4).map(escape);
  const long = names.filter((n) => n.length > 4).map(escape);
  const nameRes = [
    ...(short.length ? [new RegExp(`${START}(?:${short.join('|')})(?![${L}])`, 'gu')] : []),
    ...(long.length ? [new RegExp(`${START}(?:${long.join('|')})[${L}]*`, 'gu')] : []),
  ];
  /** The text with body names blanked out, so that "Sundhedskoordinationsudvalget" is no cue for "koordinerer". */
  // Only names that themselves contain a cue are blanked ("Sundhedskoordinationsudvalget", "Forhandlingsgruppen"):
  // "som sekretariat" must still read as one.
  const cueNames = names.filter((n) => CUES.some((c) => c.re.test(n))).map(escape);
  const bare = cueNames.length ? new RegExp(`${START}(?:${cueNames.join('|')})`, 'gu') : undefined;
  const withoutNames = (t: string): string => (bare ? t.replace(bare, (m) => ' '.repeat(m.length)) : t);
  const bodiesIn = (text: string, nouns = true): string[] => {
    const t = text.toLowerCase();
    const found = new Set<string>();
    for (const re of nameRes) for (const m of t.matchAll(re)) found.add(m[0]);
    if (nouns)
      for (const re of BODY_NOUNS) {
        const m = re.exec(t);
        if (m) found.add(wordAround(t, m.index));
      }
    return [...found];
  };
  const cuesIn = (text: string): Cue[] => {
    const t = withoutNames(text.toLowerCase());
    const cues: Cue[] = [];
    for (const c of CUES) {
      const m = c.re.exec(t);
      if (m) cues.push({ kind: c.kind, text: m[0] });
    }
    return cues;
  };
  return (s) => {
    if (s.heading) return undefined;
    // A list item continues the sentence that introduces it: under "Klyngernes rolle:" the item
    // "Udvikling og afprøvning af nye løsninger." gives the clusters a duty.
    let cues = cuesIn(s.text);
    const lead = s.lead[0];
    if (cues.length === 0 && lead) cues = cuesIn(lead).map((c) => ({ ...c, text: `${c.text} (in the list's lead)` }));
    if (cues.length === 0) return undefined;
    let bodies = bodiesIn(s.text);
    let bodyIn: Finding['bodyIn'] = 'sentence';
    if (bodies.length === 0) {
      bodyIn = 'context';
      for (const c of s.context) {
        bodies = bodiesIn(c);
        if (bodies.length > 0) break;
      }
      // A heading names the body of what follows only when it names one of the model's bodies: a
      // generic noun there ("Region Midtjylland" in a title) says too little.
      if (bodies.length === 0 && s.section) bodies = bodiesIn(s.section, false);
    }
    if (bodies.length === 0) return undefined;
    return { sentence: s, bodies, bodyIn, cues, kind: cues.some((c) => c.kind === 'power') ? 'power' : 'composition' };
  };
}

/** The whole word around position `i` of `t`, for showing which body noun matched. */
function wordAround(t: string, i: number): string {
  const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\d-]/u.test(ch);
  let a = i;
  let b = i;
  while (isLetter(t[a - 1])) a--;
  while (isLetter(t[b])) b++;
  return t.slice(a, b);
}
