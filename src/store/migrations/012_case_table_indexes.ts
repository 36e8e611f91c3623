// Indexes for the tab's case table at 10,000 cases (npm run bench:tab). The overdue filter scanned
// every case's deadlines as JSON; an open case can only be overdue if its earliest deadline has
// passed, so an index on that date (a function of the deadlines, hence immutable) finds the few
// candidates and the exact test (case-table-query.ts) runs on those alone. "Mine" reads the cases a
// person created or acted on by index instead of testing every case. A case card reads the case's
// latest approval round by index.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Declared costly (it is, per row: it unpacks the JSON), so that the planner reads the index
  // rather than walking the cases in page order and computing it for each one; the index has no
  // statistics the planner could use instead (it is partial, and PGlite never analyzes).
  await sql`
    create or replace function case_earliest_deadline(deadlines jsonb) returns text
    language sql immutable parallel safe cost 10000
    as $$ select min(d->>'date') from jsonb_array_elements(deadlines) d $$`.execute(db);
  await sql`create index cases_open_earliest_deadline on cases (org, case_earliest_deadline(deadlines))
    where status = 'open'`.execute(db);
  await db.schema.createIndex('cases_created_by').on('cases').columns(['created_by']).execute();
  await db.schema.createIndex('case_events_actor_case').on('case_events').columns(['actor_id', 'case_id']).execute();
  // The (actor_id, case_id) index answers everything the actor-only one did.
  await db.schema.dropIndex('case_events_actor').execute();
  // A case's latest round, on every case card (only the open rounds were indexed by case).
  await sql`create index approvals_case_latest on approvals (case_id, opened_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('approvals_case_latest').execute();
  await db.schema.createIndex('case_events_actor').on('case_events').columns(['actor_id']).execute();
  await db.schema.dropIndex('case_events_actor_case').execute();
  await db.schema.dropIndex('cases_created_by').execute();
  await sql`drop index if exists cases_open_earliest_deadline`.execute(db);
  await sql`drop function if exists case_earliest_deadline(jsonb)`.execute(db);
}
