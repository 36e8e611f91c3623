// The search keeps case_terms in memory (src/cases/term-index.ts) and reads new rows by `seq`, so
// it needs an increasing number per row; the separate vocabulary table of 007 is no longer used.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_terms add column seq serial`.execute(db);
  await db.schema.createIndex('case_terms_seq').on('case_terms').column('seq').execute();
  await db.schema.dropTable('search_terms').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_terms')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('term', 'text', (c) => c.notNull().unique())
    .execute();
  await sql`insert into search_terms (term) select distinct term from case_terms order by term`.execute(db);
  await db.schema.dropIndex('case_terms_seq').execute();
  await sql`alter table case_terms drop column seq`.execute(db);
}
