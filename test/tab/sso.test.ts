// The tab's SSO token check against keys made here and published on loopback, as Entra ID publishes
// its own: only a well-formed token for our app, tenant and scope, signed by a published key, passes.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import pino from 'pino';
import * as restify from 'restify';
import { tabAuthFor } from '../../src/compose/tab';
import { registerTabRoutes, type TabAuth } from '../../src/http/tab-api';
import { ssoValidator, type SsoValidator } from '../../src/tab/sso';
import type { TabService } from '../../src/tab/tab-service';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const DOMAIN = 'bot.example.org';
const OID = '6fb0ad8c-62d2-4414-a71a-48517669ca72';

describe('tab SSO token validation', () => {
  let server: Server;
  let validator: SsoValidator;
  let key: CryptoKey;
  let otherKey: CryptoKey;

  before(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    validator = ssoValidator({
      clientId: CLIENT,
      tenantId: TENANT,
      domain: DOMAIN,
      jwksUrl: `http://127.0.0.1:${port}/keys`,
    });
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  function token(
    over: { aud?: string; tid?: string; iss?: string; exp?: number; scp?: string; signWith?: CryptoKey } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ oid: OID, tid: over.tid ?? TENANT, scp: over.scp ?? 'access_as_user', name: 'Mette Kjær' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
      .setIssuer(over.iss ?? `https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(over.aud ?? `api://${DOMAIN}/${CLIENT}`)
      .setIssuedAt(now - 60)
      .setExpirationTime(over.exp ?? now + 3600)
      .sign(over.signWith ?? key);
  }

  it('accepts a valid v2 token and takes the user from oid', async () => {
    const r = await validator.validate(await token());
    assert.deepEqual(r, { ok: true, oid: OID, name: 'Mette Kjær' });
  });

  it('accepts a v1 issuer and the bare client id as audience', async () => {
    const r = await validator.validate(await token({ iss: `https://sts.windows.net/${TENANT}/`, aud: CLIENT }));
    assert.equal(r.ok, true);
  });

  it('refuses an expired token', async () => {
    const r = await validator.validate(await token({ exp: Math.floor(Date.now() / 1000) - 3600 }));
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /ERR_JWT_EXPIRED/);
  });

  it('refuses a wrong audience', async () => {
    const r = await validator.validate(await token({ aud: 'api://evil.example/other' }));
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /ERR_JWT_CLAIM_VALIDATION_FAILED/);
  });

  it('refuses another tenant (issuer and tid)', async () => {
    const other = '99999999-2222-3333-4444-555555555555';
    const byIssuer = await validator.validate(
      await token({ tid: other, iss: `https://login.microsoftonline.com/${other}/v2.0` }),
    );
    assert.equal(byIssuer.ok, false);
    const byTid = await validator.validate(await token({ tid: other }));
    assert.deepEqual(byTid, { ok: false, reason: 'token is for another tenant' });
  });

  it('refuses a token signed by a key that is not published', async () => {
    const r = await validator.validate(await token({ signWith: otherKey }));
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
  });

  it('refuses alg none', async () => {
    const good = await token();
    const [, payload] = good.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const r = await validator.validate(`${header}.${payload}.`);
    assert.equal(r.ok, false);
  });

  describe('on the tab API', () => {
    let api: restify.Server | undefined;
    let base = '';
    const start = async (auth: TabAuth) => {
      api = restify.createServer({ handleUncaughtExceptions: false });
      registerTabRoutes(api, {
        // /api/tab/me asks only who the caller is: no service call is made.
        service: {} as TabService,
        directory: { get: async () => null, list: async () => [] },
        auth,
        defaultOrg: 'midt',
        logger: pino({ level: 'silent' }),
      });
      await new Promise<void>((r) => api!.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    };
    afterEach(async () => {
      const s = api;
      api = undefined;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    });

    it('serves the user from oid with a valid token, refuses without one, and never offers demo people', async () => {
      await start({ kind: 'sso', validator });
      const ok = await fetch(`${base}/api/tab/me`, { headers: { Authorization: `Bearer ${await token()}` } });
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { aadObjectId: string }).aadObjectId, OID);
      const none = await fetch(`${base}/api/tab/me`, { headers: { 'X-Tab-Demo-User': OID } });
      assert.equal(none.status, 401);
      const expired = await fetch(`${base}/api/tab/me`, {
        headers: { Authorization: `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 3600 })}` },
      });
      assert.equal(expired.status, 401);
      const session = (await (await fetch(`${base}/api/tab/session`)).json()) as { mode: string; people: unknown[] };
      assert.deepEqual([session.mode, session.people], ['sso', []]);
    });

    it('refuses everything in production without the SSO settings', async () => {
      const auth = tabAuthFor({ authEnabled: true, MicrosoftAppId: CLIENT, MicrosoftAppTenantId: undefined });
      assert.equal(auth.kind, 'unconfigured');
      await start(auth);
      assert.equal((await fetch(`${base}/api/tab/me`)).status, 503);
      assert.equal((await fetch(`${base}/api/tab/session`)).status, 503);
      assert.equal(tabAuthFor({ authEnabled: false }).kind, 'local-demo');
      assert.equal(tabAuthFor({ authEnabled: true, MicrosoftAppId: CLIENT, MicrosoftAppTenantId: TENANT }).kind, 'sso');
    });
  });

  it('refuses a token without the access_as_user scope', async () => {
    const r = await validator.validate(await token({ scp: 'User.Read' }));
    assert.deepEqual(r, { ok: false, reason: 'token lacks scope access_as_user' });
  });
});
