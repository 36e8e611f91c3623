// Storage wiring for the bot: opens the one database (PGlite in DATA_DIR, or PostgreSQL with
// DATABASE_URL), seeds the demo cases into an empty embedded store, loads the people directory from
// env/directory.<ENV_NAME>.yaml when it exists, and builds the services that live on the store.
// `startLocalEndpoint` lets `npm run ask` / `npm run cases` reach this process while it holds
// the embedded database (see src/http/internal-server.ts).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { GovernanceModel } from '../governance/load';
import type { Answer, OrgId } from '../assistant/answer';
import type { CasesService } from '../cases/service';
import { parseDirectoryYaml } from '../directory/file';
import type { DirectoryPort } from '../directory/person';
import { startInternalServer, type InternalServer } from '../http/internal-server';
import { KyselyCaseRepository } from '../store/cases-repository';
import { KyselyConversations } from '../store/conversations';
import { KyselyDirectory } from '../store/directory';
import { KyselyShownCases } from '../store/shown-cases';
import type { ShownCasePort } from '../cases/ports';
import { openStore, type Store } from '../store/open';
import { seedDemoCasesIfEmpty } from '../cases/seed';
import { createCasesService, seedIfLocal } from './cases';
import type { CaseChangeHook } from '../store/case-change-hook';

export const ENV_DIR = join(__dirname, '..', '..', 'env');

export interface Storage {
  store: Store;
  cases: CasesService;
  directory: DirectoryPort;
  conversations: KyselyConversations;
  shownCases: ShownCasePort;
  close(): Promise<void>;
}

export class DirectoryFileError extends Error {}

/** Loads env/directory.<env>.yaml into the directory (upsert); a bad file stops start-up with its lines. */
export async function loadDirectoryFile(directory: DirectoryPort, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const parsed = parseDirectoryYaml(readFileSync(file, 'utf8'), basename(file));
  if (!parsed.ok) throw new DirectoryFileError(`the directory file is invalid:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  await directory.upsertMany(parsed.people);
  return parsed.people.length;
}

export async function openStorage(
  config: Config,
  model: GovernanceModel,
  today: () => string,
  logger: Logger,
  envDir = ENV_DIR,
  /** Runs inside each case change's transaction (notifications outbox). */
  onCaseChange?: CaseChangeHook,
): Promise<Storage> {
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const seeded = await seedIfLocal(store);
    const directory = new KyselyDirectory(store.db);
    const people = await loadDirectoryFile(directory, join(envDir, `directory.${config.ENV_NAME}.yaml`));
    logger.info({ database: store.kind, seededCases: seeded, directoryPeople: people }, 'storage ready');
    return {
      store,
      cases: createCasesService(store, model, today, onCaseChange),
      directory,
      conversations: new KyselyConversations(store.db),
      shownCases: new KyselyShownCases(store.db),
      close: () => store.close(),
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Starts the loopback endpoint and advertises it in the data directory lock (PGlite only). */
export async function startLocalEndpoint(
  storage: Storage,
  ask: (q: string, o: { org?: OrgId; date?: string; lang?: 'da' | 'en' }) => Promise<Answer>,
  logger: Logger,
): Promise<InternalServer | null> {
  if (!storage.store.lock) return null;
  const server = await startInternalServer(
    {
      ask,
      exportCases: () => storage.cases.exportFile(),
      importCases: (text, fileName) => storage.cases.importFile(text, fileName),
      seedDemo: () => seedDemoCasesIfEmpty(new KyselyCaseRepository(storage.store.db)),
    },
    logger,
  );
  storage.store.lock.advertise({ url: server.url, token: server.token });
  return server;
}
