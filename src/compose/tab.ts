// The tab's wiring: its service over the core, and how it knows who asks: SSO tokens checked
// against the tenant's Entra ID keys when the bot runs with an app id, the demo directory's people
// in local mode (no app id, loopback only), and a refusal when production lacks the SSO settings.
import type * as restify from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { registerTabRoutes, type TabAuth } from '../http/tab-api';
import type { ClusterConfig } from '../notifications/clusters';
import { caseDeepLink } from '../tab/links';
import { ssoValidator } from '../tab/sso';
import { TabService } from '../tab/tab-service';
import type { Core } from './core';

type TabConfig = Pick<
  Config,
  'authEnabled' | 'MicrosoftAppId' | 'MicrosoftAppTenantId' | 'BOT_DOMAIN' | 'TEAMS_APP_ID' | 'DEFAULT_ORG'
>;

export function tabAuthFor(
  config: Pick<TabConfig, 'authEnabled'> &
    Partial<Pick<TabConfig, 'MicrosoftAppId' | 'MicrosoftAppTenantId' | 'BOT_DOMAIN'>>,
): TabAuth {
  if (!config.authEnabled) return { kind: 'local-demo' };
  if (!config.MicrosoftAppId || !config.MicrosoftAppTenantId)
    return { kind: 'unconfigured', reason: 'the tab needs MicrosoftAppTenantId for its sign-in (SSO)' };
  return {
    kind: 'sso',
    validator: ssoValidator({
      clientId: config.MicrosoftAppId,
      tenantId: config.MicrosoftAppTenantId,
      domain: config.BOT_DOMAIN,
    }),
  };
}

export function tabRoutes(
  core: Core,
  config: TabConfig,
  clusters: ClusterConfig,
  logger: Logger,
  auth: TabAuth = tabAuthFor(config),
): (server: restify.Server) => void {
  const service = new TabService(core, clusters);
  return (server) =>
    registerTabRoutes(server, {
      service,
      directory: { get: (id) => core.repos.directory.get(id), list: () => core.repos.directory.list() },
      auth,
      defaultOrg: config.DEFAULT_ORG,
      logger,
      teamsAppId: config.TEAMS_APP_ID,
    });
}

/** "Åbn i fanen" on case cards: a Teams deep link to the case, once the Teams app id is known. */
export function tabLinkFor(
  config: Pick<Config, 'TEAMS_APP_ID' | 'BOT_DOMAIN'>,
): ((caseId: string) => string) | undefined {
  const appId = config.TEAMS_APP_ID;
  return appId ? (caseId) => caseDeepLink(appId, caseId, config.BOT_DOMAIN) : undefined;
}
