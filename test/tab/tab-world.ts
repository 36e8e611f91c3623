// The tab over a real store for browser tests and the bench: the approvals world's people (two
// co-chairs, a secretariat officer, an outsider) with their chats at a Bot Connector stand-in, the
// demo cases, and a contingency-pool expense whose approval round is open; the tab's routes on a
// restify server on loopback in local demo mode, over the core as the bot builds it.
import pino from 'pino';
import * as restify from 'restify';
import type { AddressInfo } from 'node:net';
import { demoCases } from '../../src/cases/demo';
import type { Case } from '../../src/cases/model';
import type { Approval } from '../../src/approvals/types';
import { tabRoutes } from '../../src/compose/tab';
import type { Core } from '../../src/compose/core';
import { loadClusterConfig } from '../../src/notifications/clusters';
import type { Store } from '../../src/store/open';
import { ConnectorStandIn } from '../fixtures/connector-standin';
import { composeForTest, newClock, PEOPLE, seedPeople, seedPoolCase } from '../approvals/helpers/world';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

export interface TabWorld {
  core: Core;
  standin: ConnectorStandIn;
  url: string;
  poolCase: Case;
  round: Approval;
  close(): Promise<void>;
}

export async function startTabWorld(store: Store, options: { seedDemo?: boolean } = {}): Promise<TabWorld> {
  const clock = newClock();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const standin = await new ConnectorStandIn().start();
  let server: restify.Server | undefined;
  try {
    const { core } = composeForTest(store, clock);
    await seedPeople(store, standin.url);
    if (options.seedDemo !== false) {
      const r = await core.repos.cases.importAll(demoCases());
      if (r.kind !== 'imported') throw new Error(`demo cases: ${r.kind}`);
    }
    const poolCase = await seedPoolCase(store);
    const round = await core.approvals.openIfDue(poolCase, {
      aadObjectId: PEOPLE.sara.aadObjectId,
      name: PEOPLE.sara.name,
    });
    if (!round) throw new Error('no approval round opened for the pool case');
    await core.approvals.idle();
    server = restify.createServer({ name: 'tab-test', handleUncaughtExceptions: false });
    tabRoutes(
      core,
      {
        authEnabled: false,
        DEFAULT_ORG: 'midt',
        MicrosoftAppId: undefined,
        MicrosoftAppTenantId: undefined,
        BOT_DOMAIN: undefined,
        TEAMS_APP_ID: undefined,
      },
      loadClusterConfig(),
      logger,
    )(server);
    const s = server;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = (s.address() as AddressInfo).port;
    return {
      core,
      standin,
      url: `http://127.0.0.1:${port}`,
      poolCase,
      round,
      async close() {
        await core.approvals.idle();
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          (s.server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await standin.stop();
      },
    };
  } catch (err) {
    server?.close();
    await standin.stop();
    throw err;
  }
}
