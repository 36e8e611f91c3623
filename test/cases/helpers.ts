// Builders for case tests: the real governance model, a pinned clock and a few directory people.
import { loadGovernanceModel } from '../../src/governance/load';
import { catalogFromPeriods } from '../../src/cases/governance-catalog';
import type { ProcessCatalog } from '../../src/cases/ports';
import { CasesService } from '../../src/cases/service';
import { KyselyCaseRepository } from '../../src/store/cases-repository';
import type { Store } from '../../src/store/open';
import type { Actor } from '../../src/cases/model';
import { SteppingClock } from '../../src/common/clock';

let catalog: ProcessCatalog | undefined;
export function modelCatalog(): ProcessCatalog {
  if (!catalog) {
    const model = loadGovernanceModel();
    catalog = catalogFromPeriods((org, date) => model.periodAt(org, date));
  }
  return catalog;
}

export const TODAY = '2026-11-26';

export function casesService(store: Store, today = TODAY): CasesService {
  return new CasesService({
    repo: new KyselyCaseRepository(store.db),
    catalog: modelCatalog(),
    // Distinct, increasing instants on the pinned day, so history order is the order of actions.
    clock: new SteppingClock(`${today}T10:00:00Z`),
  });
}

export const SARA: Actor = { aadObjectId: 'aad-sara', name: 'Sara Sekretær', roles: ['sekretariat'] };
export const FRIDA: Actor = { aadObjectId: 'aad-frida', name: 'Frida Formand', roles: ['formandskab'] };
export const KLAUS: Actor = { aadObjectId: 'aad-klaus', name: 'Klaus Klynge', roles: ['klynge:horsens'] };
export const NOBODY: Actor = { aadObjectId: 'aad-nobody', name: 'Ny Bruger', roles: [] };
