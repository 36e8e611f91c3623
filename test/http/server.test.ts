import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import pino from 'pino';
import { startHttpServer } from '../../src/http/server';
import * as A from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';

/** Raw POST, for bodies fetch would not send as given (bad UTF-8, lying Content-Length). */
function rawPost(
  url: string,
  body: Buffer,
  headers: Record<string, string | number> = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const length = headers['Transfer-Encoding'] ? {} : { 'Content-Length': body.length };
    const req = request(
      `${url}/api/messages`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', ...length, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('http: /api/messages and /healthz', () => {
  const assistant = recordingAssistant((_t, o) => answeredSample({ lang: o.lang ?? 'da' }));
  let h: BotHarness;
  before(async () => {
    h = await startBotHarness({ assistant, maxBodyBytes: 64 * 1024 });
  });
  after(async () => h.close());
  beforeEach(() => {
    h.standin.reset();
    assistant.calls.length = 0;
  });

  it('GET /healthz answers JSON with the auth mode', async () => {
    const res = await fetch(`${h.server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.auth, 'off');
  });

  it('local mode listens on loopback only', () => {
    const addr = h.server.server.address();
    assert.ok(addr && typeof addr === 'object');
    assert.equal(addr.address, '127.0.0.1');
  });

  it('a real message activity is answered at the Bot Connector stand-in as a reply to it', async () => {
    const activity = A.message({ serviceUrl: h.standin.url, text: 'Hvem beslutter om beredskabspuljen?' });
    const res = await h.post(activity);
    assert.equal(res.status, 200);
    const reply = h.standin.calls.find((c) => c.route === 'replyToActivity');
    assert.ok(reply, 'the bot replied through the connector');
    assert.equal(reply.params.conversationId, activity.conversation.id);
    assert.equal(reply.params.activityId, activity.id);
    assert.equal(reply.body.replyToId, activity.id);
    assert.equal(reply.body.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['not JSON', '{"type": "message",', /not valid JSON/],
    ['an empty body', '', /empty body/],
    ['a JSON array', '[{"type":"message"}]', /JSON object.*array/],
    ['JSON null', 'null', /JSON object.*null/],
    ['a JSON string', '"hello"', /JSON object.*string/],
    ['an activity without type', JSON.stringify({ text: 'hej' }), /no type/],
    ['an activity with an empty type', JSON.stringify({ type: '' }), /type/],
    [
      'an activity without serviceUrl or conversation',
      JSON.stringify({ type: 'message', text: 'hej', channelId: 'msteams' }),
      /serviceUrl.*conversation/,
    ],
    [
      'a non-http serviceUrl',
      JSON.stringify({ ...A.message({ serviceUrl: 'file:///etc/passwd', text: 'x' }) }),
      /serviceUrl must be an http/,
    ],
    [
      'text that is not a string',
      JSON.stringify({ ...A.message({ serviceUrl: 'http://127.0.0.1:1', text: 'x' }), text: 42 }),
      /text/,
    ],
    [
      'a NUL character in conversation.id',
      JSON.stringify({
        ...A.message({ serviceUrl: 'http://127.0.0.1:1', text: 'x' }),
        conversation: { id: 'a:1\u0000b' },
      }),
      /conversation\.id: .*control character/,
    ],
    [
      'a lone surrogate in conversation.id',
      `{"type":"message","channelId":"msteams","serviceUrl":"http://127.0.0.1:1","conversation":{"id":"a:\\ud800"},` +
        `"from":{"id":"u"},"recipient":{"id":"b"},"text":"x"}`,
      /conversation\.id: .*surrogate/,
    ],
    [
      'a NUL character in from.id',
      JSON.stringify({ ...A.message({ serviceUrl: 'http://127.0.0.1:1', text: 'x' }), from: { id: 'u\u0000' } }),
      /from\.id/,
    ],
    [
      'a conversation without id',
      JSON.stringify({ ...A.message({ serviceUrl: 'http://127.0.0.1:1', text: 'x' }), conversation: {} }),
      /conversation\.id/,
    ],
  ];
  for (const [what, body, reason] of malformed) {
    it(`refuses ${what} with 400 and a reason, without calling the bot`, async () => {
      const res = await h.post(body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'bad_request');
      assert.match(res.body.reason, reason);
      assert.equal(assistant.calls.length, 0);
      assert.equal(h.standin.calls.length, 0);
    });
  }

  it('refuses a body that is not UTF-8 with 400', async () => {
    const res = await rawPost(h.server.url, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    assert.equal(res.status, 400);
    assert.match(res.body.reason, /UTF-8/);
  });

  it('refuses an oversized body with 413 and a reason, declared or streamed', async () => {
    const big = JSON.stringify(A.message({ serviceUrl: h.standin.url, text: 'x'.repeat(70 * 1024) }));
    const declared = await h.post(big);
    assert.equal(declared.status, 413);
    assert.match(declared.body.reason, /exceeds the limit of 65536 bytes/);
    const streamed = await rawPost(h.server.url, Buffer.from(big), { 'Transfer-Encoding': 'chunked' });
    assert.equal(streamed.status, 413);
    assert.equal(assistant.calls.length, 0);
  });

  it('answers other methods and paths with 4xx, not 500', async () => {
    const get = await fetch(`${h.server.url}/api/messages`);
    assert.ok(get.status >= 400 && get.status < 500, String(get.status));
    const nowhere = await fetch(`${h.server.url}/nowhere`, { method: 'POST', body: '{}' });
    assert.equal(nowhere.status, 404);
  });

  it('an activity type the bot does not handle is accepted and ignored', async () => {
    const res = await h.post({ ...A.message({ serviceUrl: h.standin.url, text: 'x' }), type: 'somethingNew' });
    assert.equal(res.status, 200);
    assert.equal(h.standin.calls.length, 0);
  });
});

describe('http: authentication on (app id, password and tenant configured)', () => {
  const assistant = recordingAssistant(() => answeredSample());
  let h: BotHarness;
  before(async () => {
    h = await startBotHarness({
      assistant,
      auth: {
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
        MicrosoftAppType: 'SingleTenant',
      },
    });
  });
  after(async () => h.close());

  it('refuses a request without a token with 401 and never runs the bot', async () => {
    const res = await h.post(A.message({ serviceUrl: h.standin.url, text: 'Hvem beslutter?' }));
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'unauthorized');
    assert.equal(assistant.calls.length, 0);
    assert.equal(h.standin.calls.length, 0);
  });

  it('refuses a request with a token that is not a Bot Framework JWT with 401', async () => {
    const res = await h.post(A.message({ serviceUrl: h.standin.url, text: 'Hvem beslutter?' }), {
      Authorization: 'Bearer not.a.token',
    });
    assert.equal(res.status, 401);
    const basic = await h.post(A.message({ serviceUrl: h.standin.url, text: 'Hvem beslutter?' }), {
      Authorization: 'Basic dXNlcjpwYXNz',
    });
    assert.equal(basic.status, 401);
    assert.equal(assistant.calls.length, 0);
  });

  it('answers a malformed body without a token with 401 and no reasons (authenticate first)', async () => {
    const res = await h.post('{oops');
    assert.equal(res.status, 401);
    assert.doesNotMatch(res.text, /JSON/);
  });
});

describe('http: failures outside the turn', () => {
  it('an adapter that fails, or reports 500, becomes 503 with a reason, never 500', async () => {
    const logger = pino({ level: 'silent' });
    const activity = A.message({ serviceUrl: 'http://127.0.0.1:9/', text: 'x' });
    for (const process of [
      async () => {
        throw new Error('adapter broke');
      },
      async (_req: unknown, res: any) => {
        res.status(500);
        res.send('Error: something inside botbuilder');
        res.end();
      },
    ]) {
      const server = await startHttpServer({
        port: 0,
        host: '127.0.0.1',
        authEnabled: false,
        maxBodyBytes: 65536,
        adapter: { process } as any,
        bot: { run: async () => {} },
        logger,
      });
      try {
        const res = await fetch(`${server.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(activity),
        });
        assert.equal(res.status, 503);
        assert.match((await res.json()).reason, /retry later/);
      } finally {
        await server.close();
      }
    }
  });
});
