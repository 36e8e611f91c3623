// ShownCasePort over the shown_cases table: one row per conversation or thread, overwritten.
import type { Kysely } from 'kysely';
import type { ShownCasePort } from '../cases/ports';
import type { Database } from './schema';

export class KyselyShownCases implements ShownCasePort {
  constructor(private readonly db: Kysely<Database>) {}

  async remember(conversationId: string, caseId: string): Promise<void> {
    await this.db
      .insertInto('shown_cases')
      .values({ conversation_id: conversationId, case_id: caseId, shown_at: new Date() })
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ case_id: caseId, shown_at: new Date() }))
      .execute();
  }

  async get(conversationId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('shown_cases')
      .select('case_id')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row?.case_id;
  }
}
