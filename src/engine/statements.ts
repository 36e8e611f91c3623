// The statements of the governance model that a who-decides question can rest on, per period:
// one for each role a matter gives a body ("the steering group decides X"), and one for each body
// itself (what it is, who sits in it). The classifier predicts a statement key; the period the
// question is about resolves that key to its bodies, route and source. Keys do not name a period,
// because a later period keeps a matter's id when it changes who plays a role in it.
import type { ResolvedPeriod } from '../governance/load';
import type { Body, Matter, Role, SourceRef } from '../governance/schema';

export type StatementKey = string;

/** The class of questions the documents do not answer (the classifier's one class that is not a statement). */
export const REFUSE = 'refuse';

export type Statement =
  | { kind: 'role'; key: StatementKey; matter: Matter; role: Role; bodies: string[]; quotes: SourceRef[] }
  | { kind: 'body'; key: StatementKey; body: Body; bodies: string[]; quotes: SourceRef[] }
  | { kind: 'reports-to'; key: StatementKey; body: Body; bodies: string[]; quotes: SourceRef[] };

export const roleKey = (matterId: string, role: Role): StatementKey => `m:${matterId}#${role}`;
export const bodyKey = (bodyId: string): StatementKey => `b:${bodyId}`;
export const reportsToKey = (bodyId: string): StatementKey => `r:${bodyId}`;

/** Every statement of one period, keyed. */
export function statementsOf(period: ResolvedPeriod): Map<StatementKey, Statement> {
  const out = new Map<StatementKey, Statement>();
  for (const m of period.matters.values()) {
    for (const [role, entry] of Object.entries(m.roles) as Array<[Role, NonNullable<Matter['roles'][Role]>]>) {
      const key = roleKey(m.id, role);
      // The role's own source first; the matter's conditions belong to every role of it.
      out.set(key, {
        kind: 'role',
        key,
        matter: m,
        role,
        bodies: entry.bodies,
        quotes: [entry.source, ...m.conditions.map((c) => c.source)],
      });
    }
  }
  for (const b of period.bodies.values()) {
    out.set(bodyKey(b.id), {
      kind: 'body',
      key: bodyKey(b.id),
      body: b,
      bodies: [b.id],
      quotes: [b.source, ...b.compositionSources],
    });
    if (b.reportsTo.length > 0) {
      // The sentence that states a reporting line, where the model has it, else the body's definition.
      const quotes = [...b.reportsTo.flatMap((r) => (r.source ? [r.source] : [])), b.source];
      out.set(reportsToKey(b.id), {
        kind: 'reports-to',
        key: reportsToKey(b.id),
        body: b,
        bodies: b.reportsTo.map((r) => r.body),
        quotes,
      });
    }
  }
  return out;
}

/** The statements of every period, computed once. */
export class StatementCatalogue {
  private readonly byPeriod = new Map<string, Map<StatementKey, Statement>>();

  constructor(readonly periods: ResolvedPeriod[]) {
    for (const p of periods) this.byPeriod.set(p.id, statementsOf(p));
  }

  in(period: ResolvedPeriod): Map<StatementKey, Statement> {
    return this.byPeriod.get(period.id) ?? new Map();
  }

  get(period: ResolvedPeriod, key: StatementKey): Statement | undefined {
    return this.in(period).get(key);
  }

  /** Every key some period holds, sorted (a stable class order for the classifier). */
  allKeys(): StatementKey[] {
    const keys = new Set<StatementKey>();
    for (const m of this.byPeriod.values()) for (const k of m.keys()) keys.add(k);
    return [...keys].sort();
  }
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
