import assert from 'node:assert/strict';
import { demoCases } from '../../src/cases/demo';
import { exportCasesFile, parseCasesFile } from '../../src/cases/transfer';
import { modelCatalog, TODAY } from './helpers';

describe('demo cases', () => {
  it('are consistent with the governance model: processes, steps, holders, history steps', () => {
    const records = demoCases();
    const parsed = parseCasesFile(
      exportCasesFile(records, new Date(`${TODAY}T12:00:00Z`)),
      modelCatalog(),
      TODAY,
      'demo',
    );
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.join('\n'));
    for (const { case: c, history } of records) {
      const steps = modelCatalog()
        .process(c.org, c.processId, TODAY)!
        .steps.map((s) => s.id);
      for (const e of history)
        for (const s of [e.fromStep, e.toStep]) if (s) assert.ok(steps.includes(s), `${c.id}: history names step ${s}`);
      assert.equal(history.at(-1)?.toStep ?? c.stepId, c.stepId, `${c.id}: the last move ends where the case is`);
      assert.ok(
        history.every((e) => e.at.startsWith('2026-')),
        `${c.id}: 2026 dates`,
      );
    }
  });

  it(
    "cover the documents' examples: IV and respiration (type A), inequality and labour market (type B), two " +
      'pool expenses',
    () => {
      const byProcess = (p: string) =>
        demoCases()
          .filter((r) => r.case.processId === p)
          .map((r) => r.case.title);
      assert.equal(byProcess('type-a').length, 2);
      assert.equal(byProcess('type-b-ssg').length, 2);
      assert.equal(byProcess('contingency-pool').length, 2);
      const spent = demoCases()
        .filter((r) => r.case.poolApprovedAt)
        .reduce((a, r) => a + (r.case.amountDkk ?? 0), 0);
      assert.ok(spent <= 500_000);
    },
  );
});
