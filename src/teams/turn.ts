// Turns an incoming Teams activity into TurnInfo: the question without the bot's @mention, bounded
// in length, with the language hint from the user's Teams locale and the organisation to ask about.
import { TurnContext, type Activity } from 'botbuilder';
import type { Lang, OrgId } from '../assistant/answer';
import type { TurnInfo } from './handlers/types';

/** Questions are short; anything beyond this is cut before matching (and the user is told). */
export const MAX_QUERY_CHARS = 1000;

export function turnInfo(activity: Activity, org: OrgId): TurnInfo {
  const raw = questionText(activity);
  const truncated = raw.length > MAX_QUERY_CHARS;
  const text = truncated ? raw.slice(0, MAX_QUERY_CHARS).trim() : raw;
  const langHint = localeLang(activity.locale);
  const channelData = (activity.channelData ?? {}) as {
    tenant?: { id?: unknown };
    team?: { id?: unknown };
    channel?: { id?: unknown };
  };
  return {
    text,
    truncated,
    langHint,
    lang: langHint ?? 'da',
    org,
    conversationId: activity.conversation?.id ?? '',
    conversationType: activity.conversation?.conversationType ?? 'personal',
    tenantId: stringOrUndefined(channelData.tenant?.id) ?? stringOrUndefined(activity.conversation?.tenantId),
    teamId: stringOrUndefined(channelData.team?.id),
    channelId: stringOrUndefined(channelData.channel?.id),
    userId: activity.from?.id ?? '',
    userAadId: stringOrUndefined(activity.from?.aadObjectId),
    userName: stringOrUndefined(activity.from?.name),
  };
}

/** English when the Teams locale is English; otherwise undefined, and the engine reads the text. */
export function localeLang(locale: unknown): Lang | undefined {
  return typeof locale === 'string' && /^en\b/i.test(locale) ? 'en' : undefined;
}

/** The text with the bot's @mention removed and the remaining Teams markup reduced to plain text. */
export function questionText(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  const original = activity.text;
  let text = original;
  try {
    // Mutates activity.text; a malformed mention entity (no `mentioned`) makes it throw.
    text = TurnContext.removeRecipientMention(activity) ?? original;
  } catch {
    text = original;
  }
  // A channel message to the bot starts with its mention; if the entity was missing or malformed
  // the tag is still there, and it is not part of the question.
  if (text === original && activity.conversation?.conversationType !== 'personal')
    text = text.replace(/^\s*<at>[^<]*<\/at>/i, '');
  return text
    .replace(/<at>([^<]*)<\/at>/gi, '$1') // other people mentioned keep their names
    .replace(/<[^>]{1,200}>/g, ' ')
    .replace(/&[a-z0-9#]+;/gi, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/**
 * The character of one HTML entity of the few Teams writes; others are left as typed. Used with
 * one pass over the text, so "&amp;lt;" becomes "&lt;", not "<".
 */
export function decodeEntity(entity: string): string {
  return ENTITIES[entity.toLowerCase()] ?? entity;
}
