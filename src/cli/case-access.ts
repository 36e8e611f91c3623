// How the CLI reaches the cases: it opens the same store as the bot (DATABASE_URL, or the embedded
// DATA_DIR, seeded with the demo cases when empty). PGlite allows one process per data directory; when
// the bot holds it, the CLI asks the running bot over its loopback-only internal endpoint instead of
// opening the directory twice, or says clearly why it cannot.
import type { Answer, AskOptions } from '../assistant/answer';
import type { PoolBalancePort } from '../assistant/assistant';
import type { CaseStatusPort } from '../cases/ports';
import type { Config } from '../config';
import type { GovernanceModel } from '../governance/load';
import { createCasesService, poolPort, seedIfLocal } from '../compose/cases';
import { DatabaseInUseError } from '../store/lock';
import { openStore } from '../store/open';

export interface CliCaseAccess {
  ports: { cases?: CaseStatusPort; pool?: PoolBalancePort };
  /** Set when another process owns the database: answers come from it (or a clear refusal). */
  remote?: (q: string, opts: AskOptions) => Promise<Answer>;
  close(): Promise<void>;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function openCliCaseAccess(config: Config, model: GovernanceModel): Promise<CliCaseAccess> {
  try {
    const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
    await seedIfLocal(store);
    const service = createCasesService(store, model, today);
    return { ports: { cases: service, pool: poolPort(service) }, close: () => store.close() };
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
          date: opts.date ?? today(),
          confidence: 0,
          sources: [],
          lang: opts.lang ?? 'da',
          text: `${e.message}. Ask the bot in Teams, or stop it and try again.`,
        });
    return { ports: {}, remote, close: async () => undefined };
  }
}
