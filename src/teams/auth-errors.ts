// What a failed token check means. botframework-connector throws a plain error when a signature
// does not verify (jsonwebtoken's "invalid signature", "invalid algorithm"), which CloudAdapter
// turns into 500 — a forged token looked like an outage. Here every failure is sorted: keys that
// could not be fetched are an outage (503, retry); anything else about the token is 401.
import { AuthenticationError } from 'botframework-connector';

/** The signing keys (OpenID metadata or JWKS) could not be fetched: not the caller's fault. */
export class SigningKeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`signing keys unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'SigningKeysUnavailableError';
  }
}

/** Marks the message CloudAdapter sends as the 500 body, so the HTTP edge can tell keys from bugs. */
export const KEYS_UNAVAILABLE_PREFIX = 'signing keys unavailable:';

function isKeyFetchFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // node-fetch's network errors, and the library's own "Failed to load openID config/Keys: <status>".
  if ((err as { type?: string }).type === 'system' || err.name === 'FetchError') return true;
  if (err.name === 'AbortError') return true;
  return /^Failed to load (openID config|Keys)/.test(err.message) || (err as { code?: string }).code === 'ECONNREFUSED';
}

/** Rethrows a token-check failure as SigningKeysUnavailableError or as a 401 AuthenticationError. */
export function classifyAuthFailure(err: unknown): never {
  if (isKeyFetchFailure(err)) throw new SigningKeysUnavailableError(err);
  if (err instanceof AuthenticationError) throw err;
  // The message never contains the token (jsonwebtoken reports what failed, not the input).
  throw new AuthenticationError(`invalid token: ${(err as Error)?.message ?? 'unreadable'}`, 401);
}
