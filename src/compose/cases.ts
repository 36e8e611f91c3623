// Wiring of the cases feature over an open store: shared by the bot's composition root and the CLI,
// so both see the same service, the same catalog and the same demo seeding rule.
import type { Store } from '../store/open';
import type { GovernanceModel } from '../governance/load';
import type { PoolBalancePort } from '../assistant/assistant';
import { CasesService, poolBalanceText } from '../cases/service';
import { catalogFromPeriods } from '../cases/governance-catalog';
import { seedDemoCasesIfEmpty } from '../cases/seed';
import { KyselyCaseRepository } from '../store/cases-repository';
import type { CaseChangeHook } from '../store/case-change-hook';

export function createCasesService(store: Store, model: GovernanceModel, today: () => string, onCaseChange?: CaseChangeHook): CasesService {
  const repo = new KyselyCaseRepository(store.db, onCaseChange);
  return new CasesService({ repo, catalog: catalogFromPeriods((org, date) => model.periodAt(org, date) ?? model.periodsOf(org).at(-1)), today });
}

/** Demo cases go only into an empty embedded store; PostgreSQL is seeded on request (npm run seed). */
export async function seedIfLocal(store: Store): Promise<number> {
  if (store.kind !== 'pglite') return 0;
  return (await seedDemoCasesIfEmpty(new KyselyCaseRepository(store.db))).seeded;
}

export function poolPort(service: CasesService): PoolBalancePort {
  return {
    async balanceText(org, year, lang) {
      const r = await service.poolBalance(org, year);
      if (r.kind === 'no_pool') return lang === 'da' ? 'Der er ingen beredskabspulje for denne organisation.' : 'There is no contingency pool for this organisation.';
      return poolBalanceText(r.balance, lang);
    },
  };
}
