// The one ordered list of migrations. Add a file NNN_name.ts and one line here; names sort in order.
import type { Migration } from 'kysely';
import * as m001 from './001_conversations_people';
import * as m002 from './002_cases';
import * as m005 from './005_notifications';
import * as m006 from './006_approvals';
import * as m007 from './007_case_terms';
import * as m008 from './008_case_terms_seq';
import * as m009 from './009_shown_cases';
import * as m010 from './010_approval_card_lease';
import * as m011 from './011_waiting_copies';
import * as m012 from './012_case_table_indexes';

export const migrations: Record<string, Migration> = {
  '001_conversations_people': m001,
  '002_cases': m002,
  '005_notifications': m005,
  '006_approvals': m006,
  '007_case_terms': m007,
  '008_case_terms_seq': m008,
  '009_shown_cases': m009,
  '010_approval_card_lease': m010,
  '011_waiting_copies': m011,
  '012_case_table_indexes': m012,
};
