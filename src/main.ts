// The composition root: config -> governance model -> engine -> assistant -> Teams bot -> HTTP server.
// The only place that wires concrete implementations together; `npm run bot` runs it.
import pino, { type Logger } from 'pino';
import { Assistant } from './assistant/assistant';
import { ConfigError, loadConfig, type Config } from './config';
import { WhoDecidesEngine } from './engine/who-decides';
import { loadGovernanceModel } from './governance/load';
import { startHttpServer, type RunningServer } from './http/server';
import { createAdapter } from './teams/adapter';
import { TeamsBot } from './teams/bot';
import { createHandlers } from './teams/handlers';
import { openStorage, startLocalEndpoint } from './compose/storage';
import { poolPort } from './compose/cases';
import { ConversationTracker } from './teams/conversation-tracker';
import { clustersOf, loadClusterConfig } from './notifications/clusters';
import { approvalConfigFrom, composeApprovals } from './compose/approvals';
import { composeNotifications, notificationCaseHook } from './compose/notifications';

export interface App {
  logger: Logger;
  start(): Promise<RunningServer>;
  stop(): Promise<void>;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function compose(config: Config, logger: Logger = pino({ level: config.LOG_LEVEL, base: { service: 'sundhedsaftale-bot' } })): Promise<App> {
  const model = loadGovernanceModel();
  const engine = new WhoDecidesEngine(model, { org: config.DEFAULT_ORG, today });
  const notify = notificationCaseHook(model);
  const storage = await openStorage(config, model, today, logger, undefined, notify.hook);
  const assistant = new Assistant({ engine, defaultOrg: config.DEFAULT_ORG, today, cases: storage.cases, pool: poolPort(storage.cases) });
  const adapter = createAdapter(config, logger);
  const tracker = new ConversationTracker(storage.conversations, logger);
  adapter.use(tracker);
  const clusterConfig = loadClusterConfig();
  const notifications = composeNotifications({
    store: storage.store,
    model,
    adapter,
    appId: config.MicrosoftAppId ?? '',
    clusters: clusterConfig,
    conversations: storage.conversations,
    directory: storage.directory,
    recordConversation: (ctx) => tracker.record(ctx),
    bindWake: notify.bindWake,
    logger,
  });
  adapter.use(notifications.middleware);
  const approvals = composeApprovals({ store: storage.store, model, adapter, appId: config.MicrosoftAppId ?? '', config: approvalConfigFrom(config), logger });
  const handlers = createHandlers({
    assistant,
    logger,
    cases: { cases: storage.cases, directory: storage.directory, shown: storage.shownCases, clusters: (org) => clustersOf(clusterConfig, org) },
    conversations: { conversations: storage.conversations, tracker },
    approvals: approvals.handler,
    subscriptions: notifications.handler,
  });
  const bot = new TeamsBot({ handlers, defaultOrg: config.DEFAULT_ORG, logger, orgFor: tracker.orgFor });
  let running: RunningServer | undefined;
  let local: { close(): Promise<void> } | null = null;
  let stopApprovalJobs: (() => Promise<void>) | null = null;
  return {
    logger,
    async start() {
      running = await startHttpServer({
        port: config.PORT,
        host: config.host,
        authEnabled: config.authEnabled,
        maxBodyBytes: config.MAX_BODY_BYTES,
        adapter,
        bot,
        logger,
      });
      local = await startLocalEndpoint(storage, (q, o) => assistant.ask(q, o), logger);
      notifications.start();
      stopApprovalJobs = approvals.startJobs(config.APPROVAL_JOB_INTERVAL_SECONDS * 1000);
      return running;
    },
    async stop() {
      await running?.close();
      await stopApprovalJobs?.();
      await notifications.stop();
      await local?.close();
      await storage.close();
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
  const app = await compose(config);
  app.logger.info({ env: config.ENV_NAME, envFile: config.envFile, defaultOrg: config.DEFAULT_ORG }, 'starting');
  await app.start();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
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
