import assert from 'node:assert/strict';
import { KyselyShownCases } from '../../src/store/shown-cases';
import { describeEachStore } from './helpers/databases';

describeEachStore('case shown in a conversation', (get) => {
  it('remembers the last case per conversation or thread, and keeps it in the database', async () => {
    const shown = new KyselyShownCases(get().store.db);
    assert.equal(await shown.get('19:chan@thread.tacv2;messageid=1'), undefined);
    await shown.remember('19:chan@thread.tacv2;messageid=1', 'SAG-2026-0001');
    await shown.remember('19:chan@thread.tacv2;messageid=2', 'SAG-2026-0002');
    await shown.remember('19:chan@thread.tacv2;messageid=1', 'SAG-2026-0003');
    assert.equal(await shown.get('19:chan@thread.tacv2;messageid=1'), 'SAG-2026-0003');
    // A new instance (as after a restart) reads the same rows.
    assert.equal(await new KyselyShownCases(get().store.db).get('19:chan@thread.tacv2;messageid=2'), 'SAG-2026-0002');
  });
});
