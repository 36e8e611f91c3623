// Words for the engine's answers, in Danish and English: the one-paragraph text of the contract and
// the structured detail (route, conditions, meeting rhythm, source) the answer card shows.
import type { GovernanceModel, ResolvedPeriod } from '../governance/load';
import type { Matter, Role } from '../governance/schema';
import type { Answer, AnswerChoice, AnswerSource, BodyRef, Lang, OrgId, RouteLine } from '../assistant/answer';
import { ROLE_VERBS } from './model-phrases';

/** One role of one matter in one period: what an answer about a rule shows. */
export interface RoleAnswer {
  period: ResolvedPeriod;
  matter: Matter;
  role: Role;
  /** The bodies answered, where the question leaves some of the role's bodies out ("besides PPU, who ..."). */
  bodies?: readonly string[];
}

export const ROLE_LABEL: Record<string, { da: string; en: string; verbDa: string; verbEn: string }> = {
  initiates: { da: 'Igangsætter', en: 'Initiates', verbDa: 'igangsætter', verbEn: 'initiates' },
  prepares: { da: 'Forbereder / udarbejder', en: 'Prepares / drafts', verbDa: 'forbereder', verbEn: 'prepares' },
  negotiates: { da: 'Forhandler', en: 'Negotiates', verbDa: 'forhandler', verbEn: 'negotiates' },
  recommends: { da: 'Indstiller', en: 'Recommends', verbDa: 'indstiller', verbEn: 'recommends' },
  decides: { da: 'Beslutter / godkender', en: 'Decides / approves', verbDa: 'beslutter', verbEn: 'decides' },
  appoints: { da: 'Udpeger', en: 'Appoints', verbDa: 'udpeger', verbEn: 'appoints' },
  implements: { da: 'Implementerer', en: 'Implements', verbDa: 'implementerer', verbEn: 'implements' },
  responsible: { da: 'Har ansvaret', en: 'Is responsible', verbDa: 'har ansvaret for', verbEn: 'is responsible for' },
  'follows-up': { da: 'Følger op', en: 'Follows up', verbDa: 'følger op på', verbEn: 'follows up on' },
  informed: {
    da: 'Orienteres / modtager',
    en: 'Is informed / receives',
    verbDa: 'orienteres om',
    verbEn: 'is informed of',
  },
  advises: { da: 'Rådgiver / drøfter', en: 'Advises / discusses', verbDa: 'rådgiver om', verbEn: 'advises on' },
  coordinates: { da: 'Koordinerer', en: 'Coordinates', verbDa: 'koordinerer', verbEn: 'coordinates' },
  secretariat: { da: 'Sekretariat', en: 'Secretariat', verbDa: 'er sekretariat for', verbEn: 'is the secretariat for' },
  'sets-up': { da: 'Nedsætter', en: 'Sets up', verbDa: 'nedsætter', verbEn: 'sets up' },
  'supplies-members': {
    da: 'Medlemmerne kommer fra',
    en: 'The members come from',
    verbDa: 'stiller medlemmerne til',
    verbEn: 'provides the members of',
  },
};

/** The bodies a role answer names: the role's, or those left after "besides ..." (`bodies`). */
function answeredBodies(c: RoleAnswer): readonly string[] {
  return c.bodies ?? c.matter.roles[c.role]!.bodies;
}

/** The label of a role the table above may not know yet (a role added to the schema later). */
export function roleLabel(role: string): { da: string; en: string; verbDa: string; verbEn: string } {
  const known = ROLE_LABEL[role];
  if (known) return known;
  const v = ROLE_VERBS[role];
  const da = v?.da[0] ?? role;
  const en = v?.en[0] ?? role;
  return { da: da[0]!.toUpperCase() + da.slice(1), en: en[0]!.toUpperCase() + en.slice(1), verbDa: da, verbEn: en };
}

/** The order of a route on the card: who starts it, who prepares, recommends, decides, carries out. */
const ROUTE_ORDER: string[] = [
  'initiates',
  'sets-up',
  'prepares',
  'negotiates',
  'advises',
  'recommends',
  'decides',
  'appoints',
  'responsible',
  'coordinates',
  'secretariat',
  'implements',
  'follows-up',
  'informed',
  'supplies-members',
];

/** The roles of a matter in route order (roles the order does not list come last). */
function routeRoles(m: Matter): Role[] {
  const roles = Object.keys(m.roles) as Role[];
  return roles.sort((a, b) => (ROUTE_ORDER.indexOf(a) + 1 || 99) - (ROUTE_ORDER.indexOf(b) + 1 || 99));
}

export function bodyRef(period: ResolvedPeriod, id: string, lang: Lang): BodyRef {
  const b = period.bodies.get(id);
  if (!b) return { id, name: id };
  return {
    id,
    name: b.name[lang],
    ...(b.meets ? { meets: b.meets[lang] } : {}),
    ...(b.composition ? { composition: b.composition[lang] } : {}),
  };
}

