// pg_terminate_backend (an administrator, a failover, a pooler restart) while a connection is
// checked out between two queries of a transaction: the transaction fails, the process does not
// (under the soak a bot died of it: an 'error' event on a pg Client nobody listened to), and the
// next query gets a fresh connection.
import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open';
import { createPostgresDatabase, PG_ADMIN_URL } from './helpers/databases';

describe('store: PostgreSQL connections terminated by the server', function () {
  this.timeout(30_000);
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let store: Store;

  before(async () => {
    created = await createPostgresDatabase();
    store = await openStore({ databaseUrl: created.url, poolSize: 2 });
  });
  after(async () => {
    await store.close();
    await created.drop();
  });

  it('fails the transaction whose connection was terminated mid-way and carries on', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const holding = store.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      inside();
      await held;
      await sql`select 2`.execute(trx);
    });
    await started;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const r = await admin.query(
        'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1',
        [new URL(created.url).pathname.slice(1)],
      );
      assert.ok(r.rows[0].n >= 1, 'a connection was terminated');
    } catch (err) {
      // The held transaction must end, or the pool's close in after() waits for its client.
      release();
      throw err;
    } finally {
      await admin.end();
    }
    // The server's FATAL message reaches the idle, checked-out client while nobody queries it.
    await new Promise((r) => setTimeout(r, 300));
    release();
    const err = await holding.then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err, 'the transaction failed');
    assert.deepEqual((await sql<{ n: number }>`select 1 as n`.execute(store.db)).rows, [{ n: 1 }]);
  });
});
