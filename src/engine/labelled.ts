// Labelled questions: the training and evaluation data of the engine (data/questions/*.jsonl and
// the project's older sets in test/engine/). One JSON object a line; validated here so that a bad
// line is reported with its file and line number instead of training on garbage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const LabelledQuestion = z
  .object({
    id: z.string().min(1),
    q: z.string(),
    org: z.enum(['midt', 'nord']).nullish(),
    date: IsoDate.nullish(),
    expect: z.union([z.literal('not_answered'), z.array(z.array(z.string().min(1)).min(1)).min(1)]),
    /** The role the writer meant to ask about, in the writer's words (approves, drafts, member_of, ...). */
    role: z.string().optional(),
    why: z
      .object({ doc: z.string().nullish(), quote: z.string().nullish(), reason: z.string().nullish() })
      .passthrough()
      .optional(),
    lang: z.enum(['da', 'en']).optional(),
    style: z.string().optional(),
    scope: z.string().optional(),
    /** Categories to report this question under (eval files may set them; otherwise derived). */
    cat: z.array(z.string()).optional(),
  })
  .passthrough();
export type LabelledQuestion = z.infer<typeof LabelledQuestion> & { file: string };

export class LabelledFileError extends Error {}

/** Reads a JSONL file of labelled questions; throws with file and line on the first bad line. */
export function readLabelled(path: string): LabelledQuestion[] {
  const file = basename(path).replace(/\.jsonl$/, '');
  const out: LabelledQuestion[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (e) {
        throw new LabelledFileError(`${path}:${i + 1}: not valid JSON (${(e as Error).message})`);
      }
      const r = LabelledQuestion.safeParse(json);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new LabelledFileError(`${path}:${i + 1}: field "${issue.path.join('.') || '(line)'}": ${issue.message}`);
      }
      out.push({ ...r.data, file });
    });
  return out;
}

/**
 * Right as the contract scores it: answered with one of the expected decider sets, or not answered when none is
 * expected.
 */
export function isRight(expect: LabelledQuestion['expect'], status: string, deciders: readonly string[]): boolean {
  if (expect === 'not_answered') return status !== 'answered';
  return (
    status === 'answered' && expect.some((e) => e.length === deciders.length && e.every((x) => deciders.includes(x)))
  );
}
