// A small world for approval tests over a real store: the formandskab's two co-chairs, a
// secretariat officer, a would-be substitute and an outsider in the directory, each with a
// personal chat with the bot; the formandskab's channel; and a contingency-pool expense of
// 150,000 DKK that the secretariat has brought to the formandskab for approval.
import type { Middleware } from 'botbuilder';
import pino from 'pino';
import { ConversationTracker } from '../../../src/teams/conversation-tracker';
import { ManualClock } from '../../../src/common/clock';
import { DEFAULT_REMINDER_POLICY } from '../../../src/approvals/reminders';
import type { ApprovalConfig } from '../../../src/approvals/service';
import type { Case } from '../../../src/cases/model';
import { buildCore, type Core } from '../../../src/compose/core';
import type { FeatureHandler } from '../../../src/teams/handlers/types';
import { approvalsHandler } from '../../../src/teams/handlers/approvals';
import { casesHandler } from '../../../src/teams/handlers/cases';
import { TeamsApprovalSender } from '../../../src/teams/approvals-sender';
import type { ApprovalService } from '../../../src/approvals/service';
import { loadGovernanceModel, type GovernanceModel } from '../../../src/governance/load';
import { KyselyCaseRepository } from '../../../src/store/cases-repository';
import { KyselyConversations } from '../../../src/store/conversations';
import { KyselyDirectory } from '../../../src/store/directory';
import type { Store } from '../../../src/store/open';
import { createAdapter } from '../../../src/teams/adapter';
import { BOT, TENANT_ID, type User } from '../../fixtures/activities';
import { answeredSample, recordingAssistant } from '../../fixtures/answers';
import { startBotHarness, type BotHarness } from '../../fixtures/bot-harness';

export interface WorldPerson extends User {
  roles: string[];
}

const person = (n: string, name: string, roles: string[]): WorldPerson => ({
  id: `29:${name.split(' ')[0]!.toLowerCase()}`,
  name,
  aadObjectId: `00000000-0000-4000-8000-0000000000${n}`,
  roles,
});

export const PEOPLE = {
  anne: person('a1', 'Anne Regionsen', ['formandskab']),
  bo: person('a2', 'Bo Kommunesen', ['formandskab']),
  sara: person('s1', 'Sara Sekretær', ['sekretariat']),
  dorte: person('d1', 'Dorte Stedfortræder', []),
  ole: person('c1', 'Ole Udenfor', ['klynge:horsens']),
};

export const BODY_CHANNEL = '19:formandskab@thread.tacv2';

export const personalConversation = (p: User) => `a:personal-${p.aadObjectId}`;

let model: GovernanceModel | undefined;
export function governance(): GovernanceModel {
  model ??= loadGovernanceModel();
  return model;
}

export const APPROVAL_CONFIG: ApprovalConfig = {
  bodyConversations: { formandskab: BODY_CHANNEL },
  personalCopies: true,
  openPersonalChats: true,
  reminders: DEFAULT_REMINDER_POLICY,
  lang: 'da',
};

/** People, personal chats and the body channel; conversations point at `serviceUrl`. */
export async function seedPeople(store: Store, serviceUrl: string): Promise<void> {
  await new KyselyDirectory(store.db).upsertMany(
    Object.values(PEOPLE).map((p) => ({
      name: p.name,
      aadObjectId: p.aadObjectId,
      org: 'midt' as const,
      roles: p.roles,
    })),
  );
  const conversations = new KyselyConversations(store.db);
  for (const p of Object.values(PEOPLE)) {
    const id = personalConversation(p);
    await conversations.upsert({
      id,
      kind: 'personal',
      tenantId: TENANT_ID,
      serviceUrl,
      reference: {
        channelId: 'msteams',
        serviceUrl,
        bot: BOT,
        user: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
        conversation: { id, conversationType: 'personal', tenantId: TENANT_ID },
      },
    });
  }
  await conversations.upsert({
    id: BODY_CHANNEL,
    kind: 'channel',
    tenantId: TENANT_ID,
    teamId: '19:team@thread.tacv2',
    serviceUrl,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      bot: BOT,
      conversation: { id: BODY_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    },
  });
}

