// The domain built once over an open store: the one clock, the one governance catalogue, the one
// case door (with the notification hook), each repository once, and the services every transport
// calls (chat, cards, the CLI, the tab and message extension to come). Nothing here knows Teams:
// what the approvals feature sends goes through the outbound port it is given (`approvalCards`).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ApprovalService, type ApprovalConfig, type CardSender } from '../approvals/service';
import { Assistant, type PoolBalancePort } from '../assistant/assistant';
import { catalogFromModel } from '../cases/governance-catalog';
import type { ProcessCatalog } from '../cases/ports';
import { CasesService, poolBalanceText } from '../cases/service';
import { WhoDecidesEngine } from '../engine/who-decides';
import type { GovernanceModel } from '../governance/load';
import type { Clock } from '../common/clock';
import type { OrgId } from '../common/ids';
import { KyselyApprovalStore } from '../store/approvals-repository';
import { CaseDoor } from '../store/case-door';
import { KyselyCaseRepository } from '../store/cases-repository';
import { KyselyConversations } from '../store/conversations';
import { KyselyDirectory } from '../store/directory';
import type { Store } from '../store/open';
import { KyselyPersonalChats } from '../store/personal-chats';
import { KyselyShownCases } from '../store/shown-cases';
import { texts } from '../texts/catalogue';
import { clustersOf, type ClusterConfig } from '../notifications/clusters';
import { notificationCaseHook } from './notifications';

export interface CoreDeps {
  store: Store;
  model: GovernanceModel;
  clock: Clock;
  defaultOrg: OrgId;
  approvals: ApprovalConfig;
  logger: Logger;
  /** The clusters of each organisation (env/clusters.yaml), for their names on cards. */
  clusters?: ClusterConfig;
  /** Teams, as the approvals feature posts and updates its cards (src/teams/approvals-sender.ts). */
  approvalCards: CardSender;
  newId?: () => string;
}

export interface Core {
  readonly store: Store;
  readonly model: GovernanceModel;
  readonly clock: Clock;
  readonly catalog: ProcessCatalog;
  /** The one case-change operation; every write to a case or its history goes through it. */
  readonly door: CaseDoor;
  readonly repos: {
    cases: KyselyCaseRepository;
    approvals: KyselyApprovalStore;
    directory: KyselyDirectory;
    conversations: KyselyConversations;
    personalChats: KyselyPersonalChats;
    shownCases: KyselyShownCases;
  };
  readonly engine: WhoDecidesEngine;
  readonly assistant: Assistant;
  readonly cases: CasesService;
  readonly approvals: ApprovalService;
  /** The dispatcher of this process, once it exists, is woken after a change raised notifications. */
  bindNotificationWake(wake: () => void): void;
}

export function buildCore(d: CoreDeps): Core {
  const { store, model, clock } = d;
  const catalog = catalogFromModel(model);
  const notify = notificationCaseHook(catalog);
  const door = new CaseDoor(notify.hook);
  const repos = {
    cases: new KyselyCaseRepository(store.db, door),
    approvals: new KyselyApprovalStore(store, door),
    directory: new KyselyDirectory(store.db),
    conversations: new KyselyConversations(store.db),
    personalChats: new KyselyPersonalChats(store.db),
    shownCases: new KyselyShownCases(store.db),
  };
  const engine = new WhoDecidesEngine(model, { org: d.defaultOrg, today: () => clock.today() });
  const approvals = new ApprovalService({
    store: repos.approvals,
    cases: repos.cases,
    catalog,
    directory: repos.directory,
    personalChats: repos.personalChats,
    async conversation(id) {
      const c = await repos.conversations.get(id);
      return c && !c.removedAt ? { conversationId: c.id, serviceUrl: c.serviceUrl, reference: c.reference } : null;
    },
    sender: d.approvalCards,
    clock,
    config: d.approvals,
    newId: d.newId ?? (() => `apv-${randomUUID()}`),
    onError: (err, context) => d.logger.warn({ err, context }, 'approvals'),
  });
  const cases = new CasesService({
    repo: repos.cases,
    catalog,
    clock,
    approvalStatus: (id, lang) => approvals.statusLines(id, lang),
    clusterName: (org, id, lang) =>
      d.clusters ? clustersOf(d.clusters, org).find((c) => c.id === id)?.name[lang] : undefined,
  });
  const assistant = new Assistant({
    engine,
    defaultOrg: d.defaultOrg,
    today: () => clock.today(),
    cases,
    pool: poolPort(cases),
  });
  return {
    store,
    model,
    clock,
    catalog,
    door,
    repos,
    engine,
    assistant,
    cases,
    approvals,
    bindNotificationWake: notify.bindWake,
  };
}

/** The pool balance as the assistant (CLI, tab) words it. */
export function poolPort(service: CasesService): PoolBalancePort {
  return {
    async balanceText(org, year, lang) {
      const r = await service.poolBalance(org, year);
      return r.kind === 'no_pool' ? texts(lang).cases.noPool : poolBalanceText(r.balance, lang);
    },
  };
}

/** For processes without a Teams connection (the CLI): approval cards cannot be sent from there. */
export const noTeamsConnection: CardSender = {
  post: () => Promise.reject(new Error('this process has no Teams connection')),
  openPersonalChat: () => Promise.resolve(null),
  update: () => Promise.reject(new Error('this process has no Teams connection')),
  sendText: () => Promise.reject(new Error('this process has no Teams connection')),
};
