// Opens the one database: embedded PGlite in a data directory (default), or PostgreSQL when a
// DATABASE_URL is given. Same schema, same migrations, same queries. Migrations run on open.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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

/**
 * A new data directory is made by initdb in a PGlite instance of its own, in a child process: one
 * in this process stays referenced after its close(), and its WebAssembly memory (~130 MB) would be
 * resident for the bot's whole life. The child is plain JavaScript, so it runs the same under tsx.
 */
async function makeDataDir(dir: string): Promise<void> {
  const script =
    'require(process.argv[1]).PGlite.create({ dataDir: process.argv[2] }).then((p) => p.close())' +
    '.catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exitCode = 1; });';
  try {
    await promisify(execFile)(process.execPath, ['-e', script, require.resolve('@electric-sql/pglite'), dir], {
      maxBuffer: 1 << 20,
    });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(`could not make the database directory ${dir}: ${stderr || (e as Error).message}`);
  }
}

/**
 * PGlite runs each query synchronously on this thread, and a chain of awaited queries (a job's
 * pass, the seeding) goes on in microtasks without returning to the event loop, so HTTP requests
 * waited for the whole chain: after a restart /readyz went unanswered for 0.8-1.7 s while the
 * approvals and notification jobs made their first pass. Each query now yields to the loop first.
 */
function yieldingBetweenQueries(pglite: PGlite): PGlite {
  const query: PGlite['query'] = async (...args) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return pglite.query(...args);
  };
  // The dialect also calls close(): every member but query() is the instance's own, bound to it
  // (PGlite's methods read private fields, which a proxy as `this` does not have).
  return new Proxy(pglite, {
    get(target, key) {
      if (key === 'query') return query;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function openPglite(dataDir: string): Promise<Store> {
  const dir = path.resolve(dataDir);
  const lock = acquireLock(dir);
  let pglite: PGlite;
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await makeDataDir(dir);
    pglite = await createPglite(dir);
  } catch (e) {
    lock.release();
    throw e;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(yieldingBetweenQueries(pglite)) });
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