/** A pool expense at the formandskab's approval step, brought there by the secretariat. */
export async function seedPoolCase(
  store: Store,
  amountDkk = 150_000,
  title = 'Triple Aim: opfølgning på hjerterehabilitering',
): Promise<Case> {
  const repo = new KyselyCaseRepository(store.db);
  const at = '2026-11-20T09:00:00.000Z';
  const sara = { actorId: PEOPLE.sara.aadObjectId, actorName: PEOPLE.sara.name };
  const c = await repo.create(
    {
      year: 2026,
      title,
      titleEn: null,
      org: 'midt',
      processId: 'contingency-pool',
      clusters: [],
      stepId: 'recommendation',
      holder: 'sekretariat',
      deadlines: [{ label: 'Formandskabets svar', date: '2026-12-04', stepId: 'chair-approval' }],
      documents: [{ title: 'Projektbeskrivelse', url: 'https://example.org/triple-aim.pdf' }],
      amountDkk,
      poolYear: 2026,
      positions: [],
      positionsProcess: null,
      createdBy: PEOPLE.sara.aadObjectId,
      createdAt: at,
    },
    { at, ...sara, kind: 'created', fromStep: null, toStep: 'recommendation', comment: null },
  );
  const moved = await repo.update(
    c.id,
    c.version,
    { stepId: 'chair-approval', holder: 'formandskab' },
    {
      at,
      ...sara,
      kind: 'moved',
      fromStep: 'recommendation',
      toStep: 'chair-approval',
      comment: `Sekretariatet indstiller, at formandskabet bevilger ${amountDkk} kr.`,
    },
  );
  if (moved.kind !== 'updated') throw new Error(`could not move the case: ${moved.kind}`);
  return moved.case;
}

export interface ApprovalsComposition {
  core: Core;
  service: ApprovalService;
  /** The approvals handler and the cases handler ("historik", status cards), as the bot has them. */
  handlers: FeatureHandler[];
  /** The conversation tracker, telling the approvals feature about each conversation it records. */
  middleware: Middleware[];
}

/** The core as the bot builds it (one door with the notification hook), on this store and clock. */
export function composeForTest(
  store: Store,
  clock: ManualClock,
  config: Partial<ApprovalConfig> = {},
): ApprovalsComposition {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const core = buildCore({
    store,
    model: governance(),
    clock,
    defaultOrg: 'midt',
    approvals: { ...APPROVAL_CONFIG, ...config },
    logger,
    approvalCards: new TeamsApprovalSender(createAdapter({}, logger), ''),
  });
  const handlers = [
    approvalsHandler({ service: core.approvals, directory: core.repos.directory }),
    casesHandler({
      cases: core.cases,
      directory: core.repos.directory,
      shown: core.repos.shownCases,
      assistant: core.assistant,
    }),
  ];
  const tracker = new ConversationTracker(core.repos.conversations, logger, (c) => core.approvals.conversationKnown(c));
  return { core, service: core.approvals, handlers, middleware: [tracker] };
}

export const NOW = '2026-11-26T09:00:00Z';
export const newClock = () => new ManualClock(NOW);

/**
 * A suite's approvals world over the real bot endpoint: `before` composes it on the suite's store,
 * `after` waits for the background card updates and stops the server.
 */
export function approvalsSuite(store: () => Store, clock: ManualClock, config: Partial<ApprovalConfig> = {}) {
  const world = {} as { approvals: ApprovalsComposition; harness: BotHarness };
  before(async () => {
    world.approvals = composeForTest(store(), clock, config);
    world.harness = await startBotHarness({
      assistant: recordingAssistant(() => answeredSample()),
      handlers: world.approvals.handlers,
      middleware: world.approvals.middleware,
    });
  });
  after(async () => {
    await world.approvals?.service.idle();
    await world.harness?.close();
  });
  return world;
}
