// Wiring of the approvals feature over an open store, the governance model and a botbuilder
// adapter: shared by the bot's composition root, the tests and the benchmark.
import { randomUUID } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { OrgId } from '../assistant/answer';
import type { Config } from '../config';
import type { Clock } from '../approvals/clock';
import { systemClock } from '../approvals/clock';
import { ApprovalService, type ApprovalConfig } from '../approvals/service';
import { catalogFromPeriods } from '../cases/governance-catalog';
import type { GovernanceModel } from '../governance/load';
import { KyselyApprovalStore } from '../store/approvals-repository';
import { KyselyCaseRepository } from '../store/cases-repository';
import { KyselyConversations } from '../store/conversations';
import { KyselyDirectory } from '../store/directory';
import type { Store } from '../store/open';
import { KyselyPersonalChats } from '../store/personal-chats';
import { TeamsApprovalSender } from '../teams/approvals-sender';
import { approvalsHandler } from '../teams/handlers/approvals';
import type { FeatureHandler } from '../teams/handlers/types';

export interface ApprovalsComposition {
  service: ApprovalService;
  handler: FeatureHandler;
  /** Runs the sweep and the reminders now and then every `intervalMs`; returns a stop function. */
  startJobs(intervalMs: number): () => Promise<void>;
}

export function composeApprovals(o: { store: Store; model: GovernanceModel; adapter: CloudAdapter; appId: string; config: ApprovalConfig; logger: Logger; clock?: Clock }): ApprovalsComposition {
  const periodAt = (org: OrgId, date: string) => o.model.periodAt(org, date) ?? o.model.periodsOf(org).at(-1);
  const cases = new KyselyCaseRepository(o.store.db);
  const directory = new KyselyDirectory(o.store.db);
  const conversations = new KyselyConversations(o.store.db);
  const service = new ApprovalService({
    store: new KyselyApprovalStore(o.store),
    cases,
    catalog: catalogFromPeriods(periodAt),
    voteRule: (org, bodyId, date) => periodAt(org, date)?.bodies.get(bodyId)?.voteRule,
    directory,
    personalChats: new KyselyPersonalChats(o.store.db),
    async conversation(id) {
      const c = await conversations.get(id);
      return c && !c.removedAt ? { conversationId: c.id, serviceUrl: c.serviceUrl, reference: c.reference } : null;
    },
    sender: new TeamsApprovalSender(o.adapter, o.appId),
    clock: o.clock ?? systemClock,
    config: o.config,
    newId: () => `apv-${randomUUID()}`,
    onError: (err, context) => o.logger.warn({ err, context }, 'approvals'),
  });
  const handler = approvalsHandler({ service, directory });
  return {
    service,
    handler,
    startJobs(intervalMs) {
      let running: Promise<void> = Promise.resolve();
      const tick = () => {
        running = running
          .then(async () => {
            await service.sweep();
            await service.runReminders();
          })
          .catch((err) => o.logger.warn({ err }, 'approval jobs failed'));
      };
      tick();
      const timer = setInterval(tick, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
        await service.idle();
      };
    },
  };
}

/** The approvals part of the validated config. */
export function approvalConfigFrom(c: Config): ApprovalConfig {
  const bodyConversations: Record<string, string> = {};
  for (const pair of (c.APPROVAL_BODY_CONVERSATIONS ?? '').split(',').filter(Boolean)) {
    const i = pair.indexOf('=');
    bodyConversations[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return {
    bodyConversations,
    personalCopies: c.APPROVAL_PERSONAL_COPIES === 'true',
    reminders: {
      afterWorkingDays: c.APPROVAL_REMINDER_WORKING_DAYS,
      repeatEveryWorkingDays: c.APPROVAL_REMINDER_REPEAT_WORKING_DAYS,
      maxReminders: c.APPROVAL_REMINDER_MAX,
      sendHour: c.APPROVAL_REMINDER_HOUR,
      overdueAfterWorkingDays: c.APPROVAL_OVERDUE_WORKING_DAYS,
    },
    lang: 'da',
  };
}
