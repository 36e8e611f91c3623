// Issue 13, defects 1 and 2: what a forged token gets. Invalid credentials are 401 and logged at
// warn without the token; only keys that cannot be fetched are 503 with Retry-After; and with
// authentication on, nobody without a valid token learns why a body was refused.
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import pino from 'pino';
import * as A from '../fixtures/activities';
import { answeredSample, recordingAssistant } from '../fixtures/answers';
import { startBotHarness, type BotHarness } from '../fixtures/bot-harness';
import { OpenIdStandIn } from '../fixtures/openid-standin';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const PASSWORD = 'not-a-real-secret';
const AUTH = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: PASSWORD,
  MicrosoftAppTenantId: '66666666-7777-8888-9999-000000000000',
  MicrosoftAppType: 'SingleTenant' as const,
};

function logCapture() {
  const lines: Array<{ level: number; msg: string; raw: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const raw of String(chunk).split('\n').filter(Boolean)) {
        const j = JSON.parse(raw) as { level: number; msg: string };
        lines.push({ level: j.level, msg: j.msg, raw });
      }
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

describe('http: forged tokens and unavailable signing keys (authentication on)', () => {
  const keys = new OpenIdStandIn();
  const assistant = recordingAssistant(() => answeredSample());
  const log = logCapture();
  let h: BotHarness;
  let ignored: Record<string, unknown>;
  const errors = console.error;
  before(async () => {
    await keys.start();
    h = await startBotHarness({
      assistant,
      auth: AUTH,
      openIdMetadataUrl: keys.metadataUrl('main'),
      logger: log.logger,
    });
    // An activity type the bot ignores: a valid token is let through without any reply to send.
    ignored = { ...A.message({ serviceUrl: h.standin.url, text: 'x' }), type: 'somethingNew' };
    // botframework-connector prints verification failures with console.error; keep the run quiet.
    console.error = () => undefined;
  });
  after(async () => {
    console.error = errors;
    await h.close();
    await keys.stop();
  });
  beforeEach(() => {
    log.lines.length = 0;
    assistant.calls.length = 0;
  });

  it('lets a token signed with the served key through (the stand-in is a real key source)', async () => {
    const token = keys.token({ aud: APP_ID, serviceurl: h.standin.url });
    const res = await h.post(ignored, { Authorization: `Bearer ${token}` });
    assert.equal(res.status, 200, res.text);
  });

  for (const [what, make] of [
    ['the known key id with a wrong signature', () => keys.forgedToken({ aud: APP_ID, serviceurl: h.standin.url })],
    ['HS256 signed with the app password', () => keys.hmacToken({ aud: APP_ID, serviceurl: h.standin.url }, PASSWORD)],
  ] as const) {
    it(`answers ${what} with 401, logged at warn without the token`, async () => {
      const token = make();
      const res = await h.post(A.message({ serviceUrl: h.standin.url, text: 'Hvem beslutter?' }), {
        Authorization: `Bearer ${token}`,
      });
      assert.equal(res.status, 401, res.text);
      assert.equal(res.body.error, 'unauthorized');
      assert.equal(assistant.calls.length, 0);
      assert.ok(
        log.lines.some((l) => l.level === 40),
        'a warn line',
      );
      assert.ok(!log.lines.some((l) => l.level >= 50), `no error lines: ${log.lines.map((l) => l.raw).join('\n')}`);
      const signature = token.split('.')[2]!;
      assert.ok(!log.lines.some((l) => l.raw.includes(signature)), 'the token is not logged');
    });
  }

  it('does not tell a caller without a valid token why the body was refused (production mode)', async () => {
    const body = JSON.stringify({ type: 'message', text: 'hej', channelId: 'msteams' });
    const none = await h.post(body);
    assert.equal(none.status, 401);
    assert.doesNotMatch(none.text, /serviceUrl|conversation/);
    const forged = await h.post(body, {
      Authorization: `Bearer ${keys.forgedToken({ aud: APP_ID, serviceurl: h.standin.url })}`,
    });
    assert.equal(forged.status, 401);
    assert.doesNotMatch(forged.text, /serviceUrl|conversation/);
    const broken = await h.post('{oops', { Authorization: 'Bearer not.a.token' });
    assert.equal(broken.status, 401);
    assert.doesNotMatch(broken.text, /JSON/);
  });

  it('gives the reasons to a caller with a valid token', async () => {
    const token = keys.token({ aud: APP_ID, serviceurl: h.standin.url });
    const res = await h.post(JSON.stringify({ type: 'message', text: 'hej', channelId: 'msteams' }), {
      Authorization: `Bearer ${token}`,
    });
    assert.equal(res.status, 400);
    assert.match(res.body.reason, /serviceUrl/);
  });
});

describe('http: signing keys that cannot be fetched', () => {
  const keys = new OpenIdStandIn();
  const errors = console.error;
  before(async () => {
    await keys.start();
    console.error = () => undefined;
  });
  after(async () => {
    console.error = errors;
    await keys.stop();
  });

  for (const [what, metadata] of [
    ['a metadata endpoint answering 500', () => (keys.metadataStatus = 500) && keys.metadataUrl('broken')],
    ['a metadata endpoint nobody listens on', () => 'http://127.0.0.1:9/.well-known/openidconfiguration'],
  ] as const) {
    it(`answers 503 with Retry-After for ${what}`, async () => {
      const h = await startBotHarness({
        assistant: recordingAssistant(() => answeredSample()),
        auth: AUTH,
        openIdMetadataUrl: String(metadata()),
      });
      try {
        const token = keys.token({ aud: APP_ID, serviceurl: h.standin.url });
        const res = await fetch(`${h.server.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(A.message({ serviceUrl: h.standin.url, text: 'Hvem beslutter?' })),
        });
        assert.equal(res.status, 503, await res.text());
        assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      } finally {
        await h.close();
      }
    });
  }
});
