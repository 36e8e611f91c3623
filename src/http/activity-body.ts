// What /api/messages accepts, checked before the activity reaches botbuilder: a JSON object with the
// fields the Bot Framework protocol requires for a reply to be possible. The schema only checks
// (unknown fields are not copied); the original object goes on to botbuilder untouched, and the
// bot validates the parts it reads.
import { z } from 'zod';
import { LONE_SURROGATE } from '../common/unicode';

/**
 * An identifier the bot stores and puts into connector URLs: a NUL cannot be stored (PostgreSQL
 * refuses 0x00) and a lone surrogate cannot be URI-encoded, so both are refused here with a 400
 * instead of failing deep inside the turn after the caller got 200.
 */

export function identifier(max: number) {
  return z
    .string()
    .max(max)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters (such as NUL)')
    .refine((v) => !LONE_SURROGATE.test(v), 'must not contain a lone surrogate (invalid UTF-16)');
}

const Account = z.object({ id: identifier(1024).min(1), name: z.string().max(1024).nullish() });

export const IncomingActivity = z.object({
  type: z.string().min(1, 'activity type is empty').max(64),
  id: identifier(1024).nullish(),
  replyToId: identifier(1024).nullish(),
  channelId: identifier(64).min(1),
  serviceUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i, 'serviceUrl must be an http(s) URL'),
  conversation: z.object({
    id: identifier(1024).min(1),
    conversationType: z.string().max(64).nullish(),
    tenantId: identifier(256).nullish(),
  }),
  from: Account,
  recipient: Account,
  text: z.string().nullish(),
  locale: z.string().max(64).nullish(),
  name: z.string().max(256).nullish(),
  entities: z
    .array(z.object({ type: z.string().max(256) }))
    .max(256)
    .nullish(),
  attachments: z
    .array(z.object({ contentType: z.string().max(256) }))
    .max(64)
    .nullish(),
  membersAdded: z.array(Account).max(1024).nullish(),
  membersRemoved: z.array(Account).max(1024).nullish(),
  channelData: z.record(z.string(), z.unknown()).nullish(),
});
export type IncomingActivity = z.infer<typeof IncomingActivity>;

export type BodyCheck = { ok: true; activity: IncomingActivity } | { ok: false; reason: string };

/** Parses and checks a raw request body; the reason is safe to send back to the caller. */
export function checkActivityBody(raw: string): BodyCheck {
  if (raw.trim() === '') return { ok: false, reason: 'empty body: expected a Bot Framework activity as JSON' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { ok: false, reason: `body is not valid JSON (${(err as Error).message})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      reason:
        `body must be a JSON object (an activity), not ` +
        `${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`,
    };
  }
  if (!('type' in json) || (json as { type?: unknown }).type === undefined)
    return { ok: false, reason: 'activity has no type' };
  const parsed = IncomingActivity.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`);
    return { ok: false, reason: `malformed activity: ${problems.join('; ')}` };
  }
  return { ok: true, activity: json as IncomingActivity };
}
