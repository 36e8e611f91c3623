// Fuzzy title search on a word index. search_terms holds each distinct folded title word once
// (Danish and English titles); case_terms says which cases hold a word. The repository keeps the
// distinct words in an in-memory trigram index (src/cases/term-index.ts), refreshed from
// search_terms by id, and asks the database only to join matched words to their cases. With
// 10,000 cases the whole-title trigram scan of 002 was far too slow (see npm run bench:cases).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_terms')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('term', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('case_terms')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_terms_pk', ['case_id', 'term'])
    .execute();
  await db.schema.createIndex('case_terms_term').on('case_terms').columns(['term', 'case_id']).execute();
  await sql`drop index if exists cases_search_trgm`.execute(db);
  // Index the cases that exist already.
  await sql`
    insert into case_terms (case_id, term)
    select distinct id, t from cases, regexp_split_to_table(search_text, '[\\s|]+') as t where t <> ''
    on conflict do nothing`.execute(db);
  await sql`insert into search_terms (term) select distinct term from case_terms order by term on conflict do
    nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_terms').execute();
  await db.schema.dropTable('search_terms').execute();
}
