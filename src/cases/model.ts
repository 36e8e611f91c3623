// A case: one matter moving through a documented process (type A agreement, development task,
// contingency-pool expense, ...). Plain data; the rules live in transitions.ts and pool.ts.
import type { OrgId } from '../assistant/answer';

export interface Deadline {
  label: string;
  /** YYYY-MM-DD */
  date: string;
  /** The step the deadline belongs to; none = the case as a whole. */
  stepId?: string;
}

export interface DocumentLink {
  title: string;
  url: string;
}

/** A party's position the steering group wants carried unprocessed (2017 memo). */
export interface Position {
  party: string;
  position: string;
}

export type CaseState = 'open' | 'closed';

export interface Case {
  id: string;
  title: string;
  titleEn: string | null;
  org: OrgId;
  processId: string;
  clusters: string[];
  stepId: string;
  /** The body holding the case at its current step (one of the step's holders). */
  holder: string;
  state: CaseState;
  deadlines: Deadline[];
  documents: DocumentLink[];
  amountDkk: number | null;
  /** The contingency-pool year an expense is charged to. */
  poolYear: number | null;
  poolApprovedAt: string | null;
  positions: Position[];
  /** The proposed process for discussing the diverging positions. */
  positionsProcess: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The kinds this feature writes; other features add their own (approvals: vote, approval_decided). */
export type CaseEventKind =
  | 'created'
  | 'moved'
  | 'sent_back'
  | 'closed'
  | 'comment'
  | 'imported'
  | 'positions'
  | (string & {});

export interface CaseEvent {
  id: number;
  caseId: string;
  at: string;
  actorId: string;
  actorName: string;
  kind: CaseEventKind;
  fromStep: string | null;
  toStep: string | null;
  comment: string | null;
}

export type NewCaseEvent = Omit<CaseEvent, 'id' | 'caseId'>;

export interface Actor {
  aadObjectId: string;
  name: string;
  roles: string[];
}

export const CASE_ID_FORMAT = /^SAG-(\d{4})-(\d{4,6})$/;

export function formatCaseId(year: number, seq: number): string {
  return `SAG-${year}-${String(seq).padStart(4, '0')}`;
}

/** "sag 2026 7", "SAG-2026-0007" → "SAG-2026-0007"; anything else → undefined. */
export function normaliseCaseId(text: string): string | undefined {
  const m = /^\s*sag[\s-]*(\d{4})[\s-]*(\d{1,6})\s*$/i.exec(text);
  return m ? formatCaseId(Number(m[1]), Number(m[2])) : undefined;
}

/**
 * A case id typed so far, in any of the spellings normaliseCaseId reads ("sag", "SAG-20",
 * "sag2026", "sag 2026-00") → the start of the ids it can be ("SAG-", "SAG-20", "SAG-2026",
 * "SAG-2026-00"); anything else → undefined.
 */
export function caseIdPrefix(text: string): string | undefined {
  const m = /^\s*sag[\s-]*(\d{0,4})([\s-]*)(\d{0,6})\s*$/i.exec(text);
  if (!m) return undefined;
  const [, year = '', gap = '', seq = ''] = m;
  if (year.length < 4) return seq || (gap && year) ? undefined : `SAG-${year}`;
  return gap || seq ? `SAG-${year}-${seq}` : `SAG-${year}`;
}

/** The title in the reader's language: the English title where there is one, else the Danish. */
export function titleIn(c: Pick<Case, 'title' | 'titleEn'>, lang: 'da' | 'en'): string {
  if (lang === 'en' && c.titleEn) return c.titleEn;
  return c.title;
}
