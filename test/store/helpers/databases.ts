// Every storage test is written once and run against both databases: embedded PGlite (a fresh
// temporary data directory) and the PostgreSQL server on 127.0.0.1:5432 (a fresh database per
// suite, created and dropped here). PostgreSQL being unreachable fails the suite; it never skips.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type Store, type StoreKind } from '../../../src/store/open';

export const STORE_KINDS: readonly StoreKind[] = ['pglite', 'postgres'];

/** The test server's admin connection; `.ci/run` starts PostgreSQL if it is down. */
export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly kind: StoreKind;
  readonly store: Store;
  /** For PGlite, the data directory; for PostgreSQL, the database URL. */
  readonly location: string;
  /** Opens a second handle on the same database (PostgreSQL only: PGlite is single-process). */
  openAnother(): Promise<Store>;
  drop(): Promise<void>;
}

let pgliteTemplate: Promise<string> | null = null;

/** A migrated PGlite directory made once per run; suites copy it (initdb takes seconds). */
function templateDir(): Promise<string> {
  pgliteTemplate ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-template-'));
    const store = await openStore({ dataDir: path.join(dir, 'db') });
    await store.close();
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'db');
  })();
  return pgliteTemplate;
}

export async function freshPgliteDir(options: { migrated?: boolean } = {}): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-test-'));
  const dir = path.join(root, 'db');
  if (options.migrated !== false) fs.cpSync(await templateDir(), dir, { recursive: true });
  return dir;
}

export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function createTestDatabase(kind: StoreKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = await freshPgliteDir({ migrated: options.migrate !== false });
    const store = await openStore({ dataDir: dir, migrate: options.migrate });
    return {
      kind,
      store,
      location: dir,
      openAnother: () => Promise.reject(new Error('PGlite is single-process')),
      async drop() {
        await store.close();
        fs.rmSync(path.dirname(dir), { recursive: true, force: true });
      },
    };
  }
  const created = await createPostgresDatabase();
  const others: Store[] = [];
  const store = await openStore({ databaseUrl: created.url, migrate: options.migrate });
  return {
    kind,
    store,
    location: created.url,
    async openAnother() {
      const s = await openStore({ databaseUrl: created.url });
      others.push(s);
      return s;
    },
    async drop() {
      await Promise.all([store, ...others].map((s) => s.close()));
      await created.drop();
    },
  };
}

/** Empties every application table (all but the migration bookkeeping), whoever's they are. */
export async function emptyTables(store: Store): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%'`.execute(
    store.db,
  );
  if (rows.length === 0) return;
  const list = rows.map((r) => `"${r.name.replace(/"/g, '""')}"`).join(', ');
  await sql.raw(`truncate table ${list} restart identity cascade`).execute(store.db);
}

/**
 * Declares a suite once per database kind. `get()` returns that suite's database; tables are
 * emptied before each test so tests stay independent.
 */
export function describeEachStore(title: string, body: (get: () => TestDatabase) => void): void {
  for (const kind of STORE_KINDS) {
    describe(`${title} [${kind}]`, () => {
      let tdb: TestDatabase | undefined;
      before(async function () {
        this.timeout(90_000);
        tdb = await createTestDatabase(kind);
      });
      after(async () => {
        await tdb?.drop();
      });
      beforeEach(async () => {
        if (tdb) await emptyTables(tdb.store);
      });
      body(() => {
        if (!tdb) throw new Error(`the ${kind} test database was not created`);
        return tdb;
      });
    });
  }
}
