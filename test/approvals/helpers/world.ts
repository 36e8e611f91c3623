// A small world for approval tests over a real store: the formandskab's two co-chairs, a
// secretariat officer, a would-be substitute and an outsider in the directory, each with a
// personal chat with the bot; the formandskab's channel; and a contingency-pool expense of
// 150,000 DKK that the secretariat has brought to the formandskab for approval.
import pino from 'pino';
import { ManualClock } from '../../../src/approvals/clock';
import { DEFAULT_REMINDER_POLICY } from '../../../src/approvals/reminders';
import type { ApprovalConfig } from '../../../src/approvals/service';
import type { Case } from '../../../src/cases/model';
import { composeApprovals, type ApprovalsComposition } from '../../../src/compose/approvals';
import { loadGovernanceModel, type GovernanceModel } from '../../../src/governance/load';
import { KyselyCaseRepository } from '../../../src/store/cases-repository';
import { KyselyConversations } from '../../../src/store/conversations';
import { KyselyDirectory } from '../../../src/store/directory';
import type { Store } from '../../../src/store/open';
import { createAdapter } from '../../../src/teams/adapter';
import { BOT, TENANT_ID, type User } from '../../fixtures/activities';

export interface WorldPerson extends User {
  roles: string[];
}

const person = (n: string, name: string, roles: string[]): WorldPerson => ({ id: `29:${name.split(' ')[0]!.toLowerCase()}`, name, aadObjectId: `00000000-0000-4000-8000-0000000000${n}`, roles });

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
  reminders: DEFAULT_REMINDER_POLICY,
  lang: 'da',
};

/** People, personal chats and the body channel; conversations point at `serviceUrl`. */
export async function seedPeople(store: Store, serviceUrl: string): Promise<void> {
  await new KyselyDirectory(store.db).upsertMany(Object.values(PEOPLE).map((p) => ({ name: p.name, aadObjectId: p.aadObjectId, org: 'midt' as const, roles: p.roles })));
  const conversations = new KyselyConversations(store.db);
  for (const p of Object.values(PEOPLE)) {
    const id = personalConversation(p);
    await conversations.upsert({
      id,
      kind: 'personal',
      tenantId: TENANT_ID,
      serviceUrl,
      reference: { channelId: 'msteams', serviceUrl, bot: BOT, user: { id: p.id, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id, conversationType: 'personal', tenantId: TENANT_ID } },
    });
  }
  await conversations.upsert({
    id: BODY_CHANNEL,
    kind: 'channel',
    tenantId: TENANT_ID,
    teamId: '19:team@thread.tacv2',
    serviceUrl,
    reference: { channelId: 'msteams', serviceUrl, bot: BOT, conversation: { id: BODY_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID } },
  });
}

/** A pool expense at the formandskab's approval step, brought there by the secretariat. */
export async function seedPoolCase(store: Store, amountDkk = 150_000, title = 'Triple Aim: opfølgning på hjerterehabilitering'): Promise<Case> {
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
  const moved = await repo.update(c.id, c.version, { stepId: 'chair-approval', holder: 'formandskab' }, { at, ...sara, kind: 'moved', fromStep: 'recommendation', toStep: 'chair-approval', comment: `Sekretariatet indstiller, at formandskabet bevilger ${amountDkk} kr.` });
  if (moved.kind !== 'updated') throw new Error(`could not move the case: ${moved.kind}`);
  return moved.case;
}

export function composeForTest(store: Store, clock: ManualClock, config: Partial<ApprovalConfig> = {}): ApprovalsComposition {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return composeApprovals({ store, model: governance(), adapter: createAdapter({}, logger), appId: '', config: { ...APPROVAL_CONFIG, ...config }, logger, clock });
}

export const NOW = '2026-11-26T09:00:00Z';
export const newClock = () => new ManualClock(NOW);
