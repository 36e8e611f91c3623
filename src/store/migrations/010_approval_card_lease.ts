// Card updates of one round are made by one bot process at a time. The process that updates a
// round's cards holds a short lease in a table of its own, instead of a database lock: waiting for
// a lease holds no connection (an advisory lock held a pooled connection in a transaction while the
// work inside needed a second one, and twelve of those exhausted the pool), and a lease row of its
// own never contends with the round's row, which every vote locks.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approval_card_leases')
    .addColumn('approval_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('approval_card_leases').execute();
}
