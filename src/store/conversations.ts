// Kysely implementation of the conversation port.
import type { Kysely, Selectable } from 'kysely';
import type { OrgId } from '../assistant/answer';
import type {
  ConversationKind,
  ConversationPort,
  ConversationRecord,
  ConversationUpsert,
} from '../conversations/ports';
import type { ConversationTable, Database } from './schema';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toRecord(r: Selectable<ConversationTable>): ConversationRecord {
  return {
    id: r.id,
    kind: r.kind as ConversationKind,
    tenantId: r.tenant_id,
    teamId: r.team_id,
    serviceUrl: r.service_url,
    reference: r.reference,
    org: (r.org as OrgId | null) ?? null,
    installedAt: iso(r.installed_at)!,
    updatedAt: iso(r.updated_at)!,
    removedAt: iso(r.removed_at),
  };
}

export class KyselyConversations implements ConversationPort {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(c: ConversationUpsert): Promise<void> {
    const now = new Date();
    const row = {
      id: c.id,
      kind: c.kind,
      tenant_id: c.tenantId ?? null,
      team_id: c.teamId ?? null,
      service_url: c.serviceUrl,
      reference: JSON.stringify(c.reference ?? null),
      installed_at: now,
      updated_at: now,
      removed_at: null,
    };
    await this.db
      .insertInto('conversations')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          kind: row.kind,
          tenant_id: row.tenant_id,
          team_id: row.team_id,
          service_url: row.service_url,
          reference: row.reference,
          updated_at: now,
          removed_at: null,
        }),
      )
      .execute();
  }

  async markRemoved(id: string): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ removed_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  async get(id: string): Promise<ConversationRecord | null> {
    const r = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async list(
    filter: { kind?: ConversationKind; teamId?: string; includeRemoved?: boolean } = {},
  ): Promise<ConversationRecord[]> {
    let q = this.db.selectFrom('conversations').selectAll();
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
    if (!filter.includeRemoved) q = q.where('removed_at', 'is', null);
    return (await q.orderBy('installed_at').orderBy('id').execute()).map(toRecord);
  }

  async bindOrg(
    id: string,
    org: OrgId | null,
  ): Promise<{ kind: 'bound'; org: OrgId | null } | { kind: 'unknown_conversation' }> {
    const r = await this.db
      .updateTable('conversations')
      .set({ org, updated_at: new Date() })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 0 ? { kind: 'unknown_conversation' } : { kind: 'bound', org };
  }

  async orgOf(id: string): Promise<OrgId | null> {
    const r = await this.db.selectFrom('conversations').select('org').where('id', '=', id).executeTakeFirst();
    return (r?.org as OrgId | null | undefined) ?? null;
  }
}
