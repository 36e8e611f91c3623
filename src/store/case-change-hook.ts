// A callback the case repository runs INSIDE the transaction of every case change (creation,
// move, comment), so that what the change causes (notification events in the outbox) is stored
// in the same transaction: both or neither.
import type { Kysely } from 'kysely';
import type { Case, NewCaseEvent } from '../cases/model';
import type { Database } from './schema';

export type CaseChangeHook = (trx: Kysely<Database>, change: { case: Case; event: NewCaseEvent }) => Promise<void>;
