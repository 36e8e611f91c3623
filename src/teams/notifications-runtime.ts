// Wires cluster notifications for one bot process: the outbox and subscriptions over the store,
// the botbuilder sender, the dispatcher and the weekly digest timer. main.ts calls this; the
// notification tests and `npm run bench:notify` run the same wiring in a child process.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { loadClusterConfig, type ClusterConfig } from '../notifications/clusters';
import { enqueueDueDigests } from '../notifications/digest';
import { Dispatcher } from '../notifications/dispatcher';
import { epochMs, systemClock, type Clock } from '../common/clock';
import { KyselyOutbox } from '../store/notification-outbox';
import type { Store } from '../store/open';
import { KyselySubscriptions } from '../store/subscriptions';
import { TeamsNotificationSender } from './notification-sender';

/** Sent notifications and events are kept this long (digests look back a week at most). */
const KEEP_MS = 60 * 86_400_000;

export interface NotificationRuntimeOptions {
  store: Store;
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode without authentication). */
  appId: string;
  logger: Logger;
  clusters?: ClusterConfig;
  clock?: Clock;
  owner?: string;
  leaseMs?: number;
  pollMs?: number;
  maxLanes?: number;
  /** How often to look for weekly digests that are due (0 = never). */
  digestCheckMs?: number;
}

export function createNotificationRuntime(o: NotificationRuntimeOptions) {
  const clusters = o.clusters ?? loadClusterConfig();
  const clock = o.clock ?? systemClock;
  const outbox = new KyselyOutbox(o.store.db);
  const subscriptions = new KyselySubscriptions(o.store.db, () => epochMs(clock));
  const leaseMs = o.leaseMs ?? 60_000;
  const sender = new TeamsNotificationSender(
    o.adapter,
    o.appId,
    Math.min(20_000, Math.floor(leaseMs / 2)),
    () => o.logger.error('botbuilder connector pipeline changed shape: its hidden retries could not be removed'),
    clock,
  );
  const log = o.logger.child({ component: 'notifications' });
  const dispatcher = new Dispatcher(
    { outbox, sender, clusters, clock, log },
    {
      owner: o.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      leaseMs,
      pollMs: o.pollMs ?? 1000,
      maxLanes: o.maxLanes ?? 64,
      singleProcess: o.store.kind === 'pglite',
    },
  );
  let digestTimer: NodeJS.Timeout | undefined;
  const checkDigests = async () => {
    try {
      if ((await enqueueDueDigests(subscriptions, epochMs(clock))) > 0) dispatcher.wake();
      await outbox.purge(epochMs(clock), KEEP_MS);
    } catch (err) {
      log.error({ err }, 'weekly digest check failed; retried at the next check');
    }
  };
  return {
    clusters,
    outbox,
    subscriptions,
    dispatcher,
    start(): void {
      dispatcher.start();
      const every = o.digestCheckMs ?? 3_600_000;
      if (every > 0) {
        void checkDigests();
        digestTimer = setInterval(() => void checkDigests(), every);
        digestTimer.unref();
      }
    },
    async stop(): Promise<void> {
      if (digestTimer) clearInterval(digestTimer);
      await dispatcher.stop();
    },
  };
}

export type NotificationRuntime = ReturnType<typeof createNotificationRuntime>;
