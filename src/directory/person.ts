// The directory of people and their roles, keyed by Entra object id (activity.from.aadObjectId).
// Roles decide who may create and move cases (secretariat staff) and who approves what.
import { z } from 'zod';

export const ROLE_RE = /^(sekretariat|formandskab|sekretariatsledelse|klynge:[a-z0-9][a-z0-9-]*)$/;

export const PersonRole = z
  .string()
  .regex(ROLE_RE, 'a role is sekretariat, formandskab, sekretariatsledelse or klynge:<cluster id>');
export type PersonRole = z.infer<typeof PersonRole>;

export const Person = z
  .object({
    name: z.string().trim().min(1).max(200),
    aadObjectId: z.string().trim().min(1).max(100),
    email: z.string().trim().email().max(320).optional(),
    org: z.enum(['midt', 'nord']),
    roles: z.array(PersonRole).default([]),
  })
  .strict();
export type Person = z.infer<typeof Person>;

/** Secretariat staff administer cases: they create them and move them on. */
export function isSecretariatStaff(person: Pick<Person, 'roles'> | null | undefined): boolean {
  return !!person && person.roles.some((r) => r === 'sekretariat' || r === 'sekretariatsledelse');
}

/** The body ids a person acts for: a role is a body id, klynge:<id> acts for "klynge". */
export function bodiesOf(person: Pick<Person, 'roles'>): string[] {
  return [...new Set(person.roles.map((r) => (r.startsWith('klynge:') ? 'klynge' : r)))];
}

export interface DirectoryPort {
  get(aadObjectId: string): Promise<Person | null>;
  list(filter?: { org?: string; role?: string }): Promise<Person[]>;
  /** Inserts or replaces these people in one transaction. */
  upsertMany(people: Person[]): Promise<void>;
}
