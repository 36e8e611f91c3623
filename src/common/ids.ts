// Ids and small types that every feature shares (governance, engine, assistant, cases,
// approvals, notifications). They live here, not in one feature, so that features import this
// module instead of each other and no import runs in a circle.

/** The two languages the bot speaks: Danish first, English equally. */
export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];

/** The organisations whose health agreements the governance model describes. */
export type OrgId = 'midt' | 'nord';
export const ORG_IDS: readonly OrgId[] = ['midt', 'nord'];

/** A body of the governance model ("ssg", "formandskab", "sekretariat", ...). */
export type BodyId = string;

/** The bodies the code itself names (people's directory roles are body ids, or "klynge:<id>"). */
export const BODY = {
  secretariat: 'sekretariat',
  chairs: 'formandskab',
  secretariatManagement: 'sekretariatsledelse',
  cluster: 'klynge',
} as const;

/** A calendar date, YYYY-MM-DD (Copenhagen where it is "today"). */
export type IsoDate = string;

/** "en-GB" and every other English Teams locale is English; anything else, or nothing, is Danish. */
export function langOfLocale(locale: unknown): Lang | undefined {
  return typeof locale === 'string' && /^en\b/i.test(locale) ? 'en' : undefined;
}
