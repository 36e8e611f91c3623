import { strict as assert } from 'node:assert';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationError, ClaimsIdentity, ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { ClientCachingAuthentication } from '../../src/teams/client-cache';

describe('teams: connector and token clients kept across turns', () => {
  const activity = { type: 'message', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams' } as any;

  it('two turns to the same serviceUrl share one ConnectorClient; another serviceUrl gets its own', async () => {
    const auth = new ClientCachingAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const a = await auth.authenticateRequest(activity, '');
    const b = await auth.authenticateRequest(activity, '');
    const c1 = await a.connectorFactory!.create('http://127.0.0.1:1/', undefined as any);
    const c2 = await b.connectorFactory!.create('http://127.0.0.1:1/', undefined as any);
    const other = await b.connectorFactory!.create('http://127.0.0.1:2/', undefined as any);
    assert.equal(c1, c2);
    assert.notEqual(c1, other);
    const t1 = await auth.createUserTokenClient(a.claimsIdentity);
    const t2 = await auth.createUserTokenClient(b.claimsIdentity);
    assert.equal(t1, t2);
  });

  it('still refuses requests the wrapped authentication refuses', async () => {
    const inner = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: 't',
      MicrosoftAppType: 'SingleTenant',
    });
    const auth = new ClientCachingAuthentication(inner);
    await assert.rejects(auth.authenticateRequest(activity, ''), (e: unknown) => e instanceof AuthenticationError);
  });

  it('a client that failed to be created is not remembered', async () => {
    let calls = 0;
    // After one failure, a real client (the cache bounds its calls, so it must be botbuilder's own).
    const real = new ConfigurationBotFrameworkAuthentication({}).createConnectorFactory(new ClaimsIdentity([]));
    class Flaky extends ConnectorFactory {
      override async create(serviceUrl: string, audience: string): Promise<ConnectorClient> {
        calls++;
        if (calls === 1) throw new Error('credentials unreachable');
        return real.create(serviceUrl, audience);
      }
    }
    const inner = new ConfigurationBotFrameworkAuthentication({});
    inner.createConnectorFactory = () => new Flaky();
    const factory = new ClientCachingAuthentication(inner).createConnectorFactory(new ClaimsIdentity([]));
    await assert.rejects(factory.create('http://x/', undefined as any), /unreachable/);
    const ok = await factory.create('http://x/', undefined as any);
    assert.equal(await factory.create('http://x/', undefined as any), ok);
    assert.equal(calls, 2);
  });
});
