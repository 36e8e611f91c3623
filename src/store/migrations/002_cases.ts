// Cases, their append-only history and the per-year id counter. (An early version also made a
// pg_trgm index here; the search now uses its own word index, 007, and needs no extension.)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('clusters', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`))
    .addColumn('deadlines', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('amount_dkk', 'integer', (c) => c.check(sql`amount_dkk is null or amount_dkk >= 0`))
    .addColumn('pool_year', 'integer')
    .addColumn('pool_approved_at', 'timestamptz')
    .addColumn('positions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('positions_process', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('cases_year_seq', ['year', 'seq'])
    .execute();
  await db.schema.createIndex('cases_holder').on('cases').columns(['org', 'holder']).execute();
  await db.schema.createIndex('cases_pool').on('cases').columns(['org', 'pool_year']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_step', 'text')
    .addColumn('to_step', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('case_events_actor').on('case_events').columns(['actor_id']).execute();

  // History is append-only: the database itself refuses edits and deletions of events.
  await sql`
    create or replace function case_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case history is append-only';
    end $$`.execute(db);
  await sql`
    create trigger case_events_no_change before update or delete on case_events
    for each row execute function case_events_append_only()`.execute(db);

  await db.schema
    .createTable('case_seq')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_seq').execute();
  await db.schema.dropTable('case_events').execute();
  await sql`drop function if exists case_events_append_only()`.execute(db);
  await db.schema.dropTable('cases').execute();
}
