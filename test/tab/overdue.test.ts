// The tab's overdue filter and the case's own overdue marks have one definition, on both
// databases: an open case is overdue when a deadline before today belongs to the case as a whole,
// to its current step or to a later one; a deadline of a step already left behind (or of a step
// the process does not know) is not. The filter once counted only the case's and the current
// step's deadlines, so a late deadline of a later step was marked on the row but not filtered.
import assert from 'node:assert/strict';
import type { Deadline } from '../../src/cases/model';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../store/helpers/databases';
import { PEOPLE } from '../approvals/helpers/world';
import { startTabWorld, type TabWorld } from './tab-world';

// The world's clock says 2026-11-26; the contingency pool's steps are recommendation,
// chair-approval, booked. Every case below stands at chair-approval.
const CASES: Array<{ name: string; deadlines: Deadline[]; overdue: boolean; close?: boolean }> = [
  { name: 'later step', deadlines: [{ label: 'Bogført', date: '2026-11-01', stepId: 'booked' }], overdue: true },
  {
    name: 'earlier step',
    deadlines: [{ label: 'Indstilling', date: '2026-11-01', stepId: 'recommendation' }],
    overdue: false,
  },
  { name: 'the case', deadlines: [{ label: 'Sagen', date: '2026-11-25' }], overdue: true },
  {
    name: 'current step, not yet',
    deadlines: [{ label: 'Svar', date: '2026-12-10', stepId: 'chair-approval' }],
    overdue: false,
  },
  {
    name: 'current step, passed',
    deadlines: [{ label: 'Svar', date: '2026-11-20', stepId: 'chair-approval' }],
    overdue: true,
  },
  {
    name: 'unknown step',
    deadlines: [{ label: 'Ukendt', date: '2026-11-01', stepId: 'no-such-step' }],
    overdue: false,
  },
  { name: 'today', deadlines: [{ label: 'I dag', date: '2026-11-26' }], overdue: false },
  { name: 'closed', deadlines: [{ label: 'Sagen', date: '2026-11-01' }], overdue: false, close: true },
];

for (const kind of STORE_KINDS)
  describe(`tab overdue filter [${kind}]`, function () {
    this.timeout(120_000);
    let db: TestDatabase | undefined;
    let world: TabWorld;
    const ids = new Map<string, string>();
    before(async () => {
      db = await createTestDatabase(kind);
      world = await startTabWorld(db.store);
      const repo = world.core.repos.cases;
      const at = '2026-11-20T09:00:00.000Z';
      const sara = { actorId: PEOPLE.sara.aadObjectId, actorName: PEOPLE.sara.name };
      for (const c of CASES) {
        const created = await repo.create(
          {
            year: 2026,
            title: `Fristprøve: ${c.name}`,
            titleEn: null,
            org: 'midt',
            processId: 'contingency-pool',
            clusters: [],
            stepId: 'chair-approval',
            holder: 'formandskab',
            deadlines: c.deadlines,
            documents: [],
            amountDkk: null,
            poolYear: null,
            positions: [],
            positionsProcess: null,
            createdBy: PEOPLE.sara.aadObjectId,
            createdAt: at,
          },
          { at, ...sara, kind: 'created', fromStep: null, toStep: 'chair-approval', comment: null },
        );
        if (c.close) {
          const closed = await repo.update(
            created.id,
            created.version,
            { state: 'closed' },
            { at, ...sara, kind: 'closed', fromStep: 'chair-approval', toStep: null, comment: null },
          );
          assert.equal(closed.kind, 'updated');
        }
        ids.set(c.name, created.id);
      }
    });
    after(async () => {
      await world?.close();
      await db?.drop();
    });

    async function get(path: string) {
      const res = await fetch(`${world.url}${path}`, { headers: { 'X-Tab-Demo-User': PEOPLE.sara.aadObjectId } });
      assert.equal(res.status, 200, path);
      return (await res.json()) as any;
    }

    it('filters exactly the cases whose rows and case pages say overdue', async () => {
      const filtered = await get('/api/tab/cases?overdue=true&pageSize=100');
      const all = await get('/api/tab/cases?state=all&pageSize=100');
      assert.ok(all.total <= 100, 'every case on one page');
      const marked = all.rows.filter((r: any) => r.overdue).map((r: any) => r.id);
      assert.deepEqual(filtered.rows.map((r: any) => r.id).sort(), [...marked].sort());
      assert.equal(filtered.total, marked.length);
      for (const c of CASES) {
        const id = ids.get(c.name)!;
        const page = await get(`/api/tab/cases/${id}`);
        const pageSays = page.deadlines.some((d: any) => d.overdue);
        assert.equal(pageSays, c.overdue, `${c.name}: the case page`);
        assert.equal(marked.includes(id), c.overdue, `${c.name}: the row's mark`);
        assert.equal(
          filtered.rows.some((r: any) => r.id === id),
          c.overdue,
          `${c.name}: the filter`,
        );
      }
    });

    it('keeps the overdue filter together with the other filters and paging', async () => {
      const held = await get('/api/tab/cases?overdue=true&holder=formandskab&pageSize=2&page=2');
      const expected = CASES.filter((c) => c.overdue).length;
      assert.ok(held.total >= expected, `${held.total} >= ${expected}`);
      assert.equal(held.rows.length, Math.min(2, held.total - 2));
      assert.ok(held.rows.every((r: any) => r.overdue && r.holder === held.rows[0].holder));
    });
  });
