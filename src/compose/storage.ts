// Storage for the bot and the CLI: opens the one database (PGlite in DATA_DIR, or PostgreSQL with
// DATABASE_URL), seeds the demo cases into an empty embedded store, and loads the people directory
// from env/directory.<ENV_NAME>.yaml when it exists. `startLocalEndpoint` lets `npm run ask` /
// `npm run cases` reach this process while it holds the embedded database
// (see src/http/internal-server.ts).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import { seedDemoCasesIfEmpty } from '../cases/seed';
import type { Config } from '../config';
import { parseDirectoryYaml } from '../directory/file';
import type { DirectoryPort } from '../directory/person';
import { startInternalServer, type InternalServer } from '../http/internal-server';
import type { Lang, OrgId } from '../common/ids';
import type { Answer } from '../assistant/answer';
import { openStore, type Store } from '../store/open';
import type { Core } from './core';

export const ENV_DIR = join(__dirname, '..', '..', 'env');

export class DirectoryFileError extends Error {}

/** Loads env/directory.<env>.yaml into the directory (upsert); a bad file stops start-up with its lines. */
export async function loadDirectoryFile(directory: DirectoryPort, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const parsed = parseDirectoryYaml(readFileSync(file, 'utf8'), basename(file));
  if (!parsed.ok)
    throw new DirectoryFileError(`the directory file is invalid:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  await directory.upsertMany(parsed.people);
  return parsed.people.length;
}

/** Opens the configured database (migrated). */
export function openConfiguredStore(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>,
  options: { poolSize?: number } = {},
): Promise<Store> {
  return openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: options.poolSize });
}

/** Demo cases go only into an empty embedded store; PostgreSQL is seeded on request (npm run seed). */
export async function seedIfLocal(core: Pick<Core, 'store' | 'repos'>): Promise<number> {
  if (core.store.kind !== 'pglite') return 0;
  return (await seedDemoCasesIfEmpty(core.repos.cases)).seeded;
}

/** What the bot does to its data before it serves: seed an empty embedded store, load the directory. */
export async function prepareData(
  core: Pick<Core, 'store' | 'repos'>,
  envName: string,
  logger: Logger,
  envDir = ENV_DIR,
): Promise<void> {
  const seeded = await seedIfLocal(core);
  const people = await loadDirectoryFile(core.repos.directory, join(envDir, `directory.${envName}.yaml`));
  logger.info({ database: core.store.kind, seededCases: seeded, directoryPeople: people }, 'storage ready');
}

/** Starts the loopback endpoint and advertises it in the data directory lock (PGlite only). */
export async function startLocalEndpoint(
  core: Pick<Core, 'store' | 'repos' | 'cases'> & {
    assistant: { ask(q: string, o: { org?: OrgId; date?: string; lang?: Lang }): Promise<Answer> };
  },
  logger: Logger,
): Promise<InternalServer | null> {
  if (!core.store.lock) return null;
  const server = await startInternalServer(
    {
      ask: (q, o) => core.assistant.ask(q, o),
      exportCases: () => core.cases.exportFile(),
      importCases: (text, fileName) => core.cases.importFile(text, fileName),
      seedDemo: () => seedDemoCasesIfEmpty(core.repos.cases),
    },
    logger,
  );
  core.store.lock.advertise({ url: server.url, token: server.token });
  return server;
}
