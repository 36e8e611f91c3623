// Commands from outside (card forms, CLI, import) validated at the edge. Unknown fields are
// refused (strict), texts are bounded, titles are plain text: a forged or garbled submission gets
// a clear reason and nothing is stored.
import { z } from 'zod';
import { ORG_IDS } from '../assistant/answer';
import { RealIsoDate } from '../common/dates';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected an id (lower case letters, digits and dashes)');
const isoDate = RealIsoDate;

/** Letters (any language), digits, spaces and ordinary punctuation; no markup or statement separators. */
const TITLE_CHARS = /^[\p{L}\p{N}][\p{L}\p{N}\s\-–,.()/&:'"«»?!§%+]*$/u;

export const Title = z
  .string()
  .trim()
  .min(3, 'a title needs at least 3 characters')
  .max(200, 'a title can be at most 200 characters')
  .regex(
    TITLE_CHARS,
    'a title may hold letters, digits, spaces and ordinary punctuation (- , . ( ) / & : \' " ? ! § % +) and ' +
      'must start with a letter or digit',
  );

export const CaseIdText = z
  .string()
  .trim()
  .regex(/^SAG-\d{4}-\d{4,6}$/, 'expected a case id like SAG-2026-0007');

export const DeadlineInput = z
  .object({ label: z.string().trim().min(1).max(120), date: isoDate, stepId: id.optional() })
  .strict();
export const DocumentInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    url: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'documents are http(s) links'),
  })
  .strict();
export const PositionInput = z
  .object({ party: z.string().trim().min(1).max(120), position: z.string().trim().min(1).max(1000) })
  .strict();

export const CreateCaseCommand = z
  .object({
    title: Title,
    titleEn: Title.optional(),
    org: z.enum(ORG_IDS as [string, ...string[]]),
    processId: id,
    clusters: z.array(id).max(20).default([]),
    holder: id.optional(),
    deadlines: z.array(DeadlineInput).max(20).default([]),
    documents: z.array(DocumentInput).max(50).default([]),
    amountDkk: z.number().int('whole kroner').min(1).max(100_000_000).optional(),
    poolYear: z.number().int().min(2000).max(2100).optional(),
    positions: z.array(PositionInput).max(20).default([]),
    positionsProcess: z.string().trim().min(1).max(1000).optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type CreateCaseCommand = z.infer<typeof CreateCaseCommand>;

export const MoveCaseCommand = z
  .object({
    caseId: CaseIdText,
    version: z.number().int().min(1),
    fromStepId: id,
    toStepId: id,
    holder: id.optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type MoveCaseCommand = z.infer<typeof MoveCaseCommand>;

export const CommentCaseCommand = z
  .object({ caseId: CaseIdText, version: z.number().int().min(1), comment: z.string().trim().min(1).max(2000) })
  .strict();
export type CommentCaseCommand = z.infer<typeof CommentCaseCommand>;

/** zod issues as short "field: reason" lines for a chat reply or an HTTP 400. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const where = i.path.join('.');
    if (i.code === 'unrecognized_keys') return `unknown field(s): ${i.keys.join(', ')}`;
    return where ? `${where}: ${i.message}` : i.message;
  });
}
