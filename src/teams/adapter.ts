// The botbuilder CloudAdapter, with authentication from config and a turn error handler that
// apologises to the user instead of leaving them without a reply (and never fails the request).
import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { ClientCachingAuthentication } from './client-cache';
import { strings } from './strings';
import { localeLang } from './turn';
import { isDatabaseBusy } from '../store/open';

export type AuthConfig = Partial<
  Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId' | 'MicrosoftAppType'>
>;

export interface AdapterEndpoints {
  /** Where the channel's signing keys are published (default: the Bot Framework's own). Tests only. */
  openIdMetadataUrl?: string;
}

export function createAdapter(config: AuthConfig, logger: Logger, endpoints: AdapterEndpoints = {}): CloudAdapter {
  // With no app id the library's own rule applies: authentication is disabled and outgoing calls
  // carry no token (local mode, for the Agents Playground and the tests' Bot Connector stand-in).
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.MicrosoftAppId
    ? {
        MicrosoftAppId: config.MicrosoftAppId,
        MicrosoftAppPassword: config.MicrosoftAppPassword,
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId,
        ...(endpoints.openIdMetadataUrl ? publicCloudWithKeysAt(endpoints.openIdMetadataUrl, config) : {}),
      }
    : {};
  const adapter = new CloudAdapter(
    new ClientCachingAuthentication(new ConfigurationBotFrameworkAuthentication(options)),
  );
  adapter.onTurnError = turnErrorHandler(logger);
  return adapter;
}

/**
 * The public cloud's settings with another key source. botbuilder takes either none of these
 * settings or all of them (one alone leaves the rest empty and every token invalid).
 */
function publicCloudWithKeysAt(
  metadataUrl: string,
  config: AuthConfig,
): ConfigurationBotFrameworkAuthenticationOptions {
  const C = AuthenticationConstants;
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl:
      config.MicrosoftAppType === 'SingleTenant'
        ? `https://login.microsoftonline.com/${config.MicrosoftAppTenantId}`
        : C.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: C.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: C.ToBotFromChannelTokenIssuer,
    OAuthUrl: C.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

export function turnErrorHandler(logger: Logger) {
  return async (ctx: TurnContext, error: Error): Promise<void> => {
    const a = ctx.activity;
    logger.error(
      { err: error, activityType: a.type, activityId: a.id, conversationId: a.conversation?.id },
      'turn failed',
    );
    const s = strings(localeLang(a.locale) ?? 'da');
    const message = isDatabaseBusy(error) ? s.databaseBusy : s.turnError;
    try {
      if (a.type === ActivityTypes.Invoke) {
        // Teams shows an invoke's message response as a toast on the card the user clicked.
        await ctx.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message },
          },
        });
      } else if (a.type === ActivityTypes.Message) {
        await ctx.sendActivity(message);
      }
    } catch (sendError) {
      // The connector itself may be what failed; the request still ends cleanly.
      logger.warn(
        { err: sendError, conversationId: a.conversation?.id },
        'could not tell the user about the failed turn',
      );
    }
  };
}
