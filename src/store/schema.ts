// Kysely table typing for the one database schema (PGlite and PostgreSQL alike). Each feature that
// adds a migration adds its table interfaces here, next to the ones it builds on.
import type { ColumnType, Generated } from 'kysely';

/** Timestamps: written as ISO strings or Dates, read back as Date from both drivers. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** JSON columns (jsonb): both drivers parse them on read; we write them as JSON text. */
export type Json<T> = ColumnType<T, string, string>;

export interface ConversationTable {
  id: string;
  /** 'personal' | 'groupChat' | 'channel' as Teams reports it. */
  kind: string;
  tenant_id: string | null;
  team_id: string | null;
  service_url: string;
  /** The botbuilder ConversationReference, kept whole so proactive messages can be sent later. */
  reference: Json<unknown>;
  /** The organisation bound to this conversation ("brug Nordjylland"), null = default. */
  org: string | null;
  installed_at: Timestamp;
  updated_at: Timestamp;
  removed_at: Timestamp | null;
}

export interface PersonTable {
  aad_object_id: string;
  name: string;
  email: string | null;
  org: string;
  /** sekretariat | formandskab | sekretariatsledelse | klynge:<id> | ... */
  roles: Json<string[]>;
  updated_at: Timestamp;
}

export interface CaseTable {
  id: string;
  year: number;
  seq: number;
  title: string;
  title_en: string | null;
  /** Folded titles (Danish | English); case_terms holds their words for the fuzzy search. */
  search_text: string;
  org: string;
  process_id: string;
  clusters: Json<string[]>;
  step_id: string;
  holder: string;
  /** 'open' | 'closed' (moved on past its last step). */
  status: string;
  deadlines: Json<Array<{ label: string; date: string; stepId?: string }>>;
  documents: Json<Array<{ title: string; url: string }>>;
  amount_dkk: number | null;
  pool_year: number | null;
  /** Set when a contingency-pool expense has been approved: it then counts against the pool. */
  pool_approved_at: Timestamp | null;
  positions: Json<Array<{ party: string; position: string }>>;
  positions_process: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Optimistic concurrency: every change bumps it; an update naming an older version is refused. */
  version: number;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: string;
  at: Timestamp;
  actor_id: string;
  actor_name: string;
  kind: string;
  from_step: string | null;
  to_step: string | null;
  comment: string | null;
}

/** One folded title word of a case (Danish or English title); the search loads them by seq. */
export interface CaseTermTable {
  case_id: string;
  term: string;
  seq: Generated<number>;
}

export interface CaseSeqTable {
  year: number;
  last: number;
}

export interface ShownCaseTable {
  conversation_id: string;
  case_id: string;
  shown_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  shown_cases: ShownCaseTable;
  conversations: ConversationTable;
  people: PersonTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_seq: CaseSeqTable;
  case_terms: CaseTermTable;
}
