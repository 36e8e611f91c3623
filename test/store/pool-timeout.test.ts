// A PostgreSQL pool that has no free connection fails a query after the acquire timeout instead
// of letting it wait for ever, and the bot answers such a turn with "the database is busy".
import { strict as assert } from 'node:assert';
import pino from 'pino';
import { sql } from 'kysely';
import { isDatabaseBusy, openStore, type Store } from '../../src/store/open';
import { turnErrorHandler } from '../../src/teams/adapter';
import { createPostgresDatabase } from './helpers/databases';

describe('store: the PostgreSQL pool acquire timeout', function () {
  this.timeout(30_000);
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let store: Store;

  before(async () => {
    created = await createPostgresDatabase();
    store = await openStore({ databaseUrl: created.url, poolSize: 1, acquireTimeoutMs: 300 });
  });
  after(async () => {
    await store.close();
    await created.drop();
  });

  it('fails a query that finds no free connection, with an error the bot recognises', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holding = store.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await held;
    });
    const started = Date.now();
    const err = await sql`select 1`.execute(store.db).then(
      () => null,
      (e: unknown) => e,
    );
    release();
    await holding;
    assert.ok(err, 'the query failed');
    assert.ok(isDatabaseBusy(err), String(err));
    assert.ok(Date.now() - started < 5_000, 'it failed after the acquire timeout, not later');
    assert.deepEqual(
      (await sql<{ n: number }>`select 1 as n`.execute(store.db)).rows,
      [{ n: 1 }],
      'the pool works again',
    );
  });

  it('answers a turn that failed that way with the busy message', async () => {
    const sent: unknown[] = [];
    const ctx = {
      activity: { type: 'message', locale: 'da-DK', conversation: { id: 'c' } },
      sendActivity: async (a: unknown) => void sent.push(a),
    };
    await turnErrorHandler(pino({ level: 'silent' }))(
      ctx as never,
      new Error('timeout exceeded when trying to connect'),
    );
    assert.match(String(sent[0]), /databasen er optaget/);
  });
});
