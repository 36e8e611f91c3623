// The composition root: config -> store -> the one clock, catalogue and case door (the core) ->
// Teams (adapter, handlers, bot) -> HTTP server and background jobs. The only place that wires
// concrete implementations together; `npm run bot` runs it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino, { type Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config';
import { approvalConfigFrom, startApprovalJobs } from './compose/approvals';
import { buildCore, type Core } from './compose/core';
import { composeNotifications } from './compose/notifications';
import { tabLinkFor, tabRoutes } from './compose/tab';
import { openConfiguredStore, prepareData, startLocalEndpoint } from './compose/storage';
import { loadGovernanceModel } from './governance/load';
import { startHttpServer, type RunningServer } from './http/server';
import { clustersOf, loadClusterConfig } from './notifications/clusters';
import { epochMs, systemClock, type Clock } from './common/clock';
import { createAdapter } from './teams/adapter';
import { pingStore } from './store/open';
import { TeamsApprovalSender } from './teams/approvals-sender';
import { TeamsBot } from './teams/bot';
import { ConversationTracker } from './teams/conversation-tracker';
import { recentRun } from './compose/readiness';
import { DatabaseInUseError } from './store/lock';
import { createHandlers } from './teams/handlers';
import { approvalsHandler } from './teams/handlers/approvals';

/** /healthz says unavailable when the database does not answer `select 1` within this. */
const HEALTH_DB_TIMEOUT_MS = 2_000;
/** A stop that has not finished by then (a hung request or connection) ends the process anyway. */
const STOP_DEADLINE_MS = 9_000;
/** How long a stop lets the activities in flight finish (a turn is bounded well below this). */
const STOP_GRACE_MS = 6_000;
/** /readyz: the approvals job and the notification dispatcher must have run within this. */
const APPROVALS_STALE_FACTOR = 3;
const DISPATCHER_STALE_MS = 30_000;

/**
 * Milliseconds from the process's start to the end of each start-up step, logged with the memory
 * once the bot serves (what `npm run bench:startup` breaks its figure down by). The first step,
 * loading the modules, has ended when this line runs: every import above is loaded before it.
 */
const startupMs: Record<string, number> = { modules: Math.round(performance.now()) };
const reached = (step: string) => {
  startupMs[step] = Math.round(performance.now());
};

/** When the start-up's one full garbage collection runs, after the server listens. */
const STARTUP_GC_DELAY_MS = 2_000;

/**
 * One full garbage collection before the bot idles. The start-up leaves garbage (the migrations'
 * and the seeding's on a first start, reading the model files, the jobs' first passes); an idle
 * process allocates too little for V8 to collect it on its own, so it would stay resident for hours.
 */
function collectStartupGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) {
    exposed();
    return;
  }
  // Without --expose-gc: the flag set now exposes gc() in contexts made after it.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export interface App {
  logger: Logger;
  core: Core;
  start(): Promise<RunningServer>;
  stop(): Promise<void>;
}

