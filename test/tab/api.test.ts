// The tab's JSON API over HTTP, on both databases: who may ask (local demo person; nobody without
// one), bad input answered with 4xx and a reason, the case table's filters, search and paging, the
// case page, and votes through the approval service (refused for a non-member, and a co-chair's
// vote updates the posted card copies at the Bot Connector stand-in).
import assert from 'node:assert/strict';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../store/helpers/databases';
import { PEOPLE } from '../approvals/helpers/world';
import { TAB_CSP } from '../../src/http/tab-api';
import { startTabWorld, type TabWorld } from './tab-world';

// One world per database for the whole suite: the tests read and vote in order, like a user would.
for (const kind of STORE_KINDS)
  describe(`tab API [${kind}]`, function () {
    this.timeout(120_000);
    let db: TestDatabase | undefined;
    let world: TabWorld;
    before(async () => {
      db = await createTestDatabase(kind);
      world = await startTabWorld(db.store);
    });
    after(async () => {
      await world?.close();
      await db?.drop();
    });

    async function call(path: string, as: string | null = PEOPLE.sara.aadObjectId, init: RequestInit = {}) {
      const res = await fetch(`${world.url}${path}`, {
        ...init,
        headers: { ...(as ? { 'X-Tab-Demo-User': as } : {}), 'Content-Type': 'application/json', ...init.headers },
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    }

    it('refuses a request without a (demo) person, and an unknown person, with a reason', async () => {
      const none = await call('/api/tab/cases', null);
      assert.equal(none.status, 401);
      assert.match(none.body.reason, /demo person/);
      const unknown = await call('/api/tab/cases', 'nobody');
      assert.equal(unknown.status, 401);
    });

    it('offers the directory in local demo mode and sends the security headers', async () => {
      const r = await call('/api/tab/session', null);
      assert.equal(r.status, 200);
      assert.equal(r.body.mode, 'local-demo');
      assert.ok(r.body.people.some((p: any) => p.aadObjectId === PEOPLE.anne.aadObjectId));
      assert.equal(r.headers.get('content-security-policy'), TAB_CSP);
      assert.match(TAB_CSP, /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    });

    it('answers bad input with 400 and the reason', async () => {
      const size = await call('/api/tab/cases?pageSize=1000');
      assert.equal(size.status, 400);
      assert.match(size.body.reason, /^pageSize:/);
      const extra = await call('/api/tab/cases?colour=red');
      assert.equal(extra.status, 400);
      const id = await call('/api/tab/cases/not-a-case');
      assert.equal(id.status, 400);
      assert.match(id.body.reason, /SAG-2026-0001/);
      const missing = await call('/api/tab/cases/SAG-1999-0001');
      assert.equal(missing.status, 404);
      const vote = await call(`/api/tab/approvals/${world.round.id}/vote`, PEOPLE.anne.aadObjectId, {
        method: 'POST',
        body: '{"choice":"maybe"}',
      });
      assert.equal(vote.status, 400);
      const notJson = await call('/api/tab/ask', undefined, { method: 'POST', body: '{' });
      assert.deepEqual([notJson.status, notJson.body.reason], [400, 'body is not JSON']);
    });

    it('lists, filters, searches and pages the cases', async () => {
      const all = await call('/api/tab/cases?state=all&pageSize=3');
      assert.equal(all.status, 200);
      assert.equal(all.body.total, 7, 'six demo cases and the pool expense');
      assert.equal(all.body.rows.length, 3);
      const page3 = await call('/api/tab/cases?state=all&pageSize=3&page=3');
      assert.equal(page3.body.rows.length, 1);
      const pool = await call('/api/tab/cases?process=contingency-pool');
      assert.ok(pool.body.rows.length >= 1);
      assert.ok(pool.body.rows.every((r: any) => /pulje|pool/i.test(r.process)));
      const byId = await call(`/api/tab/cases?q=${world.poolCase.id}&state=all`);
      assert.deepEqual(
        byId.body.rows.map((r: any) => r.id),
        [world.poolCase.id],
      );
      const fuzzy = await call(`/api/tab/cases?q=${encodeURIComponent('hjerterehab')}`);
      assert.equal(fuzzy.body.rows[0]?.id, world.poolCase.id);
      const holder = await call('/api/tab/cases?holder=formandskab');
      assert.ok(holder.body.rows.every((r: any) => r.holder === holder.body.rows[0].holder));
      const mine = await call('/api/tab/cases?mine=true', PEOPLE.ole.aadObjectId);
      assert.ok(!mine.body.rows.some((r: any) => r.id === world.poolCase.id), 'Ole has nothing to do with it');
    });

    it('shows a case page with its stepper and whole history', async () => {
      const r = await call(`/api/tab/cases/${world.poolCase.id}?lang=en`);
      assert.equal(r.status, 200);
      assert.ok(r.body.steps.some((s: any) => s.state === 'current'));
      assert.ok(r.body.events.length >= 3, 'created, moved and the round opening');
      assert.equal(r.body.documents[0].title, 'Projektbeskrivelse');
    });

    it('refuses a vote from a non-member and counts a co-chair’s, updating the card copies', async () => {
      const vote = (as: string, body: Record<string, unknown>) =>
        call(`/api/tab/approvals/${world.round.id}/vote`, as, { method: 'POST', body: JSON.stringify(body) });
      const ref = { caseId: world.round.caseId, stepId: world.round.stepId, version: world.round.version };
      const outsider = await vote(PEOPLE.ole.aadObjectId, { ...ref, choice: 'approve' });
      assert.equal(outsider.status, 403);
      const noComment = await vote(PEOPLE.anne.aadObjectId, { ...ref, choice: 'reject' });
      assert.equal(noComment.status, 400);
      assert.match(noComment.body.reason, /comment/);
      const waiting = await call('/api/tab/approvals', PEOPLE.anne.aadObjectId);
      assert.deepEqual(
        waiting.body.items.map((i: any) => i.approvalId),
        [world.round.id],
      );
      world.standin.reset();
      const ok = await vote(PEOPLE.anne.aadObjectId, { ...ref, choice: 'approve' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.result, 'accepted');
      await world.core.approvals.idle();
      const updates = world.standin.calls.filter((c) => c.route === 'updateActivity');
      assert.ok(updates.length >= 2, `the channel copy and the personal copies are updated (${updates.length})`);
    });

    it('gives the pool per year and the organisation of a period', async () => {
      const pool = await call('/api/tab/pool?year=2026');
      assert.equal(pool.status, 200);
      assert.equal(pool.body.annualDkk, 500_000);
      assert.ok(pool.body.expenses.some((e: any) => e.caseId === world.poolCase.id && e.amountDkk === 150_000));
      const o = await call('/api/tab/organisation?org=nord&period=nord-2017');
      assert.equal(o.status, 200, JSON.stringify(o.body));
      assert.ok(o.body.bodies.length > 3);
      assert.ok(o.body.bodies.some((b: any) => b.reportsTo.length > 0));
      const none = await call('/api/tab/organisation?org=midt&period=midt-2018');
      assert.equal(none.status, 404);
    });
  });
