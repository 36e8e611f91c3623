// Two people changing one case at once: one wins, the other is told the case changed and gets
// its new state; no update is lost. On PostgreSQL the two run on separate connections (separate
// pools), so the race is real; PGlite serialises transactions inside its one process.
import assert from 'node:assert/strict';
import { describeEachStore } from '../store/helpers/databases';
import { FRIDA, SARA, casesService } from './helpers';
import type { Store } from '../../src/store/open';

describeEachStore('concurrent case changes', (get) => {
  async function secondHandle(): Promise<Store> {
    const t = get();
    return t.kind === 'postgres' ? t.openAnother() : t.store;
  }

  it(
    'lets exactly one of two simultaneous moves win; the other gets "the case changed" with the new ' + 'state',
    async () => {
      const a = casesService(get().store);
      const b = casesService(await secondHandle());
      for (let round = 0; round < 10; round++) {
        const created = await a.create(SARA, { title: `Samtidighedstest ${round}`, org: 'midt', processId: 'type-a' });
        assert.ok(created.kind === 'ok');
        const id = created.case.id;
        // Both clicked the same card (version 1): one moves it on, the other comments on it.
        const [r1, r2] = await Promise.all([
          a.move(FRIDA, {
            caseId: id,
            version: 1,
            fromStepId: 'terms-of-reference',
            toStepId: 'drafting-place',
            comment: 'A',
          }),
          b.comment(SARA, { caseId: id, version: 1, comment: 'B' }),
        ]);
        const kinds = [r1.kind, r2.kind].sort();
        assert.deepEqual(kinds, ['ok', 'stale'], `round ${round}: ${JSON.stringify([r1, r2].map((r) => r.kind))}`);
        const loser = r1.kind === 'stale' ? r1 : r2;
        assert.ok(loser.kind === 'stale');
        assert.equal(loser.current.version, 2);
        assert.match(loser.message.da, /Sagen er ændret imens/);
        const history = await a.history(id);
        assert.equal(history.length, 2, 'exactly one change recorded besides creation');
        const final = await a.find({ caseId: id });
        assert.ok(final.kind === 'found');
        assert.equal(final.case.version, 2);
        assert.equal(final.case.stepId, r1.kind === 'ok' ? 'drafting-place' : 'terms-of-reference');
      }
    },
  );

  it('loses no update when many people comment at once, each retrying on "changed"', async () => {
    const handles = [get().store, await secondHandle()];
    const created = await casesService(handles[0]!).create(SARA, {
      title: 'Mange kommentarer',
      org: 'midt',
      processId: 'type-a',
    });
    assert.ok(created.kind === 'ok');
    const id = created.case.id;
    const writers = 8;
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const svc = casesService(handles[i % handles.length]!);
        let version = 1;
        for (;;) {
          const r = await svc.comment(SARA, { caseId: id, version, comment: `kommentar ${i}` });
          if (r.kind === 'ok') return;
          assert.equal(r.kind, 'stale');
          if (r.kind === 'stale') version = r.current.version;
        }
      }),
    );
    const history = await casesService(handles[0]!).history(id);
    assert.deepEqual(
      history
        .filter((e) => e.kind === 'comment')
        .map((e) => e.comment)
        .sort(),
      Array.from({ length: writers }, (_, i) => `kommentar ${i}`).sort(),
    );
    const final = await casesService(handles[0]!).find({ caseId: id });
    assert.ok(final.kind === 'found');
    assert.equal(final.case.version, writers + 1);
  });

  it('never approves two expenses that together exceed the pool, even at the same moment', async () => {
    const a = casesService(get().store);
    const b = casesService(await secondHandle());
    const ids: string[] = [];
    for (const title of ['Udgift A', 'Udgift B']) {
      const c = await a.create(SARA, {
        title,
        org: 'midt',
        processId: 'contingency-pool',
        amountDkk: 300_000,
        poolYear: 2031,
      });
      assert.ok(c.kind === 'ok');
      await a.move(SARA, { caseId: c.case.id, version: 1, fromStepId: 'recommendation', toStepId: 'chair-approval' });
      ids.push(c.case.id);
    }
    const [r1, r2] = await Promise.all([
      a.move(SARA, {
        caseId: ids[0],
        version: 2,
        fromStepId: 'chair-approval',
        toStepId: 'booked',
        comment: 'Formandskabets møde 20.11.',
      }),
      b.move(SARA, {
        caseId: ids[1],
        version: 2,
        fromStepId: 'chair-approval',
        toStepId: 'booked',
        comment: 'Formandskabets møde 20.11.',
      }),
    ]);
    assert.deepEqual([r1.kind, r2.kind].sort(), ['ok', 'refused']);
    const bal = await a.poolBalance('midt', 2031);
    assert.ok(bal.kind === 'balance');
    assert.equal(bal.balance.approvedDkk, 300_000);
  });
});
