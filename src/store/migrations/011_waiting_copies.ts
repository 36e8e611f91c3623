// A card copy is planned when its round opens and posted when its conversation is known. Until
// then it waits, with the reason (the bot is not in the body's conversation yet, the approver has
// no personal chat with the bot, Teams refused the post), and is delivered as soon as it can be:
// a planned copy has no activity yet, so those columns may be empty while it waits.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['conversation_id', 'activity_id', 'service_url']) {
    await db.schema
      .alterTable('approval_copies')
      .alterColumn(column, (c) => c.dropNotNull())
      .execute();
  }
  await db.schema
    .alterTable('approval_copies')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('posted').check(sql`state in ('waiting', 'posted')`))
    .execute();
  await db.schema.alterTable('approval_copies').addColumn('waiting_reason', 'text').execute();
  // One waiting copy per round and audience (a person, or the body's conversation).
  await sql`create unique index approval_copies_one_waiting on approval_copies
    (approval_id, kind, coalesce(audience_aad_id, conversation_id)) where state = 'waiting'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists approval_copies_one_waiting`.execute(db);
  await sql`delete from approval_copies where state = 'waiting'`.execute(db);
  await db.schema.alterTable('approval_copies').dropColumn('waiting_reason').execute();
  await db.schema.alterTable('approval_copies').dropColumn('state').execute();
}
