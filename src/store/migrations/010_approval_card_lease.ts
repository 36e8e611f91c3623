// Card updates of one round are made by one bot process at a time. The process that updates a
// round's cards holds a short lease on the round's row instead of a database lock: a lease is two
// columns, so waiting for it holds no connection (an advisory lock held a pooled connection in a
// transaction while the work inside needed a second one, and twelve of those exhausted the pool).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('approvals').addColumn('cards_owner', 'text').execute();
  await db.schema.alterTable('approvals').addColumn('cards_lease_until', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('approvals').dropColumn('cards_lease_until').execute();
  await db.schema.alterTable('approvals').dropColumn('cards_owner').execute();
}
