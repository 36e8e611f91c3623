// Stand-ins ("stedfortrædere"). A substitute votes in the principal's seat for a period. A pair's
// other member may never be the substitute: that would let one person decide for both seats.
import type { Person, Substitution } from './types';
import { addDays, type IsoDate } from './working-days';

/** Longest period one substitution may cover; a longer absence is a change of membership. */
export const MAX_SUBSTITUTION_DAYS = 366;

export function isActive(s: Substitution, date: IsoDate): boolean {
  return s.revokedAt === null && s.from <= date && date <= s.to;
}

/** The principal's active substitution on `date`, if any (the most recently created wins). */
export function activeSubstitutionFor(
  principalAadId: string,
  subs: readonly Substitution[],
  date: IsoDate,
): Substitution | undefined {
  let found: Substitution | undefined;
  for (const s of subs) {
    if (s.principalAadId !== principalAadId || !isActive(s, date)) continue;
    if (!found || s.createdAt > found.createdAt) found = s;
  }
  return found;
}

export interface SubstitutionRequest {
  id: string;
  principal: Person;
  substitute: Person;
  from: IsoDate;
  to: IsoDate;
  now: string;
  today: IsoDate;
  /** The members of every body the principal sits in with approval seats. */
  coMembers: readonly string[];
  /** The principal's existing substitutions (any state). */
  existing: readonly Substitution[];
}

export type SubstitutionPlan =
  | { kind: 'ok'; substitution: Substitution }
  | { kind: 'invalid'; reason: 'self' | 'range' | 'past' | 'too_long' | 'co_member' }
  | { kind: 'overlap'; existing: Substitution };

export function planSubstitution(req: SubstitutionRequest): SubstitutionPlan {
  if (req.substitute.aadObjectId === req.principal.aadObjectId) return { kind: 'invalid', reason: 'self' };
  if (req.from > req.to) return { kind: 'invalid', reason: 'range' };
  if (req.to < req.today) return { kind: 'invalid', reason: 'past' };
  if (addDays(req.from, MAX_SUBSTITUTION_DAYS) <= req.to) return { kind: 'invalid', reason: 'too_long' };
  if (req.coMembers.includes(req.substitute.aadObjectId)) return { kind: 'invalid', reason: 'co_member' };
  const clash = req.existing.find(
    (s) =>
      s.principalAadId === req.principal.aadObjectId && s.revokedAt === null && s.from <= req.to && req.from <= s.to,
  );
  if (clash) return { kind: 'overlap', existing: clash };
  return {
    kind: 'ok',
    substitution: {
      id: req.id,
      principalAadId: req.principal.aadObjectId,
      principalName: req.principal.name,
      substituteAadId: req.substitute.aadObjectId,
      substituteName: req.substitute.name,
      from: req.from,
      to: req.to,
      createdAt: req.now,
      revokedAt: null,
    },
  };
}
