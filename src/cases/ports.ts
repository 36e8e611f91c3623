// What the cases feature needs from the outside (the governance model, the store) and what it
// offers to the assistant (CaseStatusPort). Implementations: src/cases/governance-catalog.ts,
// src/store/cases-repository.ts, src/cases/service.ts.
import type { CaseSummary, Lang, OrgId } from '../assistant/answer';
import type { Body, Pool, Process, Text } from '../governance/schema';
import type { Case, CaseEvent, NewCaseEvent } from './model';

export interface ProcessCatalog {
  /** The process definition in force for the organisation on the date (YYYY-MM-DD). */
  process(org: OrgId, processId: string, date: string): Process | undefined;
  processes(org: OrgId, date: string): Process[];
  bodyName(org: OrgId, bodyId: string, lang: Lang, date: string): string;
  /** A body as people write it ("formandskabet", "SSG", "the steering group") to its id. */
  findBody(org: OrgId, text: string, date: string): string | undefined;
  pool(org: OrgId, date: string): Pool | undefined;
  /** How a body decides outside a meeting (approvals); undefined when the model names no rule. */
  voteRule(org: OrgId, bodyId: string, date: string): Body['voteRule'];
}

/** A case as created: everything but what the store assigns (id, state, version, timestamps). */
export type NewCase = Omit<Case, 'id' | 'state' | 'poolApprovedAt' | 'updatedAt' | 'version'> & { year: number };

export type CasePatch = Partial<
  Pick<Case, 'stepId' | 'holder' | 'state' | 'deadlines' | 'documents' | 'positions' | 'positionsProcess'>
>;

/** Charge the expense to the pool in the same transaction, if the year's balance allows it. */
export interface PoolCharge {
  org: OrgId;
  year: number;
  annualDkk: number;
  amountDkk: number;
}

export type UpdateResult =
  | { kind: 'updated'; case: Case }
  | { kind: 'stale'; current: Case }
  | { kind: 'not_found' }
  | { kind: 'pool_exceeded'; remainingDkk: number };

export interface SearchHit {
  case: Case;
  /** 0..1, higher is closer. */
  score: number;
}

/** A case with its full history, as exported and imported. */
export interface CaseRecord {
  case: Case;
  history: CaseEvent[];
}

export type ImportResult = { kind: 'imported'; count: number } | { kind: 'conflict'; ids: string[] };

export interface CaseRepository {
  get(id: string): Promise<Case | null>;
  /** Newest last; `limit` keeps the newest n. */
  history(id: string, limit?: number): Promise<CaseEvent[]>;
  /** The case and its newest `limit` events in one round trip (status lookups). */
  getWithHistory(id: string, limit: number): Promise<CaseRecord | null>;
  /** Allocates the next SAG-<year>-NNNN id and writes the case and its first event atomically. */
  create(input: NewCase, event: NewCaseEvent): Promise<Case>;
  /** Applies the patch only if the case is still at `expectedVersion`; writes the event with it. */
  update(
    id: string,
    expectedVersion: number,
    patch: CasePatch,
    event: NewCaseEvent,
    charge?: PoolCharge,
  ): Promise<UpdateResult>;
  /** Adds an event without changing the case (comments); bumps the version so cards refresh. */
  appendEvent(id: string, expectedVersion: number, event: NewCaseEvent): Promise<UpdateResult>;
  /** Fuzzy match of folded text against titles; `minScore` 0..1. */
  search(folded: string, options: { org?: OrgId; limit: number; minScore: number }): Promise<SearchHit[]>;
  listByHolder(org: OrgId, holders: string[], options?: { includeClosed?: boolean }): Promise<Case[]>;
  /** Cases under any of the processes or in any of the clusters, open ones first, newest first. */
  listByFacet(org: OrgId, facet: { processIds: string[]; clusterIds: string[] }, limit: number): Promise<Case[]>;
  /** Open cases the person created or acted on, or that their bodies hold. */
  listMine(actorId: string, org: OrgId, holders: string[]): Promise<Case[]>;
  /** Sum of approved expenses charged to the pool year, and of open ones not yet approved. */
  poolUsage(org: OrgId, year: number): Promise<{ approvedDkk: number; pendingDkk: number }>;
  count(): Promise<number>;
  exportAll(): Promise<CaseRecord[]>;
  /** Writes all records in one transaction, or none when an id exists already. */
  importAll(records: CaseRecord[]): Promise<ImportResult>;
}

/** The assistant's view of cases (`ask "status på ..."`): see src/cases/status-port.ts. */
export type CaseLookup =
  | { kind: 'found'; summary: CaseSummary; text: Text }
  | { kind: 'choices'; choices: Array<{ id: string; title: string }>; text: Text }
  | { kind: 'not_found'; closest: Array<{ id: string; title: string }>; text: Text };

export interface CaseStatusPort {
  /** By case id ("SAG-2026-0007") or by a fuzzy title query. */
  lookup(
    ref: { caseId?: string; query?: string },
    options: { org: OrgId; lang: Lang; date?: string },
  ): Promise<CaseLookup>;
}

/** The case last shown in a conversation or thread ("hvem beslutter det her?" is about it). */
export interface ShownCasePort {
  remember(conversationId: string, caseId: string): Promise<void>;
  get(conversationId: string): Promise<string | undefined>;
}
