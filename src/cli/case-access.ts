// How the CLI reaches the cases: it opens the same store as the bot (DATABASE_URL, or the embedded
// DATA_DIR, seeded with the demo cases when empty). PGlite allows one process per data directory; when
// the bot holds it, the CLI asks the running bot over its loopback-only internal endpoint instead of
// opening the directory twice, or says clearly why it cannot.
import type { Answer, AskOptions } from '../assistant/answer';
import type { PoolBalancePort } from '../assistant/assistant';
import type { CaseStatusPort } from '../cases/ports';
import type { Config } from '../config';
import type { GovernanceModel } from '../governance/load';
import pino from 'pino';
import { approvalConfigFrom } from '../compose/approvals';
import { buildCore, noTeamsConnection, poolPort, type Core } from '../compose/core';
import { openConfiguredStore, seedIfLocal } from '../compose/storage';
import { systemClock } from '../common/clock';
import { DatabaseInUseError } from '../store/lock';

export interface CliCaseAccess {
  ports: { cases?: CaseStatusPort; pool?: PoolBalancePort };
  /** Set when another process owns the database: answers come from it (or a clear refusal). */
  remote?: (q: string, opts: AskOptions) => Promise<Answer>;
  close(): Promise<void>;
}

/** The CLI's composition root: the same core as the bot's, on the same store, without Teams. */
export async function openCliCore(config: Config, model: GovernanceModel): Promise<Core> {
  const store = await openConfiguredStore(config, { poolSize: 2 });
  const logger = pino({ level: 'silent' });
  return buildCore({
    store,
    model,
    clock: systemClock,
    defaultOrg: config.DEFAULT_ORG,
    approvals: approvalConfigFrom(config),
    logger,
    approvalCards: noTeamsConnection,
  });
}

export async function openCliCaseAccess(config: Config, model: GovernanceModel): Promise<CliCaseAccess> {
  try {
    const core = await openCliCore(config, model);
    await seedIfLocal(core);
    return { ports: { cases: core.cases, pool: poolPort(core.cases) }, close: () => core.store.close() };
  } catch (e) {
    if (!(e instanceof DatabaseInUseError)) throw e;
    const internal = e.holder.internal;
    const remote = internal
      ? async (q: string, opts: AskOptions): Promise<Answer> => {
          const res = await fetch(`${internal.url}/internal/ask`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${internal.token}` },
            body: JSON.stringify({ q, ...opts }),
          });
          if (!res.ok) throw new Error(`the running bot (process ${e.holder.pid}) answered HTTP ${res.status}`);
          return (await res.json()) as Answer;
        }
      : async (_q: string, opts: AskOptions): Promise<Answer> => ({
          status: 'out_of_scope',
          intent: 'case_status',
          deciders: [],
          org: opts.org ?? config.DEFAULT_ORG,
          date: opts.date ?? systemClock.today(),
          confidence: 0,
          sources: [],
          lang: opts.lang ?? 'da',
          text: `${e.message}. Ask the bot in Teams, or stop it and try again.`,
        });
    return { ports: {}, remote, close: async () => undefined };
  }
}
