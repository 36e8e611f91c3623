// Issue 13, defect 6: a reply that cannot be delivered must not hold the request. Connector calls
// have a timeout and no hidden retries, and the channel is answered before Teams' 15 s window.
import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as A from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await f();
  return { value, ms: Date.now() - t0 };
}

describe('http: outbound connector calls are bounded', function () {
  this.timeout(30_000);
  const assistant = recordingAssistant(() => answeredSample());
  let h: BotHarness;
  // A TCP server that accepts and never answers: a connector that hangs.
  let silent: Server;
  let silentUrl: string;
  const sockets: Socket[] = [];
  before(async () => {
    h = await startBotHarness({ assistant, turnDeadlineMs: 2_500 });
    silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await h.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('an unreachable serviceUrl is given up at once, not after hidden retries (was 10-11 s)', async () => {
    const { value, ms } = await timed(() =>
      h.post(A.message({ serviceUrl: 'http://127.0.0.1:9/', text: 'Hvem beslutter om beredskabspuljen?' })),
    );
    assert.equal(value.status, 200);
    assert.ok(ms < 2_000, `held ${ms} ms`);
  });

  it('a connector that never answers: the channel gets its answer by the turn deadline', async () => {
    const { value, ms } = await timed(() =>
      h.post(A.message({ serviceUrl: silentUrl, text: 'Hvem beslutter om beredskabspuljen?' })),
    );
    assert.ok([200, 202].includes(value.status), String(value.status));
    assert.ok(ms < 4_000, `held ${ms} ms`);
  });

  it('429 from the connector is not retried behind the bot’s back', async () => {
    h.standin.reset();
    h.standin.hook('replyToActivity', () => ({ status: 429, headers: { 'Retry-After': '1' } }));
    try {
      const { ms } = await timed(() => h.post(A.message({ serviceUrl: h.standin.url, text: 'hjælp' })));
      // One attempt at the answer; the second call is the turn error handler's apology, once.
      const replies = h.standin.calls.filter((c) => c.route === 'replyToActivity');
      assert.equal(replies.filter((c) => c.body?.attachments?.length).length, 1);
      assert.ok(replies.length <= 2, `${replies.length} calls`);
      assert.ok(ms < 2_000, `held ${ms} ms`);
    } finally {
      h.standin.clearHooks();
    }
  });
});
