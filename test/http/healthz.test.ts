// /healthz tells the truth about the database: a pool that cannot answer makes it 503, so a
// load balancer stops sending turns that would hang (it said "ok" with the pool exhausted).
import { strict as assert } from 'node:assert';
import pino from 'pino';
import { startHttpServer, type RunningServer } from '../../src/http/server';
import { createAdapter } from '../../src/teams/adapter';

describe('http: /healthz and the database', () => {
  const logger = pino({ level: 'silent' });
  let answer: { ok: true } | { ok: false; reason: string } = { ok: true };
  let jobs: { ok: true } | { ok: false; reason: string } = { ok: true };
  let server: RunningServer;

  before(async () => {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      authEnabled: false,
      maxBodyBytes: 1024,
      adapter: createAdapter({}, logger),
      bot: { run: async () => undefined },
      logger,
      database: async () => answer,
      readiness: { approvals: () => jobs },
    });
  });
  after(() => server.close());

  it('is 200 with the database answering, 503 with the reason when it does not', async () => {
    const ok = await fetch(`${server.url}/healthz`);
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).database, 'ok');
    answer = { ok: false, reason: 'no answer within 2000 ms' };
    const down = await fetch(`${server.url}/healthz`);
    assert.equal(down.status, 503);
    assert.deepEqual(
      ((await down.json()) as { status: string; database: string }).database,
      'no answer within 2000 ms',
    );
  });

  it('/livez is 200 while /readyz is 503 and names the part that is not ready', async () => {
    answer = { ok: true };
    jobs = { ok: false, reason: 'the approvals job last ran 95 s ago' };
    assert.equal((await fetch(`${server.url}/livez`)).status, 200);
    const res = await fetch(`${server.url}/readyz`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { notReady: string[]; parts: Record<string, string> };
    assert.deepEqual(body.notReady, ['approvals']);
    assert.equal(body.parts.approvals, 'the approvals job last ran 95 s ago');
    assert.equal(body.parts.database, 'ok');
    jobs = { ok: true };
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  });
});
