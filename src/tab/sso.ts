// The tab's sign-in: Teams hands the page an Entra ID token (authentication.getAuthToken) and the
// page sends it as a bearer token. It is checked here as Entra ID requires, with `jose`: signature
// against the tenant's published keys (JWKS), issuer of a v1 or v2 token for the tenant, audience
// the app's client id or api://<domain>/<client id>, expiry, and the scope access_as_user. The
// user is the token's `oid`, the same id as activity.from.aadObjectId in chat.
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface SsoConfig {
  /** The Entra app registration's client id (MicrosoftAppId). */
  clientId: string;
  /** The tenant the tab serves (MicrosoftAppTenantId). */
  tenantId: string;
  /** BOT_DOMAIN, for the api://<domain>/<client id> audience. */
  domain?: string;
  /** Defaults to the Entra ID keys of the tenant; tests serve their own on loopback. */
  jwksUrl?: string;
  /** Clock skew allowed on exp/nbf, in seconds. */
  clockToleranceS?: number;
}

export type SsoResult = { ok: true; oid: string; name: string | null } | { ok: false; reason: string };

export const REQUIRED_SCOPE = 'access_as_user';

export interface SsoValidator {
  validate(token: string): Promise<SsoResult>;
}

export function ssoValidator(config: SsoConfig, keys?: JWTVerifyGetKey): SsoValidator {
  const jwks =
    keys ??
    createRemoteJWKSet(
      new URL(config.jwksUrl ?? `https://login.microsoftonline.com/${config.tenantId}/discovery/v2.0/keys`),
    );
  const audience = [config.clientId, ...(config.domain ? [`api://${config.domain}/${config.clientId}`] : [])];
  const issuer = [
    `https://login.microsoftonline.com/${config.tenantId}/v2.0`,
    `https://sts.windows.net/${config.tenantId}/`,
  ];
  return {
    async validate(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          audience,
          issuer,
          // RS256 only: Entra ID signs with it, and naming it shuts out `none` and HMAC confusion.
          algorithms: ['RS256'],
          clockTolerance: config.clockToleranceS ?? 60,
          requiredClaims: ['exp', 'oid', 'tid'],
        });
        if (payload.tid !== config.tenantId) return { ok: false, reason: 'token is for another tenant' };
        const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
        if (!scopes.includes(REQUIRED_SCOPE)) return { ok: false, reason: `token lacks scope ${REQUIRED_SCOPE}` };
        if (typeof payload.oid !== 'string' || payload.oid === '') return { ok: false, reason: 'token has no oid' };
        const name = typeof payload.name === 'string' ? payload.name : null;
        return { ok: true, oid: payload.oid, name };
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'ERR_JWT_INVALID';
        return { ok: false, reason: `invalid token (${code})` };
      }
    },
  };
}
