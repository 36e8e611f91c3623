// The one place that reads the environment. Values come from env/.env.<ENV_NAME> (the Teams
// Toolkit layout; ENV_NAME defaults to "local"), then process.env overrides them, and the result is
// validated once so that a misconfigured bot stops at start-up instead of failing on its first turn.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** Unset, or set to an empty string in an .env file, both mean "not configured". */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);

const RawConfig = z
  .object({
    ENV_NAME: z
      .string()
      .regex(/^[a-z0-9-]+$/i, 'letters, digits and dashes only')
      .default('local'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Bind address; defaults to 127.0.0.1 in local mode and 0.0.0.0 when authentication is on. */
    HOST: optionalText,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    /** The Teams app's id (manifest "id"), for deep links to the tab; the package step fills it in too. */
    TEAMS_APP_ID: optionalText.pipe(z.guid('expected the Teams app id, a GUID').optional()),
    /** The host the bot and the tab are served from (no scheme, no path), e.g. bot.example.org. */
    BOT_DOMAIN: optionalText.pipe(
      z
        .string()
        .regex(
          /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i,
          'expected a host name',
        )
        .optional(),
    ),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    DEFAULT_ORG: z.enum(['midt', 'nord']).default('midt'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('./.data/pglite'),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
        .optional(),
    ),
    /** Largest request body accepted on /api/messages, in bytes. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
    /** Approvals: where each deciding body works, as body=conversationId pairs separated by commas. */
    APPROVAL_BODY_CONVERSATIONS: optionalText.pipe(
      z
        .string()
        .regex(
          /^[a-z0-9-]+=[^,=\s]+(,[a-z0-9-]+=[^,=\s]+)*$/,
          'expected body=conversationId pairs separated by commas, e.g. formandskab=19:abc@thread.tacv2',
        )
        .optional(),
    ),
    /** Also post each approval card in every approver's personal chat with the bot. */
    APPROVAL_PERSONAL_COPIES: z.enum(['true', 'false']).default('true'),
    /**
     * Open a personal chat by Entra object id for an approver the bot has not talked to. Defaults
     * to on with authentication (real Teams) and off in local mode: the Agents Playground makes
     * such a chat where nobody can see it, so there the card waits for the person's own chat.
     */
    APPROVAL_OPEN_PERSONAL_CHATS: z.enum(['true', 'false']).optional(),
    APPROVAL_REMINDER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    APPROVAL_REMINDER_REPEAT_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    APPROVAL_REMINDER_MAX: z.coerce.number().int().min(0).max(10).default(3),
    /** Copenhagen hour from which reminders go out on their day. */
    APPROVAL_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(8),
    APPROVAL_OVERDUE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    /** How often the approvals job opens due rounds, re-sends failed card updates and reminds. */
    APPROVAL_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(15),
  })
  .superRefine((c, ctx) => {
    if (!c.MicrosoftAppId) {
      if (c.MicrosoftAppPassword)
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppId'],
          message: 'MicrosoftAppPassword is set but MicrosoftAppId is empty',
        });
      // Without authentication anyone who can reach the port can talk as anyone: loopback only.
      if (c.HOST && !['127.0.0.1', '::1', 'localhost'].includes(c.HOST)) {
        ctx.addIssue({
          code: 'custom',
          path: ['HOST'],
          message:
            'without MicrosoftAppId (authentication off) the bot binds to loopback only (127.0.0.1, ::1 or localhost)',
        });
      }
      return;
    }
    if (c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: `required when MicrosoftAppId is set and MicrosoftAppType is ${c.MicrosoftAppType}`,
      });
    }
    if (c.MicrosoftAppType !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `required when MicrosoftAppType is ${c.MicrosoftAppType}`,
      });
    }
  });

export type RawConfig = z.infer<typeof RawConfig>;

export interface Config extends RawConfig {
  /** Bot Framework authentication is on exactly when an app id is configured. */
  authEnabled: boolean;
  host: string;
  /** The env file that was read, if any (for the start-up log). */
  envFile: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const PROJECT_ENV_DIR = join(__dirname, '..', 'env');

export interface LoadConfigOptions {
  /** Defaults to process.env; tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** Directory holding the .env.<name> files; defaults to the project's env/. */
  envDir?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const envName = env.ENV_NAME && env.ENV_NAME.trim() !== '' ? env.ENV_NAME.trim() : 'local';
  const problems: string[] = [];
  let fromFile: Record<string, string> = {};
  let envFile: string | null = null;
  if (/^[a-z0-9-]+$/i.test(envName)) {
    const path = resolve(options.envDir ?? PROJECT_ENV_DIR, `.env.${envName}`);
    if (existsSync(path)) {
      try {
        fromFile = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
        envFile = path;
      } catch (err) {
        problems.push(`${path}: cannot be read (${(err as Error).message})`);
      }
    } else if (env.ENV_NAME) {
      // An explicitly chosen environment without its file is a mistake; the default may be absent.
      problems.push(`ENV_NAME: ${path} does not exist`);
    }
  }
  const parsed = RawConfig.safeParse({ ...fromFile, ...definedOnly(env), ENV_NAME: envName });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(config)';
      problems.push(`${key}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  const authEnabled = Boolean(c.MicrosoftAppId);
  return { ...c, authEnabled, host: c.HOST ?? (authEnabled ? '0.0.0.0' : '127.0.0.1'), envFile };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
