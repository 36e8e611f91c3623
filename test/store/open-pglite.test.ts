// How the bot's embedded database is opened (src/store/open.ts, src/store/migrate.ts): a new
// directory is made (in a child process) and migrated, a restart finds the migrations applied
// without running the Migrator, and a long chain of queries leaves the event loop free between them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { freshPgliteDir } from './helpers/databases';
import { openStore } from '../../src/store/open';
import { migrateToLatest } from '../../src/store/migrate';
import { migrations } from '../../src/store/migrations';

describe('opening the embedded database', function () {
  this.timeout(90_000);
  let dir: string;
  before(async () => {
    dir = await freshPgliteDir({ migrated: false });
    const store = await openStore({ dataDir: dir });
    await store.close();
  });
  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('makes a new data directory, migrated, and a restart finds every migration applied', async () => {
    assert.ok(fs.existsSync(path.join(dir, 'PG_VERSION')));
    const store = await openStore({ dataDir: dir, migrate: false });
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
      assert.deepEqual(
        rows.map((r) => r.name),
        Object.keys(migrations).sort(),
      );
      assert.deepEqual(await migrateToLatest(store.db), { results: [] });
      // One recorded migration missing (a feature's new one): the Migrator runs it, and only it.
      const last = Object.keys(migrations).sort().at(-1)!;
      await migrations[last]!.down?.(store.db);
      await sql`delete from kysely_migration where name = ${last}`.execute(store.db);
      const again = await migrateToLatest(store.db);
      assert.deepEqual(
        again.results?.map((r) => [r.migrationName, r.status]),
        [[last, 'Success']],
      );
    } finally {
      await store.close();
    }
  });

  it('lets timers and I/O run between the queries of a long chain', async () => {
    const store = await openStore({ dataDir: dir, migrate: false });
    try {
      let done = 0;
      let doneWhenTimerRan = -1;
      const timer = setTimeout(() => {
        doneWhenTimerRan = done;
      }, 0);
      try {
        for (let i = 0; i < 200; i++) {
          await sql`select ${i}::int as i`.execute(store.db);
          done++;
        }
      } finally {
        clearTimeout(timer);
      }
      assert.ok(
        doneWhenTimerRan >= 0 && doneWhenTimerRan < 200,
        `the timer ran after ${doneWhenTimerRan} of 200 queries`,
      );
    } finally {
      await store.close();
    }
  });
});
