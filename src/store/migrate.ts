// Runs the migration list with Kysely's Migrator (it serialises concurrent runs with a lock table).
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations';

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
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
