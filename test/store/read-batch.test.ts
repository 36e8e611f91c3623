// Batched reads: calls in the same turn of the event loop are answered by one query, each caller
// gets its own value (or the missing value), a failure reaches every caller of that query, and a
// later turn starts a new batch. The case cards' recent history, read batched, equals the last
// events of the whole history of each case, on both databases.
import assert from 'node:assert/strict';
import { demoCases } from '../../src/cases/demo';
import { ReadBatch } from '../../src/store/read-batch';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from './helpers/databases';

describe('ReadBatch', () => {
  it('answers the calls of one turn with one load of the distinct keys', async () => {
    const loads: string[][] = [];
    const batch = new ReadBatch<string, number>(
      async (keys) => {
        loads.push(keys);
        return new Map(keys.filter((k) => k !== 'none').map((k) => [k, k.length]));
      },
      () => -1,
    );
    const got = await Promise.all(['a', 'bb', 'a', 'none', 'ccc'].map((k) => batch.load(k)));
    assert.deepEqual(got, [1, 2, 1, -1, 3]);
    assert.deepEqual(loads, [['a', 'bb', 'none', 'ccc']]);
    assert.equal(await batch.load('dddd'), 4);
    assert.equal(loads.length, 2, 'a later turn is a new load');
  });

  it('joins callers that continue after an await in the same turn, and splits long key lists', async () => {
    const loads: number[][] = [];
    const batch = new ReadBatch<number, number>(
      async (keys) => {
        loads.push(keys);
        return new Map(keys.map((k) => [k, k * 2]));
      },
      () => 0,
      3,
    );
    const got = await Promise.all(
      [1, 2, 3, 4, 5].map(async (k) => {
        await Promise.resolve();
        return batch.load(k);
      }),
    );
    assert.deepEqual(got, [2, 4, 6, 8, 10]);
    assert.deepEqual(loads, [
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('rejects every caller of a failed load, and the next turn loads again', async () => {
    let fail = true;
    const batch = new ReadBatch<string, string>(
      async (keys) => {
        if (fail) throw new Error('database down');
        return new Map(keys.map((k) => [k, k.toUpperCase()]));
      },
      () => '',
    );
    const results = await Promise.allSettled([batch.load('x'), batch.load('y')]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    fail = false;
    assert.equal(await batch.load('x'), 'X');
  });
});

for (const kind of STORE_KINDS)
  describe(`batched case history [${kind}]`, function () {
    this.timeout(60_000);
    let db: TestDatabase | undefined;
    after(async () => db?.drop());

    it("gives each case its own last events, as the whole history's tail", async () => {
      db = await createTestDatabase(kind);
      const repo = new KyselyCaseRepository(db.store.db);
      const imported = await repo.importAll(demoCases());
      assert.equal(imported.kind, 'imported');
      const ids = demoCases().map((r) => r.case.id);
      // One case gets a longer history than the limit.
      let c = (await repo.get(ids[0]!))!;
      for (let i = 0; i < 4; i++) {
        const r = await repo.appendEvent(c.id, c.version, {
          at: `2026-11-2${i}T10:00:00.000Z`,
          actorId: 'aad-sara',
          actorName: 'Sara',
          kind: 'comment',
          fromStep: null,
          toStep: null,
          comment: `note ${i}`,
        });
        assert.equal(r.kind, 'updated');
        c = (await repo.get(c.id))!;
      }
      const wanted = [...ids, 'SAG-1999-0001'];
      const recent = await Promise.all(wanted.map((id) => repo.history(id, 3)));
      for (const [i, id] of wanted.entries()) {
        const whole = await repo.history(id);
        assert.deepEqual(recent[i], whole.slice(-3), id);
      }
      assert.equal(recent[0]!.at(-1)!.comment, 'note 3');
      assert.deepEqual(recent.at(-1), [], 'no such case, no events');
    });
  });