export async function compose(
  config: Config,
  logger: Logger = pino({ level: config.LOG_LEVEL, base: { service: 'sundhedsaftale-bot' } }),
  clock: Clock = systemClock,
): Promise<App> {
  const model = loadGovernanceModel();
  const clusterConfig = loadClusterConfig();
  reached('governance');
  const store = await openConfiguredStore(config);
  reached('database');
  const adapter = createAdapter(config, logger);
  const appId = config.MicrosoftAppId ?? '';
  const core = buildCore({
    store,
    model,
    clock,
    defaultOrg: config.DEFAULT_ORG,
    approvals: approvalConfigFrom(config),
    clusters: clusterConfig,
    logger,
    approvalCards: new TeamsApprovalSender(adapter, appId),
  });
  reached('engine');
  try {
    await prepareData(core, config.ENV_NAME, logger);
  } catch (e) {
    await store.close();
    throw e;
  }
  reached('data');
  const tracker = new ConversationTracker(core.repos.conversations, logger, (c) => core.approvals.conversationKnown(c));
  adapter.use(tracker);
  const notifications = composeNotifications({
    core,
    adapter,
    appId,
    clusters: clusterConfig,
    recordConversation: (ctx) => tracker.record(ctx),
    logger,
  });
  adapter.use(notifications.middleware);
  const handlers = createHandlers({
    assistant: core.assistant,
    logger,
    cases: {
      cases: core.cases,
      directory: core.repos.directory,
      shown: core.repos.shownCases,
      clusters: (org) => clustersOf(clusterConfig, org),
      tabLink: tabLinkFor(config),
    },
    conversations: { conversations: core.repos.conversations, tracker },
    approvals: approvalsHandler({ service: core.approvals, directory: core.repos.directory }),
    subscriptions: notifications.handler,
    messageExtension: {
      cases: core.cases,
      directory: core.repos.directory,
      clusters: (org) => clustersOf(clusterConfig, org),
      botDomain: config.BOT_DOMAIN,
      teamsAppId: config.TEAMS_APP_ID,
    },
  });
  const bot = new TeamsBot({ handlers, defaultOrg: config.DEFAULT_ORG, logger, orgFor: tracker.orgFor });
  let running: RunningServer | undefined;
  let local: { close(): Promise<void> } | null = null;
  let stopApprovalJobs: (() => Promise<void>) | null = null;
  let approvalsRanAt: number | null = null;
  const approvalsEveryMs = config.APPROVAL_JOB_INTERVAL_SECONDS * 1000;
  return {
    logger,
    core,
    async start() {
      const startedAt = epochMs(clock);
      running = await startHttpServer({
        port: config.PORT,
        host: config.host,
        authEnabled: config.authEnabled,
        maxBodyBytes: config.MAX_BODY_BYTES,
        adapter,
        bot,
        logger,
        database: () => pingStore(store, HEALTH_DB_TIMEOUT_MS),
        routes: [tabRoutes(core, config, clusterConfig, logger)],
        readiness: {
          notifications: recentRun(
            'the notification dispatcher',
            () => notifications.runtime.dispatcher.lastClaimAt,
            DISPATCHER_STALE_MS,
            startedAt,
            clock,
          ),
          approvals: recentRun(
            'the approvals job',
            () => approvalsRanAt,
            APPROVALS_STALE_FACTOR * approvalsEveryMs + 10_000,
            startedAt,
            clock,
          ),
        },
      });
      reached('listening');
      local = await startLocalEndpoint(core, logger);
      notifications.start();
      stopApprovalJobs = startApprovalJobs(core.approvals, approvalsEveryMs, logger, clock, (at) => {
        approvalsRanAt = at;
      });
      reached('jobs');
      return running;
    },
    async stop() {
      await running?.close(STOP_GRACE_MS);
      await stopApprovalJobs?.();
      await notifications.stop();
      await local?.close();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  let app: App;
  try {
    app = await compose(config);
  } catch (err) {
    if (err instanceof DatabaseInUseError) {
      // An expected refusal, not a crash: one line naming the holder and the lock file.
      process.stderr.write(`sundhedsaftale-bot (pid ${process.pid}): ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  app.logger.info({ env: config.ENV_NAME, envFile: config.envFile, defaultOrg: config.DEFAULT_ORG }, 'starting');
  await app.start();
  // Later, not at once: a full collection blocks the thread (0.1-0.3 s at load 8) and would hold up
  // the first requests, and by then the jobs' first passes have left their garbage too.
  setTimeout(collectStartupGarbage, STARTUP_GC_DELAY_MS).unref();
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  const m = process.memoryUsage();
  app.logger.info(
    {
      startupMs,
      memoryMb: {
        rss: mb(m.rss),
        heapUsed: mb(m.heapUsed),
        external: mb(m.external),
        arrayBuffers: mb(m.arrayBuffers),
      },
    },
    'started',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping');
    setTimeout(() => {
      app.logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'stop did not finish in time; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (err) => {
        app.logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`fatal: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
