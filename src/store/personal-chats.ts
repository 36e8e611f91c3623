// Each person's personal chat with the bot, found among the recorded conversations by the
// Entra object id in the conversation reference's user (Teams puts it there on every turn).
import { sql, type Kysely } from 'kysely';
import type { PersonalChat, PersonalChats } from '../approvals/service';
import type { Database } from './schema';

interface ReferenceShape {
  user?: { id?: string; aadObjectId?: string };
}

export class KyselyPersonalChats implements PersonalChats {
  constructor(private readonly db: Kysely<Database>) {}

  async find(aadObjectIds: readonly string[]): Promise<Map<string, PersonalChat>> {
    const out = new Map<string, PersonalChat>();
    if (aadObjectIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('conversations')
      .select(['id', 'service_url', 'reference', sql<string>`reference->'user'->>'aadObjectId'`.as('aad')])
      .where('kind', '=', 'personal')
      .where('removed_at', 'is', null)
      .where(sql<string>`reference->'user'->>'aadObjectId'`, 'in', [...aadObjectIds])
      .orderBy('updated_at')
      .execute();
    for (const r of rows) {
      const ref = (r.reference ?? {}) as ReferenceShape;
      // The most recently used chat wins (rows come oldest first).
      out.set(r.aad, {
        conversationId: r.id,
        serviceUrl: r.service_url,
        reference: r.reference,
        teamsUserId: ref.user?.id ?? null,
      });
    }
    return out;
  }
}
