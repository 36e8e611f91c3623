// The Teams app manifest fields this app uses, with the limits Teams enforces when a package is
// uploaded (schema v1.22; see learn.microsoft.com/microsoftteams/platform/resources/schema/manifest-schema).
// Not the whole Microsoft schema: a field we start using gets added here, so the package test keeps
// checking everything we ship.
import { z } from 'zod';

export const MANIFEST_VERSION = '1.22';
const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const LOCALIZATION_SCHEMA_URL =
  `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}` +
  '/MicrosoftTeams.Localization.schema.json';

const httpsUrl = z
  .string()
  .max(2048)
  .regex(/^https:\/\/[^\s/$.?#][^\s]*$/, 'must be an https:// URL');
const languageTag = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'must be a language tag such as da or en-us');
/** validDomains take host names, optionally with a leading wildcard label, never a scheme. */
const domain = z
  .string()
  .max(2048)
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(:\d+)?$|^localhost(:\d+)?$/i,
    'must be a host name without scheme, e.g. bot.example.org',
  );

export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
const BotScope = z.enum(BOT_SCOPES);

// Microsoft's JSON schema allows 128 characters for a command title, but the Teams command menu
// (and the Developer Portal) take 32 for a title and 128 for a description.
const BotCommand = z.strictObject({
  title: z.string().min(1).max(32),
  description: z.string().min(1).max(128),
});

const CommandList = z.strictObject({
  scopes: z.array(BotScope).min(1).max(3),
  commands: z.array(BotCommand).min(1).max(10),
});

const Bot = z
  .strictObject({
    botId: z.guid('botId must be the Microsoft App ID (a GUID)'),
    scopes: z.array(BotScope).min(1).max(3),
    supportsFiles: z.boolean(),
    isNotificationOnly: z.boolean(),
    commandLists: z.array(CommandList).max(3),
  })
  .superRefine((bot, ctx) => {
    if (new Set(bot.scopes).size !== bot.scopes.length)
      ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'scopes must be unique' });
    const listed = new Set<string>();
    bot.commandLists.forEach((list, i) => {
      for (const scope of list.scopes) {
        // Teams shows one command menu per scope.
        if (listed.has(scope))
          ctx.addIssue({
            code: 'custom',
            path: ['commandLists', i, 'scopes'],
            message: `scope ${scope} has more than one command list`,
          });
        if (!bot.scopes.includes(scope))
          ctx.addIssue({
            code: 'custom',
            path: ['commandLists', i, 'scopes'],
            message: `scope ${scope} is not one of the bot's scopes`,
          });
        listed.add(scope);
      }
      const titles = list.commands.map((c) => c.title.toLowerCase());
      const dup = titles.find((t, j) => titles.indexOf(t) !== j);
      if (dup)
        ctx.addIssue({
          code: 'custom',
          path: ['commandLists', i, 'commands'],
          message: `command "${dup}" is listed twice`,
        });
    });
  });

// The message extension (issue 12): search commands in the compose box and command box, an action
// on a message's menu, and link unfurling for the bot's own domain. Limits from schema v1.22.
export const COMMAND_CONTEXTS = ['compose', 'commandBox', 'message'] as const;
const ExtensionParameter = z.strictObject({
  name: z.string().min(1).max(64),
  title: z.string().min(1).max(32),
  description: z.string().min(1).max(128),
  inputType: z.enum(['text', 'textarea', 'number', 'date', 'time', 'toggle', 'choiceset']),
});
const ExtensionCommand = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'command ids are letters and digits'),
    type: z.enum(['query', 'action']),
    title: z.string().min(1).max(32),
    description: z.string().min(1).max(128),
    context: z.array(z.enum(COMMAND_CONTEXTS)).min(1).max(3),
    initialRun: z.boolean().optional(),
    fetchTask: z.boolean().optional(),
    parameters: z.array(ExtensionParameter).min(1).max(5),
    taskInfo: z.strictObject({ title: z.string().min(1).max(64) }).optional(),
  })
  .superRefine((c, ctx) => {
    // A search needs its text box; an action without fetchTask would need static parameters only.
    if (c.type === 'action' && !c.fetchTask)
      ctx.addIssue({ code: 'custom', path: ['fetchTask'], message: 'our action commands open a dialog (fetchTask)' });
    if (c.type === 'query' && c.context.includes('message'))
      ctx.addIssue({ code: 'custom', path: ['context'], message: 'a search command has no message context' });
  });
const ComposeExtension = z
  .strictObject({
    botId: z.guid('botId must be the Microsoft App ID (a GUID)'),
    commands: z.array(ExtensionCommand).min(1).max(10),
    messageHandlers: z
      .array(
        z.strictObject({
          type: z.literal('link'),
          value: z.strictObject({
            domains: z.array(domain).min(1).max(10),
            // Zero-install unfurling (composeExtension/anonymousQueryLink).
            supportsAnonymizedPayloads: z.boolean().optional(),
          }),
        }),
      )
      .max(5)
      .optional(),
  })
  .superRefine((e, ctx) => {
    const ids = e.commands.map((c) => c.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['commands'], message: `command id "${dup}" is listed twice` });
  });
