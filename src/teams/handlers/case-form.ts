// The create-case form as Teams sends it, shared by the chat card (cases.ts) and the message
// extension's "case from message" dialog (message-extension.ts), so the two read its fields alike.
import { z } from 'zod';

/** The fields both forms have; each form adds its own (the chat card a deadline, the dialog a description). */
export const CaseFormFields = z.object({
  title: z.string().max(5000).optional(),
  processId: z.string().max(100).optional(),
  clusters: z.string().max(500).optional(),
  amountDkk: z.union([z.number(), z.string().max(20)]).optional(),
});

/** Teams sends empty inputs as ""; a form field left empty means "not given". */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}

/** "horsens, vest" → ["horsens", "vest"]; nothing given → undefined. */
export function clusterList(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The amount as typed (a number, or text the case service validates as one). */
export function amountOf(value: number | string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
