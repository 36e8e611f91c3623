// Wiring of cluster notifications for the bot: the case-change hook that writes notification
// events in the case's own transaction, the dispatcher runtime, the chat handler, the Teams
// installation-event middleware and the daily deadline check.
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ProcessCatalog } from '../cases/ports';
import type { ClusterConfig } from '../notifications/clusters';
import { approachingDeadlineEvents, eventsForCaseChange } from '../notifications/from-case';
import type { CaseChangeHook } from '../store/case-change-hook';
import { enqueueNotificationEvents, openCasesWithDeadlines } from '../store/notification-outbox';
import type { Core } from './core';
import { subscriptionsHandler } from '../teams/handlers/subscriptions';
import { InstallationEvents } from '../teams/installation-events';
import { createNotificationRuntime, type NotificationRuntime } from '../teams/notifications-runtime';

/** How far ahead "deadline approaching" looks, and how often the check runs. */
const DEADLINE_HORIZON_DAYS = 7;
const DEADLINE_CHECK_MS = 6 * 3_600_000;

/**
 * The hook the case repository runs inside each change's transaction. `wake` is bound later, once
 * the dispatcher exists (the cases service is built before it); the wake comes after the commit
 * would normally be done, and the dispatcher's poll picks up anything it misses.
 */
export function notificationCaseHook(catalog: ProcessCatalog): {
  hook: CaseChangeHook;
  bindWake(wake: () => void): void;
} {
  let wake: () => void = () => undefined;
  return {
    hook: async (trx, change) => {
      const events = eventsForCaseChange(change.case, change.event, catalog);
      if (events.length === 0) return;
      // Due from the moment of the change, on the application's clock (the case service's).
      const r = await enqueueNotificationEvents(trx, events, new Date(change.event.at));
      if (r.notifications > 0) setTimeout(() => wake(), 20).unref();
    },
    bindWake(w) {
      wake = w;
    },
  };
}

export interface NotificationsWiring {
  runtime: NotificationRuntime;
  handler: ReturnType<typeof subscriptionsHandler>;
  middleware: InstallationEvents;
  start(): void;
  stop(): Promise<void>;
}

export function composeNotifications(o: {
  core: Pick<Core, 'store' | 'catalog' | 'bindNotificationWake' | 'repos' | 'clock'>;
  adapter: CloudAdapter;
  appId: string;
  clusters: ClusterConfig;
  recordConversation: (ctx: TurnContext) => Promise<void>;
  logger: Logger;
}): NotificationsWiring {
  // The core's one clock: the dispatcher's pacing, backoff and readiness stamp follow it too.
  const { store, catalog, clock } = o.core;
  const runtime = createNotificationRuntime({
    store,
    adapter: o.adapter,
    appId: o.appId,
    logger: o.logger,
    clusters: o.clusters,
    clock,
  });
  const wake = () => runtime.dispatcher.wake();
  o.core.bindNotificationWake(wake);
  const log = o.logger.child({ component: 'notifications' });
  let deadlineTimer: NodeJS.Timeout | undefined;
  const checkDeadlines = async () => {
    try {
      const now = clock.now();
      const events = approachingDeadlineEvents(
        await openCasesWithDeadlines(store.db),
        clock.today(),
        DEADLINE_HORIZON_DAYS,
        catalog,
      );
      const r = await store.db.transaction().execute((trx) => enqueueNotificationEvents(trx, events, now));
      if (r.notifications > 0) wake();
    } catch (err) {
      log.error({ err }, 'deadline check failed; retried at the next check');
    }
  };
  return {
    runtime,
    handler: subscriptionsHandler({
      subscriptions: runtime.subscriptions,
      outbox: runtime.outbox,
      clusters: o.clusters,
      directory: o.core.repos.directory,
      recordConversation: o.recordConversation,
      wake,
    }),
    middleware: new InstallationEvents(o.core.repos.conversations, runtime.outbox, log),
    start() {
      runtime.start();
      void checkDeadlines();
      deadlineTimer = setInterval(() => void checkDeadlines(), DEADLINE_CHECK_MS);
      deadlineTimer.unref();
    },
    async stop() {
      if (deadlineTimer) clearInterval(deadlineTimer);
      await runtime.stop();
    },
  };
}
