// npm run package [-- --env dev]: builds build/appPackage.<env>.zip from manifest/ with the values
// of env/.env.<env> (TEAMS_APP_ID, BOT_ID or MicrosoftAppId, BOT_DOMAIN). Exit 2 with the reasons
// when a value is missing or the package would be refused by Teams.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseEnv, parseArgs } from 'node:util';
import { buildAppPackage } from '../manifest/package';

const ROOT = join(__dirname, '..', '..');

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(2);
}

function main(): void {
  let envName: string;
  try {
    const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } });
    envName = values.env!;
  } catch (err) {
    fail([(err as Error).message, 'usage: npm run package [-- --env <name>]']);
  }
  if (!/^[a-z0-9-]+$/i.test(envName)) fail([`--env ${envName}: letters, digits and dashes only`]);
  const envFile = join(ROOT, 'env', `.env.${envName}`);
  if (!existsSync(envFile))
    fail([`${relative(ROOT, envFile)} does not exist: copy env/.env.dev and fill in your bot registration`]);
  const vars = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  // Teams Toolkit calls the bot's app id BOT_ID; the bot itself reads MicrosoftAppId. One value.
  if (!vars.BOT_ID?.trim() && vars.MicrosoftAppId?.trim()) vars.BOT_ID = vars.MicrosoftAppId;
  const result = buildAppPackage(join(ROOT, 'manifest'), vars);
  if (!result.ok)
    fail([
      `Cannot build the app package for "${envName}" (${relative(ROOT, envFile)}):`,
      ...result.problems.map((p) => `  - ${p}`),
    ]);
  const out = join(ROOT, 'build', `appPackage.${envName}.zip`);
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  writeFileSync(out, result.zip);
  process.stdout.write(
    `${relative(ROOT, out)}: ${result.files.size} files, app id ${result.manifest.id}, bot ` +
      `${result.manifest.bots[0]!.botId}\n`,
  );
}

main();
