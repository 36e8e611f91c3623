// The Agents Playground's tenant file (.m365agentsplayground.yml), as @microsoft/m365agentsplayground
// 0.2.28 validates it (config schema 0.1.1): we check it ourselves first so that `npm start` and the
// end-to-end test stop with a clear reason instead of a Playground stack trace, and so that tests can
// read the conversation and user ids from the one file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const PlaygroundUser = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).max(256),
  userPrincipleName: z.string().min(1),
  aadObjectId: z.guid(),
  givenName: z.string().max(256),
  surname: z.string().max(256),
  email: z.string().min(1),
});
export type PlaygroundUser = z.infer<typeof PlaygroundUser>;

export const PlaygroundConfig = z
  .strictObject({
    version: z.enum(['0.1.0', '0.1.1']),
    tenantId: z.guid(),
    bot: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(42) }),
    currentUser: PlaygroundUser,
    // 0.2.28 refuses any other number of users.
    users: z.array(PlaygroundUser).length(5, 'the Playground requires exactly 5 users besides currentUser'),
    personalChat: z.strictObject({ id: z.string().min(1) }),
    groupChat: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(256) }),
    team: z.strictObject({
      id: z.string().min(1),
      name: z.string().min(1).max(256),
      aadGroupId: z.string().min(1),
      // Besides General, whose conversation id is the team id.
      channels: z
        .array(z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(256) }))
        .length(1, 'the demo team has exactly one channel besides General'),
    }),
  })
  .superRefine((c, ctx) => {
    const users = [c.currentUser, ...c.users];
    const dup = (values: string[]) => values.find((v, i) => values.indexOf(v) !== i);
    const dupUser = dup(users.map((u) => u.id));
    if (dupUser) ctx.addIssue({ code: 'custom', path: ['users'], message: `user id ${dupUser} is used twice` });
    const dupAad = dup(users.map((u) => u.aadObjectId));
    if (dupAad) ctx.addIssue({ code: 'custom', path: ['users'], message: `aadObjectId ${dupAad} is used twice` });
    const dupConv = dup([c.personalChat.id, c.groupChat.id, c.team.id, ...c.team.channels.map((ch) => ch.id)]);
    if (dupConv) ctx.addIssue({ code: 'custom', path: ['team'], message: `conversation id ${dupConv} is used twice` });
  });
export type PlaygroundConfig = z.infer<typeof PlaygroundConfig>;

export type PlaygroundConfigResult = { ok: true; config: PlaygroundConfig } | { ok: false; problems: string[] };

export function parsePlaygroundConfig(text: string, fileName = '.m365agentsplayground.yml'): PlaygroundConfigResult {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    return { ok: false, problems: [`${fileName}: ${(err as Error).message}`] };
  }
  const parsed = PlaygroundConfig.safeParse(data);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${fileName}: ${i.path.join('.') || '(file)'}: ${i.message}`),
  };
}

export function readPlaygroundConfig(path: string): PlaygroundConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`${path}: cannot be read (${(err as Error).message})`] };
  }
  return parsePlaygroundConfig(text, path);
}

/** Lower case ASCII as Danes type it without the letters: æ→ae, ø→oe, å→aa. */
function danishFold(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** "anders", "Anders Holm", "birgitte" ...: the demo person whose name starts so (case and accents aside). */
export function findDemoPerson(config: PlaygroundConfig, who: string): PlaygroundUser | undefined {
  const fold = (s: string) => danishFold(s).trim();
  const wanted = fold(who);
  if (!wanted) return undefined;
  const people = [config.currentUser, ...config.users];
  return people.find((u) => fold(u.name) === wanted) ?? people.find((u) => fold(u.name).split(' ')[0] === wanted);
}

/**
 * The same tenant with another demo person as the current user (`npm start -- --as anders`): the
 * Playground types and clicks as its current user, so this is how a co-chair approves by hand.
 * Each person gets a personal chat of their own, so their cards do not mix with someone else's.
 */
export function tenantAs(config: PlaygroundConfig, person: PlaygroundUser): PlaygroundConfig {
  const everyone = [config.currentUser, ...config.users];
  const slug = danishFold(person.name).replace(/[^a-z0-9]+/g, '-');
  return {
    ...config,
    currentUser: person,
    users: everyone.filter((u) => u.id !== person.id),
    personalChat: { id: person.id === config.currentUser.id ? config.personalChat.id : `a:demo-personal-chat-${slug}` },
  };
}
