// Who may vote, and in whose seat. The seats are the approval's approvers (the directory's members
// of the deciding body when the round opened); a seat holder's active substitute may vote in it.
// Identity is always the caller's aadObjectId from the activity, never anything in card data.
import { activeSubstitutionFor } from './substitutes';
import type { Approval, Person, Substitution } from './types';
import type { IsoDate } from './working-days';

export type Seat = { kind: 'self'; seat: Person } | { kind: 'substitute'; seat: Person; substitution: Substitution };

export function seatFor(
  approval: Pick<Approval, 'approvers'>,
  voterAadId: string,
  subs: readonly Substitution[],
  date: IsoDate,
): Seat | null {
  if (!voterAadId) return null;
  const own = approval.approvers.find((a) => a.aadObjectId === voterAadId);
  if (own) return { kind: 'self', seat: own };
  // Deterministic when one person stands in for several seat holders: the first seat in order.
  for (const seat of approval.approvers) {
    const s = activeSubstitutionFor(seat.aadObjectId, subs, date);
    if (s && s.substituteAadId === voterAadId) return { kind: 'substitute', seat, substitution: s };
  }
  return null;
}

/** Everyone who may vote on the approval today: seat holders and their active substitutes. */
export function eligibleVoters(
  approval: Pick<Approval, 'approvers'>,
  subs: readonly Substitution[],
  date: IsoDate,
): string[] {
  const ids = approval.approvers.map((a) => a.aadObjectId);
  for (const seat of approval.approvers) {
    const s = activeSubstitutionFor(seat.aadObjectId, subs, date);
    if (s && !ids.includes(s.substituteAadId)) ids.push(s.substituteAadId);
  }
  return ids;
}
