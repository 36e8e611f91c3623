// npm start: the bot and the Microsoft 365 Agents Playground together, so you can talk to the bot
// in a browser without a Teams tenant. Ctrl-C stops both.
//   npm start [-- --port 56150] [--no-isolate] [--as anders]
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { canIsolate, DEFAULT_UI_PORT, startLocal } from '../playground/launch';
import { findDemoPerson, readPlaygroundConfig, tenantAs } from '../playground/config';
import { PROJECT_ROOT } from '../playground/processes';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; 'no-isolate'?: boolean; isolate?: boolean; as?: string };
  const usage = 'usage: npm start [-- --port <n>] [--no-isolate | --isolate] [--as <demo person, e.g. anders>]';
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'no-isolate': { type: 'boolean' },
        isolate: { type: 'boolean' },
        as: { type: 'string' },
      },
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${usage}`);
  }
  const uiPort = values.port === undefined ? DEFAULT_UI_PORT : Number(values.port);
  if (!Number.isInteger(uiPort) || uiPort < 0 || uiPort > 65535)
    fail(`--port ${values.port}: expected a port number (0 for any free port)`);

  let botPort: number;
  try {
    botPort = loadConfig().PORT;
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const tenant = readPlaygroundConfig(join(PROJECT_ROOT, '.m365agentsplayground.yml'));
  if (!tenant.ok)
    fail(`The Playground's tenant file is not valid:\n${tenant.problems.map((p) => `  - ${p}`).join('\n')}`);
  let tenantFile: string | undefined;
  let config = tenant.config;
  if (values.as !== undefined) {
    const person = findDemoPerson(config, values.as);
    const names = [config.currentUser, ...config.users].map((u) => u.name.split(' ')[0]!.toLowerCase()).join(', ');
    if (!person) fail(`--as ${values.as}: no such demo person (${names})\n${usage}`);
    config = tenantAs(config, person);
    // The generated tenant lives next to the bot's data, outside git.
    tenantFile = join(PROJECT_ROOT, '.data', 'playground', `tenant.${person.id.replace(/[^a-z0-9-]/gi, '_')}.yml`);
    mkdirSync(dirname(tenantFile), { recursive: true });
    writeFileSync(tenantFile, stringify(config));
  }

  const check = canIsolate();
  const isolate = values['no-isolate'] ? false : values.isolate ? true : 'auto';
  process.stdout.write(
    isolate === false || !check.possible
      ? `Starting the bot (port ${botPort}) and the Agents Playground as ordinary processes ` +
          `(${isolate === false ? '--no-isolate' : check.reason}).\n`
      : `Starting the bot (port ${botPort}) and the Agents Playground in a loopback-only network namespace ` +
          `(${check.reason}).\n`,
  );
  let stack: Awaited<ReturnType<typeof startLocal>>;
  try {
    stack = await startLocal({ botPort, uiPort, isolate, stdio: 'inherit', openBrowser: false, tenantFile });
  } catch (err) {
    fail(`Could not start: ${(err as Error).message}`);
  }
  const { currentUser, team } = config;
  process.stdout.write(
    [
      '',
      `  Agents Playground: ${stack.url}`,
      `  You are ${currentUser.name}. Try "hvem beslutter om vi må bruge penge fra beredskabspuljen?" in the ` +
        `personal chat,`,
      `  or @mention the bot in the team "${team.name}". "mine godkendelser" lists the approvals waiting for you;`,
      '  to act as a co-chair, start as them: npm start -- --as anders (or birgitte, soeren, hanne, jonas, mette).',
      '  Ctrl-C stops the bot and the Playground.',
      '',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await stack.exited;
  if (!stopping) {
    process.stderr.write(`The bot or the Playground stopped (exit code ${code}); stopping the other.\n`);
    await stack.stop();
    process.exit(1);
  }
}

void main();
