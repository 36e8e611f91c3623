// The loopback endpoint local tools use while the bot holds the embedded database.
import assert from 'node:assert/strict';
import pino from 'pino';
import { startInternalServer, type InternalServer } from '../../src/http/internal-server';
import { answeredSample } from '../fixtures/answers';

describe('internal loopback endpoint', () => {
  let server: InternalServer;
  const asked: Array<{ q: string; o: unknown }> = [];
  before(async () => {
    server = await startInternalServer(
      {
        ask: async (q, o) => {
          asked.push({ q, o });
          return answeredSample();
        },
        exportCases: async () => '{"cases":[]}',
        importCases: async () => ({ kind: 'refused', problems: ['cases.json:3: cases.0.title: too short'] }),
        seedDemo: async () => ({ seeded: 0 }),
      },
      pino({ level: 'silent' }),
    );
  });
  after(() => server.close());

  const post = (path: string, body: unknown, token = server.token) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only and wants the token from the lock file', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await post('/internal/ask', { q: 'hej' }, 'wrong')).status, 401);
    assert.equal((await fetch(`${server.url}/internal/cases/export`)).status, 401);
  });

  it('answers ask with the assistant, passing org, date and language', async () => {
    const res = await post('/internal/ask', {
      q: 'status på IV-aftalen',
      org: 'nord',
      date: '2026-11-26',
      lang: 'en',
      extra: 1,
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'answered');
    assert.deepEqual(asked.at(-1), { q: 'status på IV-aftalen', o: { org: 'nord', date: '2026-11-26', lang: 'en' } });
  });

  it('refuses bad bodies with 4xx and a reason, never 500', async () => {
    for (const body of [{}, { q: '' }, { q: 'x'.repeat(3000) }, { q: 'hej', org: 'syd' }, '{not json', '[]']) {
      const res = await post('/internal/ask', body);
      assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)} -> ${res.status}`);
    }
    const imp = await post('/internal/cases/import', { text: '{}', fileName: 'cases.json' });
    assert.equal(imp.status, 422);
    assert.deepEqual(await imp.json(), { kind: 'refused', problems: ['cases.json:3: cases.0.title: too short'] });
    assert.equal((await post('/internal/cases/import', { nope: true })).status, 400);
  });
});
