import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseSubstituteCommand, parseUserDate } from '../../src/approvals/substitute-command';

const today = '2026-11-26';

describe('approvals/substitute-command', () => {
  it('reads a substitute and a period in Danish and English', () => {
    const expected = { kind: 'set', name: 'Dorte Jensen', from: '2026-12-01', to: '2026-12-15' };
    for (const text of [
      'stedfortræder Dorte Jensen fra 1.12 til 15.12',
      'Stedfortræder: Dorte Jensen 1/12-15/12',
      'stedfortraeder Dorte Jensen fra 1. december til 15. december 2026',
      'substitute Dorte Jensen from 1 December to 15 December',
      'my substitute is Dorte Jensen from December 1 to December 15, 2026',
      'substitute Dorte Jensen 2026-12-01 to 2026-12-15',
    ]) {
      assert.deepEqual(parseSubstituteCommand(text, today), expected, text);
    }
  });

  it('starts today when no start is given, and crosses New Year', () => {
    assert.deepEqual(parseSubstituteCommand('stedfortræder Dorte Jensen til 15.12', today), {
      kind: 'set',
      name: 'Dorte Jensen',
      from: today,
      to: '2026-12-15',
    });
    assert.deepEqual(parseSubstituteCommand('stedfortræder Dorte Jensen fra 20.12 til 5.1', today), {
      kind: 'set',
      name: 'Dorte Jensen',
      from: '2026-12-20',
      to: '2027-01-05',
    });
  });

  it('recognises show and revoke', () => {
    for (const t of ['stedfortræder', 'hvem er min stedfortræder?', 'who is my substitute', 'min stedfortræder'])
      assert.deepEqual(parseSubstituteCommand(t, today), { kind: 'show' }, t);
    for (const t of ['stop stedfortræder', 'fjern min stedfortræder', 'cancel substitute', 'remove my substitute'])
      assert.deepEqual(parseSubstituteCommand(t, today), { kind: 'revoke' }, t);
  });

  it('explains what is missing', () => {
    assert.deepEqual(parseSubstituteCommand('stedfortræder Dorte Jensen', today), {
      kind: 'invalid',
      reason: 'no_period',
    });
    assert.deepEqual(parseSubstituteCommand('stedfortræder fra 1.12 til 15.12', today), {
      kind: 'invalid',
      reason: 'no_name',
    });
    assert.deepEqual(parseSubstituteCommand('stedfortræder Dorte til 31.02', today), {
      kind: 'invalid',
      reason: 'bad_date',
    });
  });

  it('reads dates without a year as the next such date', () => {
    assert.equal(parseUserDate('1.12', today), '2026-12-01');
    assert.equal(parseUserDate('1.3', today), '2027-03-01');
    assert.equal(parseUserDate('i dag', today), today);
    assert.equal(parseUserDate('tomorrow', today), '2026-11-27');
    assert.equal(parseUserDate('1.13', today), null);
    assert.equal(parseUserDate('blah', today), null);
  });

  it('never throws and never returns a malformed date on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const r = parseSubstituteCommand(`stedfortræder ${s}`, today);
        if (r.kind === 'set') {
          assert.match(r.from, /^\d{4}-\d{2}-\d{2}$/);
          assert.match(r.to, /^\d{4}-\d{2}-\d{2}$/);
          assert.ok(r.name.length > 0 && r.name.length <= 200);
        }
      }),
      { numRuns: 500 },
    );
  });
});
