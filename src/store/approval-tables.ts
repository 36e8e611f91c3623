// Kysely typing of the approval tables (migration 006_approvals), joined to the shared schema with
// `withTables` so the feature's tables stay in the feature's files.
import type { Generated, Kysely } from 'kysely';
import type { Person } from '../approvals/types';
import type { Database, Json, Timestamp } from './schema';

export interface ApprovalTable {
  id: string;
  case_id: string;
  step_id: string;
  body_id: string;
  org: string;
  rule: string;
  approvers: Json<Person[]>;
  status: string;
  version: number;
  opened_at: Timestamp;
  opened_by: string;
  decided_at: Timestamp | null;
  deadline: string | null;
  amount_dkk: number | null;
  pool_id: string | null;
}

export interface ApprovalVoteTable {
  approval_id: string;
  seq: number;
  seat: string;
  voter_aad_id: string;
  voter_name: string;
  on_behalf_of_name: string | null;
  choice: string;
  comment: string | null;
  at: Timestamp;
}

export interface ApprovalCopyTable {
  id: Generated<number>;
  approval_id: string;
  /** Empty while a personal copy waits for its chat; a body copy names its conversation. */
  conversation_id: string | null;
  activity_id: string | null;
  service_url: string | null;
  kind: string;
  audience_aad_id: string | null;
  lang: string;
  rendered_version: number;
  posted_at: Timestamp;
  updated_at: Timestamp;
  last_error: string | null;
  /** Migration 011: 'waiting' (planned, not delivered yet) or 'posted'. */
  state: Generated<string>;
  waiting_reason: string | null;
}

/** Which bot process is updating a round's cards, and until when (migration 010). */
export interface ApprovalCardLeaseTable {
  approval_id: string;
  owner: string;
  lease_until: Timestamp;
}

export interface ApprovalReminderTable {
  approval_id: string;
  seat: string;
  seq: number;
  sent_at: Timestamp;
}

export interface SubstitutionTable {
  id: string;
  principal_aad_id: string;
  principal_name: string;
  substitute_aad_id: string;
  substitute_name: string;
  from_date: string;
  to_date: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

// A type alias, not an interface: withTables needs an index-compatible record type.
export type ApprovalTables = {
  approvals: ApprovalTable;
  approval_votes: ApprovalVoteTable;
  approval_copies: ApprovalCopyTable;
  approval_reminders: ApprovalReminderTable;
  approval_card_leases: ApprovalCardLeaseTable;
  substitutions: SubstitutionTable;
};

export type ApprovalDb = Kysely<Database & ApprovalTables>;

export function withApprovalTables(db: Kysely<Database>): ApprovalDb {
  return db.withTables<ApprovalTables>();
}