/** The tab (src/http/tab-api.ts): the personal "Sager" tab and a channel tab bound to a cluster. */
const StaticTab = z.strictObject({
  entityId: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
  contentUrl: httpsUrl,
  websiteUrl: httpsUrl.optional(),
  scopes: z
    .array(z.enum(['personal', 'team', 'groupChat']))
    .min(1)
    .max(3),
});
const ConfigurableTab = z.strictObject({
  configurationUrl: httpsUrl,
  canUpdateConfiguration: z.boolean(),
  scopes: z
    .array(z.enum(['team', 'groupChat']))
    .min(1)
    .max(2),
});
/** SSO for the tab: the Entra app and the Application ID URI its tokens are issued for. */
const WebApplicationInfo = z.strictObject({
  id: z.guid('webApplicationInfo.id must be the Entra app (client) id, a GUID'),
  resource: z.string().regex(/^api:\/\/[^\s/]+\/[0-9a-f-]{36}$/i, 'must be api://<domain>/<client id>'),
});

export const AppManifest = z.strictObject({
  $schema: z.literal(SCHEMA_URL),
  manifestVersion: z.literal(MANIFEST_VERSION),
  version: z
    .string()
    .max(256)
    .regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0'),
  id: z.guid('id must be the Teams app id (a GUID)'),
  localizationInfo: z.strictObject({
    defaultLanguageTag: languageTag,
    additionalLanguages: z
      .array(
        z.strictObject({
          languageTag,
          file: z
            .string()
            .min(1)
            .max(2048)
            .regex(/^[\w.-]+\.json$/, 'must be a .json file at the package root'),
        }),
      )
      .max(30),
  }),
  developer: z.strictObject({
    name: z.string().min(1).max(32),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  }),
  icons: z.strictObject({ color: z.string().min(1).max(2048), outline: z.string().min(1).max(2048) }),
  name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
  description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #RRGGBB colour'),
  bots: z.array(Bot).min(1).max(1),
  permissions: z.array(z.enum(['identity', 'messageTeamMembers'])).max(2),
  validDomains: z.array(domain).min(1).max(16),
  composeExtensions: z.array(ComposeExtension).max(1).optional(),
  staticTabs: z.array(StaticTab).max(16).optional(),
  configurableTabs: z.array(ConfigurableTab).max(1).optional(),
  webApplicationInfo: WebApplicationInfo.optional(),
});
export type AppManifest = z.infer<typeof AppManifest>;

/** The localizable strings of our manifest and Teams' length limit for each, keyed as in a localization file. */
export function localizableStrings(manifest: AppManifest): Map<string, { value: string; max: number }> {
  const out = new Map<string, { value: string; max: number }>([
    ['name.short', { value: manifest.name.short, max: 30 }],
    ['name.full', { value: manifest.name.full, max: 100 }],
    ['description.short', { value: manifest.description.short, max: 80 }],
    ['description.full', { value: manifest.description.full, max: 4000 }],
  ]);
  manifest.staticTabs?.forEach((tab, i) => out.set(`staticTabs[${i}].name`, { value: tab.name, max: 128 }));
  manifest.bots.forEach((bot, b) =>
    bot.commandLists.forEach((list, l) =>
      list.commands.forEach((command, c) => {
        out.set(`bots[${b}].commandLists[${l}].commands[${c}].title`, { value: command.title, max: 32 });
        out.set(`bots[${b}].commandLists[${l}].commands[${c}].description`, { value: command.description, max: 128 });
      }),
    ),
  );
  manifest.composeExtensions?.forEach((ext, e) =>
    ext.commands.forEach((command, c) => {
      const at = `composeExtensions[${e}].commands[${c}]`;
      out.set(`${at}.title`, { value: command.title, max: 32 });
      out.set(`${at}.description`, { value: command.description, max: 128 });
      command.parameters.forEach((p, i) => {
        out.set(`${at}.parameters[${i}].title`, { value: p.title, max: 32 });
        out.set(`${at}.parameters[${i}].description`, { value: p.description, max: 128 });
      });
      if (command.taskInfo) out.set(`${at}.taskInfo.title`, { value: command.taskInfo.title, max: 64 });
    }),
  );
  return out;
}

/** What ties the message extension to the rest of the manifest: the same bot, declared link domains. */
export function composeExtensionProblems(m: AppManifest): string[] {
  const out: string[] = [];
  m.composeExtensions?.forEach((e, i) => {
    if (e.botId !== m.bots[0]?.botId) out.push(`manifest.json: composeExtensions.${i}.botId: must be the bot's botId`);
    // Teams only unfurls links on domains the app declares.
    for (const d of (e.messageHandlers ?? []).flatMap((h) => h.value.domains))
      if (!m.validDomains.includes(d))
        out.push(`manifest.json: composeExtensions.${i}.messageHandlers: link domain ${d} is not in validDomains`);
  });
  return out;
}

/** A localization file: the schema URL and string values keyed by manifest path. */
export const LocalizationFile = z.looseObject({ $schema: z.literal(LOCALIZATION_SCHEMA_URL) });
