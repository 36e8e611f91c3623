// Bad input: unknown ids, one-character and 5,000-character titles, SQL-looking text, forged form
// submissions. Each is refused with a clear reason and nothing is stored.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import fc from 'fast-check';
import { describeEachStore } from '../store/helpers/databases';
import { FRIDA, SARA, casesService } from './helpers';
import { seedDemoCasesIfEmpty } from '../../src/cases/seed';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import type { Store } from '../../src/store/open';

async function snapshot(store: Store): Promise<string> {
  const cases = await sql`select * from cases order by id`.execute(store.db);
  const events = await sql`select * from case_events order by id`.execute(store.db);
  return JSON.stringify([cases.rows, events.rows]);
}

describeEachStore('bad input to cases', (get) => {
  beforeEach(async () => {
    await seedDemoCasesIfEmpty(new KyselyCaseRepository(get().store.db));
  });

  it('answers unknown and malformed case ids with not found / a reason', async () => {
    const svc = casesService(get().store);
    assert.equal((await svc.find({ caseId: 'SAG-2026-9999' })).kind, 'not_found');
    const bad = await svc.find({ caseId: "SAG-2026-0001' OR 1=1 --" });
    assert.equal(bad.kind, 'invalid');
    const lookup = await svc.lookup({ caseId: 'SAG-1999-0001' }, { org: 'midt', lang: 'en' });
    assert.equal(lookup.kind, 'not_found');
    assert.match(lookup.text.en, /I found no case "SAG-1999-0001"/);
  });

  it('treats SQL-looking, one-character and huge queries as text or refuses them, and changes nothing', async () => {
    const store = get().store;
    const before = await snapshot(store);
    const svc = casesService(store);
    for (const q of ["'; drop table cases; --", "x' or '1'='1", '%', '_', '\\', 'a', 'Ω'.repeat(3)]) {
      const r = await svc.find({ query: q }, { org: 'midt' });
      assert.ok(r.kind === 'not_found' || r.kind === 'invalid', `${q}: ${r.kind}`);
    }
    assert.equal((await svc.find({ query: 'a' })).kind, 'invalid');
    const huge = await svc.find({ query: 'IV-aftalen '.repeat(500) });
    assert.equal(huge.kind, 'invalid');
    assert.equal(await snapshot(store), before);
  });

  it('refuses bad titles on create: 1 character, 5,000 characters, SQL or markup', async () => {
    const store = get().store;
    const before = await snapshot(store);
    const svc = casesService(store);
    for (const title of ['x', 'A'.repeat(5000), "Robert'); DROP TABLE cases;--", '<script>alert(1)</script>', '   ']) {
      const r = await svc.create(SARA, { title, org: 'midt', processId: 'type-a' });
      assert.equal(r.kind, 'invalid', title.slice(0, 30));
      if (r.kind === 'invalid')
        assert.ok(
          r.problems.some((p) => p.startsWith('title:')),
          r.problems.join('; '),
        );
    }
    assert.equal(await snapshot(store), before);
  });

  it(
    'refuses forged form submissions: unknown fields, wrong types, unknown process, wrong step, another ' +
      "case's version",
    async () => {
      const store = get().store;
      const before = await snapshot(store);
      const svc = casesService(store);
      const forgedCreates: unknown[] = [
        { title: 'Gyldig titel', org: 'midt', processId: 'type-a', version: 7 },
        { title: 'Gyldig titel', org: 'midt', processId: 'type-a', createdBy: 'someone-else' },
        { title: 'Gyldig titel', org: 'syd', processId: 'type-a' },
        { title: 'Gyldig titel', org: 'midt', processId: 'no-such-process' },
        { title: 'Gyldig titel', org: 'midt', processId: 'type-a', holder: 'sku' },
        { title: 'Gyldig titel', org: 'midt', processId: 'contingency-pool', amountDkk: '100000' },
        { title: 'Gyldig titel', org: 'midt', processId: 'contingency-pool', amountDkk: -5 },
        {
          title: 'Gyldig titel',
          org: 'midt',
          processId: 'type-a',
          documents: [{ title: 'x', url: 'javascript:alert(1)' }],
        },
        { title: 'Gyldig titel', org: 'midt', processId: 'type-a', deadlines: [{ label: 'x', date: '2026-02-30' }] },
        null,
        'title=x',
        [],
      ];
      for (const f of forgedCreates) {
        const r = await svc.create(SARA, f);
        assert.ok(['invalid', 'refused'].includes(r.kind), `${JSON.stringify(f)}: ${r.kind}`);
      }
      const iv = await svc.find({ caseId: 'SAG-2026-0001' });
      assert.ok(iv.kind === 'found');
      const v = iv.case.version;
      const forgedMoves: Array<[unknown, string]> = [
        [
          { caseId: 'SAG-2026-0001', version: v, fromStepId: 'commenting', toStepId: 'ssg-approval', admin: true },
          'invalid',
        ],
        [
          { caseId: 'SAG-2026-0001', version: String(v), fromStepId: 'commenting', toStepId: 'ssg-approval' },
          'invalid',
        ],
        [{ caseId: 'SAG-2026-0001', version: v, fromStepId: 'drafting', toStepId: 'commenting' }, 'refused'],
        [{ caseId: 'SAG-2026-0001', version: v, fromStepId: 'commenting', toStepId: 'implementation' }, 'refused'],
        [{ caseId: 'SAG-2026-0001', version: v, fromStepId: 'commenting', toStepId: 'no-such-step' }, 'refused'],
        // The version of another case's card: the case has moved on since, as far as this form knows.
        [{ caseId: 'SAG-2026-0001', version: v + 5, fromStepId: 'commenting', toStepId: 'ssg-approval' }, 'stale'],
        [{ caseId: 'SAG-2026-0099', version: 1, fromStepId: 'commenting', toStepId: 'ssg-approval' }, 'not_found'],
        [{ caseId: 'SAG-2026-0006', version: v, fromStepId: 'commenting', toStepId: 'ssg-approval' }, 'stale'],
      ];
      for (const [f, kind] of forgedMoves) {
        const r = await svc.move(SARA, f);
        assert.equal(r.kind, kind, JSON.stringify(f));
      }
      assert.equal(
        (
          await svc.move(FRIDA, {
            caseId: 'SAG-2026-0001',
            version: v,
            fromStepId: 'commenting',
            toStepId: 'ssg-approval',
          })
        ).kind,
        'not_allowed',
      );
      assert.equal(await snapshot(store), before);
    },
  );

  it('survives arbitrary form payloads without storing anything (property)', async () => {
    const store = get().store;
    const before = await snapshot(store);
    const svc = casesService(store);
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            caseId: fc.oneof(fc.string(), fc.constant('SAG-2026-0001')),
            version: fc.oneof(fc.integer(), fc.string()),
            fromStepId: fc.string(),
            toStepId: fc.string(),
          },
          { requiredKeys: [] },
        ),
        async (payload) => {
          const r = await svc.move(SARA, payload);
          return r.kind !== 'ok';
        },
      ),
      { numRuns: 60 },
    );
    assert.equal(await snapshot(store), before);
  });
});
