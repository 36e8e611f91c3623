// Cluster subscriptions in a channel: "abonnér på klynge Horsens", "hvad abonnerer denne kanal
// på?", "afmeld Horsens", and for the secretariat "mislykkede notifikationer" with a retry button.
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { DirectoryPort } from '../../directory/person';
import { isSecretariatStaff } from '../../directory/person';
import { findCluster, type ClusterConfig } from '../../notifications/clusters';
import type { OutboxPort, SubscriptionPort } from '../../notifications/ports';
import {
  failedText,
  parseSubscribe,
  subscribedText,
  subscribeHelpText,
  subscriptionsText,
  knownClustersText,
} from '../../notifications/subscription-commands';
import { foldText } from '../../engine/normalize';
import { texts } from '../../texts/catalogue';
import { baseConversationId } from '../conversation-tracker';
import type { FeatureHandler, TurnInfo } from './types';

export interface SubscriptionsHandlerDeps {
  subscriptions: SubscriptionPort;
  outbox: OutboxPort;
  clusters: ClusterConfig;
  directory: DirectoryPort;
  /** Makes sure the conversation (and its reference) is stored before subscribing it. */
  recordConversation: (ctx: TurnContext) => Promise<void>;
  /** New work for the dispatcher in this process (retried notifications). */
  wake: () => void;
  now?: () => number;
}

const ALL = /^(alt|alle|all|everything|alle klynger|all clusters)$/;

async function isAdmin(deps: SubscriptionsHandlerDeps, turn: TurnInfo): Promise<boolean> {
  return Boolean(turn.userAadId) && isSecretariatStaff(await deps.directory.get(turn.userAadId!));
}

function retryCard(text: string, lang: 'da' | 'en') {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text, wrap: true }],
    actions: [{ type: 'Action.Execute', title: texts(lang).subscriptions.retryAll, verb: 'sub.retry', data: {} }],
  });
}

export function subscriptionsHandler(deps: SubscriptionsHandlerDeps): FeatureHandler {
  const now = deps.now ?? Date.now;
  return {
    name: 'subscriptions',
    intents: ['subscribe', 'unsubscribe', 'list_subscriptions', 'failed_notifications'],
    verbPrefix: 'sub.',
    async onMessage(ctx, turn, intent) {
      const lang = turn.lang;
      const t = texts(lang).subscriptions;
      const conversationId = baseConversationId(turn.conversationId);
      switch (intent.kind) {
        case 'subscribe': {
          const req = parseSubscribe(deps.clusters, turn.org, intent.cluster);
          if (req.kind !== 'ok') return void (await ctx.sendActivity(subscribeHelpText(req, lang)));
          await deps.recordConversation(ctx);
          for (const c of req.clusters)
            await deps.subscriptions.subscribe({
              conversationId,
              org: turn.org,
              clusterId: c.id,
              kinds: req.kinds,
              mode: req.mode,
              lang,
              createdBy: turn.userAadId,
            });
          return void (await ctx.sendActivity(subscribedText(req.clusters, req.kinds, req.mode, lang)));
        }
        case 'unsubscribe': {
          const text = foldText(intent.cluster);
          if (ALL.test(text)) {
            const n = await deps.subscriptions.unsubscribeAll(conversationId);
            return void (await ctx.sendActivity(t.removed(n)));
          }
          const match = findCluster(deps.clusters, turn.org, text);
          if (match.kind !== 'found') {
            const known = knownClustersText(match.kind === 'ambiguous' ? match.candidates : match.known, lang);
            return void (await ctx.sendActivity(t.whichToUnsubscribe(known)));
          }
          const removed = await deps.subscriptions.unsubscribe(conversationId, turn.org, match.cluster.id);
          const name = match.cluster.name[lang];
          return void (await ctx.sendActivity(removed ? t.unsubscribed(name) : t.notSubscribed(name)));
        }
        case 'list_subscriptions':
          return void (await ctx.sendActivity(
            subscriptionsText(
              await deps.subscriptions.list(conversationId, { includeInactive: true }),
              deps.clusters,
              lang,
            ),
          ));
        case 'failed_notifications': {
          if (!(await isAdmin(deps, turn))) return void (await ctx.sendActivity(t.onlySecretariatSees));
          const failed = await deps.outbox.listFailed({ org: turn.org, limit: 20 });
          const text = failedText(failed, lang);
          const retryable = failed.some((f) => f.status === 'failed');
          return void (await ctx.sendActivity(retryable ? MessageFactory.attachment(retryCard(text, lang)) : text));
        }
        default:
          return;
      }
    },
    async onAction(_ctx, action) {
      const lang = action.turn.lang;
      if (action.verb !== 'sub.retry')
        return { kind: 'error', status: 400, message: texts(lang).subscriptions.unknownAction };
      if (!(await isAdmin(deps, action.turn)))
        return { kind: 'error', status: 403, message: texts(lang).subscriptions.onlySecretariatResends };
      const n = await deps.outbox.retryFailed({ org: action.turn.org }, now());
      if (n > 0) deps.wake();
      return { kind: 'message', text: texts(lang).subscriptions.resent(n) };
    },
  };
}
