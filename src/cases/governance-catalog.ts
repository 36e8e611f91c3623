// The process catalog the cases feature reads, backed by the governance model (src/governance):
// processes, bodies and pools as they stand for an organisation on a date.
import type { Lang, OrgId } from '../assistant/answer';
import { foldText } from '../engine/normalize';
import type { Body, Pool, Process } from '../governance/schema';
import type { ProcessCatalog } from './ports';

/** The part of a resolved governance period the cases feature reads. */
export interface PeriodView {
  bodies: Map<string, Body>;
  processes: Map<string, Process>;
  pools: Map<string, Pool>;
}

export type PeriodLookup = (org: OrgId, date: string) => PeriodView | undefined;

/** Danish definite endings and English articles, so "formandskabet" meets "Formandskab". */
function bodyKey(text: string): string {
  return foldText(text)
    .replace(/^(the|den|det|de)\s+/, '')
    .split(' ')
    .map((w) => w.replace(/(erne|ene|et|en|ne)$/, (suffix) => (w.length - suffix.length >= 4 ? '' : suffix)))
    .join(' ');
}

export function catalogFromPeriods(periodAt: PeriodLookup): ProcessCatalog {
  return {
    process: (org, id, date) => periodAt(org, date)?.processes.get(id),
    processes: (org, date) => [...(periodAt(org, date)?.processes.values() ?? [])],
    bodyName(org: OrgId, id: string, lang: Lang, date: string) {
      return periodAt(org, date)?.bodies.get(id)?.name[lang] ?? id;
    },
    findBody(org, text, date) {
      const period = periodAt(org, date);
      if (!period) return undefined;
      const wanted = bodyKey(text);
      if (!wanted) return undefined;
      for (const b of period.bodies.values()) {
        const names = [b.id, b.name.da, b.name.en, b.short ?? '', ...b.aliases].filter(Boolean);
        if (names.some((n) => bodyKey(n) === wanted)) return b.id;
      }
      return undefined;
    },
    pool: (org, date) => [...(periodAt(org, date)?.pools.values() ?? [])][0],
    voteRule: (org, id, date) => periodAt(org, date)?.bodies.get(id)?.voteRule,
  };
}

/** The model's periods as the catalog sees them: the period in force, else the latest one. */
export function catalogFromModel(model: {
  periodAt(org: OrgId, date: string): PeriodView | undefined;
  periodsOf(org: OrgId): readonly PeriodView[];
}): ProcessCatalog {
  return catalogFromPeriods((org, date) => model.periodAt(org, date) ?? model.periodsOf(org).at(-1));
}
