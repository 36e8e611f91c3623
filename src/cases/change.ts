// A change to a case, as plain data: what every feature (chat, cards, an approval's outcome, an
// import, the tab) hands to the one case-change operation (src/store/case-door.ts). Nothing writes
// a case or its history any other way, so the case, its events, the pool charge and the
// notification events a change raises are always written together, in the caller's transaction.
import type { Case, NewCaseEvent } from './model';
import type { CasePatch, CaseRecord, ImportResult, NewCase, PoolCharge, UpdateResult } from './ports';

export type CaseChange =
  /** A new case and its first event; the store allocates the SAG-<year>-NNNN id. */
  | { kind: 'create'; input: NewCase; event: NewCaseEvent }
  /**
   * Patches the case if it is still at `expectedVersion` (optimistic; under a row lock the caller
   * passes the version it read), charges the pool when asked, and writes the events. Bumps the
   * version, so every card showing the old state becomes stale.
   */
  | {
      kind: 'update';
      caseId: string;
      expectedVersion: number;
      patch: CasePatch;
      events: NewCaseEvent[];
      charge?: PoolCharge;
    }
  /** History lines that do not change the case itself (votes, reminders, deliveries). */
  | { kind: 'record'; caseId: string; events: NewCaseEvent[] }
  /** Whole cases with their history, all or none (the cases file, the demo seed). */
  | { kind: 'import'; records: CaseRecord[] };

export type CaseChangeResult<C extends CaseChange> = C extends { kind: 'create' }
  ? Case
  : C extends { kind: 'update' }
    ? UpdateResult
    : C extends { kind: 'record' }
      ? undefined
      : ImportResult;
