// CloudAdapter builds a new ConnectorClient (with its HTTP pipeline) and a new UserTokenClient for
// every turn, which costs more CPU than answering the question. Both are stateless apart from
// their credentials, whose token cache is per app, so they are kept per (app, serviceUrl, audience)
// as the older BotFrameworkAdapter did. Authentication itself is untouched: every request is
// still validated by the wrapped BotFrameworkAuthentication; its failures are sorted into 401 and
// "keys unavailable" (src/teams/auth-errors.ts).
import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { classifyAuthFailure } from './auth-errors';
import { boundConnectorCalls } from './connector-timeouts';

/** Teams uses a handful of service URLs; the bound only guards against a flood of odd ones. */
const MAX_ENTRIES = 64;

class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    let hit = this.entries.get(key);
    if (!hit) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      hit = make();
      this.entries.set(key, hit);
      // A failed creation (e.g. credentials not reachable) must not be remembered.
      hit.catch(() => this.entries.get(key) === hit && this.entries.delete(key));
    }
    return hit;
  }
}

class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: BoundedCache<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
      const client = await this.inner.create(serviceUrl, audience);
      // Every connector call of a turn or a notification: a timeout, no hidden retries.
      if (!boundConnectorCalls(client)) throw new Error('botbuilder connector pipeline changed shape');
      return client;
    });
  }
}

export class ClientCachingAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>();
  private readonly tokenClients = new BoundedCache<UserTokenClient>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader).catch(classifyAuthFailure);
    return this.withCachingFactory(result);
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.withCachingFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.connectors,
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withCachingFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new CachingConnectorFactory(
        result.connectorFactory,
        appIdOf(result.claimsIdentity),
        this.connectors,
      ),
    };
  }
}

function appIdOf(identity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';
}
