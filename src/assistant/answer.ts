// The answer object of the public `ask` contract (docs/ask-contract.md), plus the
// richer detail the Teams cards show. Chat, CLI and tab all render this one type.
import type { Role } from '../governance/schema';
import type { Lang, OrgId } from '../common/ids';

// The shared ids moved to src/common/ids.ts; re-exported here for the files that still import them from here.
export type { Lang, OrgId } from '../common/ids';
export { ORG_IDS } from '../common/ids';

export type AnswerStatus = 'answered' | 'clarify' | 'out_of_scope' | 'not_found';
export type Intent =
  | 'who_decides'
  | 'case_status'
  | 'case_list'
  | 'pool_balance'
  | 'help'
  | 'bind_org'
  | 'my_approvals'
  | 'case_history'
  | 'subscriptions'
  | 'failed_notifications'
  | 'unknown';

export interface AnswerSource {
  title: string;
  date: string;
  section: string;
  quote?: string;
}

export interface AnswerChoice {
  deciders: string[];
  label: string;
  /** The exact question to ask when the user picks this choice (keeps chat and CLI in step). */
  query: string;
}

export interface CaseSummary {
  id: string;
  title: string;
  process: string;
  step: string;
  holder: string;
  next: string | null;
  deadline: string | null;
}

export interface BodyRef {
  id: string;
  name: string;
  meets?: string;
  composition?: string;
}

/** One line of the route a matter takes: who prepares, recommends, decides, implements. */
export interface RouteLine {
  role: Role;
  label: string;
  bodies: BodyRef[];
  note?: string;
}

export interface WhoDecidesDetail {
  matterId: string;
  matterTitle: string;
  role: Role;
  roleLabel: string;
  bodies: BodyRef[];
  route: RouteLine[];
  conditions: string[];
  notes: string[];
  period: { id: string; title: string; validFrom: string; validTo: string | null };
  /** Why the engine picked this matter: matched terms, for the curious and for debugging. */
  explanation: string[];
}

export interface Answer {
  status: AnswerStatus;
  intent: Intent;
  deciders: string[];
  org: OrgId;
  date: string;
  confidence: number;
  sources: AnswerSource[];
  text: string;
  lang: Lang;
  choices?: AnswerChoice[];
  case?: CaseSummary;
  detail?: WhoDecidesDetail;
}

export interface AskOptions {
  org?: OrgId;
  /** YYYY-MM-DD; defaults to today. */
  date?: string;
  lang?: Lang;
}
