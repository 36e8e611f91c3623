// Case ids as people type them: whole (normaliseCaseId) and part-way (caseIdPrefix, the tab's
// search box), in every spelling the whole form accepts.
import assert from 'node:assert/strict';
import { caseIdPrefix, normaliseCaseId } from '../../src/cases/model';

describe('case ids as typed', () => {
  it('reads a whole id in any spelling', () => {
    for (const t of ['SAG-2026-0007', 'sag 2026 7', 'sag2026-7', ' Sag-2026-00007 '])
      assert.equal(normaliseCaseId(t), 'SAG-2026-0007', t);
  });

  it('turns an id typed part-way into the start of the ids it can be, hyphens put in', () => {
    const cases: Array<[string, string]> = [
      ['sag', 'SAG-'],
      ['SAG-', 'SAG-'],
      ['sag 20', 'SAG-20'],
      ['sag2026', 'SAG-2026'],
      ['sag-2026', 'SAG-2026'],
      ['sag2026-', 'SAG-2026-'],
      ['sag 2026 00', 'SAG-2026-00'],
    ];
    for (const [typed, prefix] of cases) assert.equal(caseIdPrefix(typed), prefix, typed);
    for (const t of ['sag 20 7', 'sagen', 'IV-aftalen', 'sag 2026 0000001'])
      assert.equal(caseIdPrefix(t), undefined, t);
  });
});
