// Kysely implementation of the directory of people and roles.
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DirectoryPort, Person } from '../directory/person';
import type { Database, PersonTable } from './schema';

function toPerson(r: Selectable<PersonTable>): Person {
  const p: Person = { name: r.name, aadObjectId: r.aad_object_id, org: r.org as Person['org'], roles: r.roles };
  if (r.email) p.email = r.email;
  return p;
}

export class KyselyDirectory implements DirectoryPort {
  constructor(private readonly db: Kysely<Database>) {}

  async get(aadObjectId: string): Promise<Person | null> {
    const r = await this.db
      .selectFrom('people')
      .selectAll()
      .where('aad_object_id', '=', aadObjectId)
      .executeTakeFirst();
    return r ? toPerson(r) : null;
  }

  async list(filter: { org?: string; role?: string } = {}): Promise<Person[]> {
    let q = this.db.selectFrom('people').selectAll();
    if (filter.org) q = q.where('org', '=', filter.org);
    if (filter.role) q = q.where(sql<boolean>`roles @> ${JSON.stringify([filter.role])}::jsonb`);
    return (await q.orderBy('name').execute()).map(toPerson);
  }

  async upsertMany(people: Person[]): Promise<void> {
    if (people.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const p of people) {
        const row = {
          aad_object_id: p.aadObjectId,
          name: p.name,
          email: p.email ?? null,
          org: p.org,
          roles: JSON.stringify(p.roles),
          updated_at: new Date(),
        };
        await trx
          .insertInto('people')
          .values(row)
          .onConflict((oc) =>
            oc.column('aad_object_id').doUpdateSet({
              name: row.name,
              email: row.email,
              org: row.org,
              roles: row.roles,
              updated_at: row.updated_at,
            }),
          )
          .execute();
      }
    });
  }
}