export function sourceOf(period: ResolvedPeriod, ref: { doc: string; section: string; quote: string }): AnswerSource {
  const doc = period.sources.get(ref.doc);
  return { title: doc?.title ?? ref.doc, date: doc?.date ?? '', section: ref.section, quote: ref.quote };
}

function joinNames(names: string[], lang: Lang): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${names.at(-1)}`;
}

export function describeAnswer(
  c: RoleAnswer,
  ctx: { lang: Lang; org: OrgId; date: string; confidence: number; explanation: string[] },
): Answer {
  const { lang } = ctx;
  const p = c.period;
  const entry = c.matter.roles[c.role]!;
  const ids = answeredBodies(c);
  const bodies = ids.map((id) => bodyRef(p, id, lang));
  const route: RouteLine[] = routeRoles(c.matter).map((r) => {
    const e = c.matter.roles[r]!;
    return {
      role: r,
      label: roleLabel(r)[lang],
      bodies: e.bodies.map((id) => bodyRef(p, id, lang)),
      ...(e.note ? { note: e.note[lang] } : {}),
    };
  });
  const sources: AnswerSource[] = [sourceOf(p, entry.source)];
  for (const r of routeRoles(c.matter)) {
    const e = c.matter.roles[r];
    if (e && r !== c.role && sources.length < 3 && !sources.some((s) => s.quote === e.source.quote))
      sources.push(sourceOf(p, e.source));
  }
  const conditions = c.matter.conditions.map((k) => k.text[lang]);
  // The 2019 note applies when the answer rests on the 2019 text where it says "Sundhedsstyrelsen".
  const notes = p.notes
    .map((n) => n[lang])
    .filter(() =>
      Object.values(c.matter.roles).some(
        (e) =>
          e &&
          /Sundhedsstyrelsen (sætter|igangsætter|behandler|forbereder)|(fra|i) Sundhedsstyrelsen/.test(e.source.quote),
      ),
    );

  const names = joinNames(
    bodies.map((b) => b.name),
    lang,
  );
  const label = roleLabel(c.role);
  const title = c.matter.title[lang];
  const meets = bodies.filter((b) => b.meets).map((b) => `${b.name}: ${b.meets}`);
  const src = sources[0]!;
  const parts: string[] = [];
  if (lang === 'da') {
    parts.push(`${label.da}: ${names} – ${lowerFirst(title)}.`);
    if (entry.note) parts.push(entry.note.da);
    if (conditions.length) parts.push(`Betingelse: ${conditions.join(' ')}`);
    if (meets.length) parts.push(`Mødes: ${meets.join('; ')}.`);
    parts.push(`Kilde: ${src.title} (${src.date}), ${src.section}: »${src.quote}«`);
  } else {
    parts.push(`${label.en}: ${names.replace(/(^|, | and )The /g, '$1the ')} – ${lowerFirst(title)}.`);
    if (entry.note) parts.push(entry.note.en);
    if (conditions.length) parts.push(`Condition: ${conditions.join(' ')}`);
    if (meets.length) parts.push(`Meets: ${meets.join('; ')}.`);
    parts.push(`Source: ${src.title} (${src.date}), ${src.section}: “${src.quote}”`);
  }
  parts.push(...notes);

  return {
    status: 'answered',
    intent: 'who_decides',
    deciders: [...ids],
    org: ctx.org,
    date: ctx.date,
    confidence: ctx.confidence,
    sources,
    text: parts.join(' '),
    lang,
    detail: {
      matterId: c.matter.id,
      matterTitle: title,
      role: c.role,
      roleLabel: label[lang],
      bodies,
      route,
      conditions,
      notes,
      period: { id: p.id, title: p.title[lang], validFrom: p.validFrom, validTo: p.validTo },
      explanation: ctx.explanation,
    },
  };
}

function lowerFirst(s: string): string {
  return /^[A-ZÆØÅ][a-zæøå]/.test(s) && !/^(Sundhed|Praksis|Patient|Triple|Folkesundhed|KKR|Kommunaldirekt)/.test(s)
    ? s[0]!.toLowerCase() + s.slice(1)
    : s;
}

interface BodyCtx {
  lang: Lang;
  org: OrgId;
  date: string;
  confidence: number;
  explanation: string[];
}

function sourceText(src: AnswerSource, lang: Lang): string {
  return lang === 'da'
    ? `Kilde: ${src.title} (${src.date}), ${src.section}: »${src.quote}«`
    : `Source: ${src.title} (${src.date}), ${src.section}: “${src.quote}”`;
}

/** What a body is and who sits in it: its composition (or its definition) and meeting rhythm, with the source. */
export function describeBody(period: ResolvedPeriod, bodyId: string, ctx: BodyCtx): Answer | undefined {
  const b = period.bodies.get(bodyId);
  if (!b) return undefined;
  const { lang } = ctx;
  const src = sourceOf(period, b.source);
  const parts = [b.composition ? `${b.name[lang]}: ${b.composition[lang]}` : `${b.name[lang]}.`];
  if (b.meets) parts.push(`${lang === 'da' ? 'Mødes' : 'Meets'}: ${b.meets[lang]}.`);
  parts.push(sourceText(src, lang));
  const label = lang === 'da' ? 'Sammensætning' : 'Composition';
  return {
    status: 'answered',
    intent: 'who_decides',
    deciders: [bodyId],
    org: ctx.org,
    date: ctx.date,
    confidence: ctx.confidence,
    sources: [src],
    text: parts.join(' '),
    lang,
    detail: {
      matterId: `composition:${bodyId}`,
      matterTitle: `${label}: ${b.name[lang]}`,
      role: 'responsible',
      roleLabel: label,
      bodies: [bodyRef(period, bodyId, lang)],
      route: [],
      conditions: b.composition ? [b.composition[lang]] : [],
      notes: [],
      period: { id: period.id, title: period.title[lang], validFrom: period.validFrom, validTo: period.validTo },
      explanation: ctx.explanation,
    },
  };
}

/** Whom a body reports to, with the source that describes the body. */
export function describeReportsTo(period: ResolvedPeriod, bodyId: string, ctx: BodyCtx): Answer | undefined {
  const b = period.bodies.get(bodyId);
  if (!b || b.reportsTo.length === 0) return undefined;
  const { lang } = ctx;
  const src = sourceOf(period, b.reportsTo.find((r) => r.source)?.source ?? b.source);
  const to = b.reportsTo.map((r) => bodyRef(period, r.body, lang));
  const names = joinNames(
    to.map((t) => t.name),
    lang,
  );
  const label = lang === 'da' ? 'Refererer til' : 'Reports to';
  const text = [
    lang === 'da'
      ? `${b.name.da} refererer til ${names}.`
      : `${b.name.en} reports to ${names.replace(/(^|, | and )The /g, '$1the ')}.`,
    sourceText(src, lang),
  ].join(' ');
  return {
    status: 'answered',
    intent: 'who_decides',
    deciders: b.reportsTo.map((r) => r.body),
    org: ctx.org,
    date: ctx.date,
    confidence: ctx.confidence,
    sources: [src],
    text,
    lang,
    detail: {
      matterId: `reports-to:${bodyId}`,
      matterTitle: `${label}: ${b.name[lang]}`,
      role: 'informed',
      roleLabel: label,
      bodies: to,
      route: [],
      conditions: [],
      notes: [],
      period: { id: period.id, title: period.title[lang], validFrom: period.validFrom, validTo: period.validTo },
      explanation: ctx.explanation,
    },
  };
}

export function choiceLabel(c: RoleAnswer, lang: Lang): string {
  const names = joinNames(
    answeredBodies(c).map((id) => bodyRef(c.period, id, lang).name),
    lang,
  );
  return `${c.matter.title[lang]} → ${names}`.slice(0, 120);
}

export function choiceQuery(c: RoleAnswer, lang: Lang): string {
  const verb = lang === 'da' ? roleLabel(c.role).verbDa : roleLabel(c.role).verbEn;
  return lang === 'da' ? `Hvem ${verb}: ${c.matter.title.da}?` : `Who ${verb}: ${c.matter.title.en}?`;
}

export function clarifyText(lang: Lang, choices: AnswerChoice[]): string {
  const list = choices.map((c, i) => `${i + 1}) ${c.label}`).join(' ');
  return lang === 'da' ? `Mener du ... ${list}` : `Do you mean ... ${list}`;
}

export function outOfScopeText(lang: Lang): string {
  return lang === 'da'
    ? 'Det ligger uden for sundhedsaftalens organisering, så det kan jeg ikke svare på. Spørg fx ' +
        '"Hvem godkender samarbejdsaftaler?", "Hvem beslutter udgifter fra beredskabspuljen?" ' +
        'eller "status på SAG-2026-0001".'
    : 'That is outside the health agreement organisation, so I cannot answer it. Try "Who approves ' +
        'cooperation agreements?", "Who decides spending from the contingency pool?" or "status of SAG-2026-0001".';
}

export function notInPeriodText(lang: Lang, periodTitle: string, choice: AnswerChoice): string {
  return lang === 'da'
    ? `${periodTitle} beskriver det ikke. Mener du ... ${choice.label}`
    : `${periodTitle} does not describe it. Do you mean ... ${choice.label}`;
}

export function otherRegionText(lang: Lang): string {
  return lang === 'da'
    ? 'Jeg kender kun organiseringen i Region Midtjylland og de nordjyske kommuner, så det kan jeg ikke svare på.'
    : 'I only know the organisation in Region Midtjylland and the North Jutland municipalities, so I ' +
        'cannot answer that.';
}

export function noPeriodText(org: OrgId, date: string, lang: Lang, model: GovernanceModel): string {
  const periods = model.periodsOf(org);
  const from = periods[0]?.validFrom ?? '?';
  return lang === 'da'
    ? `Kildedokumenterne beskriver ikke organiseringen den ${date} (${org}); de dækker fra ${from}.`
    : `The source documents do not describe the organisation on ${date} (${org}); they cover from ${from}.`;
}
