// Opens the one database: embedded PGlite in a data directory (default), or PostgreSQL when a
// DATABASE_URL is given. Same schema, same migrations, same queries. Migrations run on open.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { Database } from './schema';
import { acquireLock, type HeldLock } from './lock';
import { migrateToLatest } from './migrate';

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: StoreKind;
  /** The data-directory lock (PGlite only); a running bot advertises its local endpoint here. */
  readonly lock: HeldLock | null;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** postgres:// URL; when set, PostgreSQL is used and dataDir is ignored. */
  databaseUrl?: string;
  /** PGlite data directory (created on first start); required without databaseUrl. */
  dataDir?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /** How long a query waits for a pooled PostgreSQL connection before it fails (default 10 s). */
  acquireTimeoutMs?: number;
}

/** A query that waited this long for a pooled connection fails instead of hanging the turn. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;

/** True for pg-pool's "no connection became free in time" (the turn is answered "busy, retry"). */
export function isDatabaseBusy(err: unknown): boolean {
  return err instanceof Error && /timeout exceeded when trying to connect/.test(err.message);
}

/** Answers within `timeoutMs` whether the database takes a query (for /healthz). */
export async function pingStore(
  store: Pick<Store, 'db'>,
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(store.db), timeout]);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** The project's default embedded data directory, relative to the checkout. */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '..', '.data', 'pglite');

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

function openPostgres(url: string, max: number, acquireTimeoutMs: number): Store {
  // No code path holds one connection while it waits for another (card updates take a lease, not
  // a lock held in a transaction); the acquire timeout is the last guard against a pool run dry.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: acquireTimeoutMs });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor a checked-out one between two queries (pg_terminate_backend, a failover): the pool listens
  // only to idle clients, and an 'error' event nobody hears kills the process. The client is then
  // unqueryable, so its transaction fails and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', lock: null, close: () => db.destroy() };
}

/**
 * PostgreSQL's default shared_buffers (128 MB) is resident memory in PGlite's WebAssembly heap; this
 * database is a few MB, so 16 MB holds all of it (measured: 314 -> 190 MB resident after opening).
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

function createPglite(dir: string): Promise<PGlite> {
  // pg_trgm stays loaded for data directories made while 002 still created a trigram index.
  return PGlite.create({
    dataDir: dir,
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
  });
}

async function openPglite(dataDir: string): Promise<Store> {
  const dir = path.resolve(dataDir);
  const lock = acquireLock(dir);
  let pglite: PGlite;
  try {
    fs.mkdirSync(dir, { recursive: true });
    // A new directory is made by initdb in its own WebAssembly instance, which this process would
    // otherwise keep (~300 MB): made by a first instance that is closed, then opened afresh.
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await (await createPglite(dir)).close();
    pglite = await createPglite(dir);
  } catch (e) {
    lock.release();
    throw e;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    lock,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock.release();
      }
    },
  };
}
