// The one door: no source file but src/store/case-door.ts writes `cases` or `case_events`, in
// Kysely or in SQL, so every change to a case raises what a change raises (its notifications).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');
const DOOR = 'store/case-door.ts';
const WRITES = [
  /(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"`](cases|case_events)['"`]/,
  /\b(insert\s+into|update|delete\s+from)\s+(cases|case_events)\b/i,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the one case door', () => {
  it('is the only code that writes cases or their history', () => {
    const offenders: string[] = [];
    for (const file of sources(SRC)) {
      const rel = relative(SRC, file).split('\\').join('/');
      if (rel === DOOR || rel.startsWith('store/migrations/')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (WRITES.some((re) => re.test(line))) offenders.push(`src/${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  it('would see a write outside the door (the check itself works)', () => {
    assert.ok(WRITES[0]!.test(`await trx.insertInto('case_events').values(row)`));
    assert.ok(WRITES[1]!.test('update cases set status = $1'));
    assert.ok(!WRITES[0]!.test(`trx.selectFrom('cases')`));
  });
});
