// Runs the migration list with Kysely's Migrator (it serialises concurrent runs with a lock table).
// A restart usually finds every migration applied: one query says so, and the Migrator, whose
// checks introspect the whole catalogue (~0.5 s of PGlite's start-up), is not run at all.
import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations';

/** Kysely's default table of applied migrations. */
const APPLIED_TABLE = 'kysely_migration';

async function allApplied(db: Kysely<any>): Promise<boolean> {
  let names: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(APPLIED_TABLE)}`.execute(db);
    names = rows.map((r) => r.name);
  } catch {
    return false; // no table yet: a new database, which the Migrator sets up
  }
  const applied = new Set(names);
  return Object.keys(migrations).every((m) => applied.has(m));
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  if (await allApplied(db)) return { results: [] };
  // Features add migrations in parallel; one that sorts before an applied one still runs.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`database migration ${failed ?? ''} failed: ${reason}`);
  }
  return result;
}
