// Approvals: one row per round, its votes (append-only, one row per accepted vote, numbered within
// the round so a vote can never be written twice), every posted copy of its card, the reminders
// sent, and the stand-ins (substitutions) people have named.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull().check(sql`rule in ('all-members', 'any-member', 'majority')`))
    .addColumn('approvers', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'approved', 'rejected', 'changes_requested', 'withdrawn')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('deadline', 'text')
    .addColumn('amount_dkk', 'integer')
    .addColumn('pool_id', 'text')
    .execute();
  // One open round per case step, whichever process opens it.
  await sql`create unique index approvals_one_open on approvals (case_id, step_id) where status = 'open'`.execute(db);
  await db.schema.createIndex('approvals_status').on('approvals').columns(['status', 'org']).execute();

  await db.schema
    .createTable('approval_votes')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('approvals.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('seat', 'text', (c) => c.notNull())
    .addColumn('voter_aad_id', 'text', (c) => c.notNull())
    .addColumn('voter_name', 'text', (c) => c.notNull())
    .addColumn('on_behalf_of_name', 'text')
    .addColumn('choice', 'text', (c) => c.notNull().check(sql`choice in ('approve', 'reject', 'changes')`))
    .addColumn('comment', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_votes_pk', ['approval_id', 'seq'])
    .execute();
  // A vote once cast is part of the record: the database refuses edits and deletions.
  await sql`
    create or replace function approval_votes_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'approval votes are append-only';
    end $$`.execute(db);
  await sql`
    create trigger approval_votes_no_change before update or delete on approval_votes
    for each row execute function approval_votes_append_only()`.execute(db);

  await db.schema
    .createTable('approval_copies')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('approval_id', 'text', (c) => c.notNull().references('approvals.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('body', 'personal')`))
    /** Whose view a personal copy shows; null for the body's shared copy. */
    .addColumn('audience_aad_id', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('rendered_version', 'integer', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addUniqueConstraint('approval_copies_activity', ['conversation_id', 'activity_id'])
    .execute();
  await db.schema.createIndex('approval_copies_approval').on('approval_copies').columns(['approval_id']).execute();

  await db.schema
    .createTable('approval_reminders')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('approvals.id'))
    .addColumn('seat', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_reminders_pk', ['approval_id', 'seat', 'seq'])
    .execute();

  await db.schema
    .createTable('substitutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('principal_aad_id', 'text', (c) => c.notNull())
    .addColumn('principal_name', 'text', (c) => c.notNull())
    .addColumn('substitute_aad_id', 'text', (c) => c.notNull())
    .addColumn('substitute_name', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('substitutions_principal').on('substitutions').columns(['principal_aad_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['substitutions', 'approval_reminders', 'approval_copies', 'approval_votes', 'approvals'])
    await db.schema.dropTable(t).execute();
  await sql`drop function if exists approval_votes_append_only()`.execute(db);
}
