import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from './helpers/databases';
import { migrateToLatest } from '../../src/store/migrate';
import { migrations } from '../../src/store/migrations';

async function tableNames(tdb: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public' order by 1`.execute(
    tdb.store.db,
  );
  return rows.map((r) => r.name);
}

for (const kind of STORE_KINDS) {
  describe(`store migrations [${kind}]`, function () {
    this.timeout(90_000);
    let tdb: TestDatabase;
    before(async () => {
      tdb = await createTestDatabase(kind, { migrate: false });
    });
    after(async () => tdb?.drop());

    it('migrates an empty database up to the latest, then re-running changes nothing', async () => {
      assert.deepEqual(await tableNames(tdb), []);
      const first = await migrateToLatest(tdb.store.db);
      assert.deepEqual(
        first.results?.map((r) => [r.migrationName, r.status]),
        Object.keys(migrations).map((m) => [m, 'Success']),
      );
      const tables = await tableNames(tdb);
      for (const t of ['cases', 'case_events', 'case_seq', 'conversations', 'people'])
        assert.ok(tables.includes(t), `table ${t} exists`);

      const again = await migrateToLatest(tdb.store.db);
      assert.deepEqual(again.results, []);
      assert.deepEqual(await tableNames(tdb), tables);
    });

    it('keeps the case history append-only in the database itself', async () => {
      const db = tdb.store.db;
      await db
        .insertInto('cases')
        .values({
          id: 'SAG-2026-0001',
          year: 2026,
          seq: 1,
          title: 't',
          title_en: null,
          search_text: 't',
          org: 'midt',
          process_id: 'p',
          clusters: '[]',
          step_id: 's',
          holder: 'ssg',
          status: 'open',
          deadlines: '[]',
          documents: '[]',
          positions: '[]',
          positions_process: null,
          amount_dkk: null,
          pool_year: null,
          pool_approved_at: null,
          created_by: 'x',
          created_at: new Date(),
          updated_at: new Date(),
          version: 1,
        })
        .execute();
      await db
        .insertInto('case_events')
        .values({
          case_id: 'SAG-2026-0001',
          at: new Date(),
          actor_id: 'x',
          actor_name: 'X',
          kind: 'created',
          from_step: null,
          to_step: null,
          comment: null,
        })
        .execute();
      await assert.rejects(db.updateTable('case_events').set({ comment: 'rewritten' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('case_events').execute(), /append-only/);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(db);
      assert.equal(rows[0]?.n, 1);
    });
  });
}
