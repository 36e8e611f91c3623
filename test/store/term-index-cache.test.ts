// The search's in-memory word index, on both databases: a full reload (every few minutes) never
// shows a search an empty or half-built index (it once emptied the index first, so searches
// during the reload found nothing), and another process's new case is found after the 250 ms
// refresh interval. The clock is the test's own.
import assert from 'node:assert/strict';
import { KyselyCaseRepository, TermIndexCache } from '../../src/store/cases-repository';
import { seedPoolCase } from '../approvals/helpers/world';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from './helpers/databases';

for (const kind of STORE_KINDS)
  describe(`search word index refresh [${kind}]`, function () {
    this.timeout(60_000);
    let db: TestDatabase | undefined;
    after(async () => db?.drop());

    it('serves the whole index while it reloads, and sees new cases after the refresh interval', async () => {
      db = await createTestDatabase(kind);
      let now = 1_000_000;
      const repo = new KyselyCaseRepository(db.store.db, undefined, new TermIndexCache(db.store.db, () => now));
      const search = () => repo.searchIds('zebraprojekt', { limit: 10, minScore: 0.25 });
      // Written by another repository (another process, as far as this index knows).
      const first = await seedPoolCase(db.store, 1000, 'Zebraprojekt i Skive');
      const before = await search();
      assert.deepEqual(
        before.map((h) => h.caseId),
        [first.id],
      );

      now += 6 * 60_000; // a full reload is due: every search meanwhile gets the whole index
      const during = await Promise.all([search(), search(), search(), search()]);
      for (const hits of during) assert.deepEqual(hits, before);

      const second = await seedPoolCase(db.store, 1000, 'Zebraprojekt i Holstebro');
      now += 100;
      assert.equal((await search()).length, 1, 'within 250 ms the index may be as it was');
      now += 200;
      assert.deepEqual((await search()).map((h) => h.caseId).sort(), [first.id, second.id].sort());
    });
  });
