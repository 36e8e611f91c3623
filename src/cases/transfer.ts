// The cases file (`npm run cases -- export` / `import`): every case with its full history, as JSON.
// An import is validated whole before anything is written: the file's shape (zod), then each case
// against the governance model (process, step, holder). Problems are reported with the line of
// the file they are on; one problem refuses the whole file.
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isRealIsoDate } from '../common/dates';
import type { OrgId } from '../assistant/answer';
import { CaseIdText, DeadlineInput, DocumentInput, PositionInput, Title } from './commands';
import type { Case, CaseEvent } from './model';
import type { CaseRecord, ProcessCatalog } from './ports';
import { LONE_SURROGATE } from '../common/unicode';

export const CASES_FILE_FORMAT = 'sundhedsaftale-cases';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected an id (lower case letters, digits and dashes)');
// Year 0000 and impossible days match the ISO shape but fail inside the database.
const instant = z
  .string()
  .datetime({ offset: true, message: 'expected a date-time like 2026-03-02T09:00:00Z' })
  .refine((t) => isRealIsoDate(t.slice(0, 10)), 'not a real date (the year is 0001 or later, the day exists)');

const EventFile = z
  .object({
    at: instant,
    actorId: z.string().trim().min(1).max(100),
    actorName: z.string().trim().min(1).max(200),
    // Other features write their own kinds into a case's history (approvals: vote, approval_decided).
    kind: z.string().regex(/^[a-z][a-z_]{0,39}$/, 'expected an event kind such as created, moved, comment'),
    fromStep: id.nullable().default(null),
    toStep: id.nullable().default(null),
    comment: z.string().max(2000).nullable().default(null),
  })
  .strict();

const CaseFile = z
  .object({
    id: CaseIdText,
    title: Title,
    titleEn: Title.nullable().default(null),
    org: z.enum(['midt', 'nord']),
    processId: id,
    clusters: z.array(id).max(20).default([]),
    stepId: id,
    holder: id,
    state: z.enum(['open', 'closed']).default('open'),
    deadlines: z.array(DeadlineInput).max(20).default([]),
    documents: z.array(DocumentInput).max(50).default([]),
    amountDkk: z.number().int().min(0).max(100_000_000).nullable().default(null),
    poolYear: z.number().int().min(2000).max(2100).nullable().default(null),
    poolApprovedAt: instant.nullable().default(null),
    positions: z.array(PositionInput).max(20).default([]),
    positionsProcess: z.string().trim().min(1).max(1000).nullable().default(null),
    createdBy: z.string().trim().min(1).max(100),
    createdAt: instant,
    updatedAt: instant,
    version: z.number().int().min(1),
    history: z.array(EventFile).min(1, 'a case needs at least its "created" event').max(10_000),
  })
  .strict();

export const CasesFile = z
  .object({
    format: z.literal(CASES_FILE_FORMAT),
    version: z.literal(1),
    exportedAt: instant.optional(),
    cases: z.array(CaseFile).max(100_000),
  })
  .strict();

export function exportCasesFile(records: CaseRecord[], now: Date): string {
  const cases = records.map(({ case: c, history }) => ({
    ...c,
    history: history.map((e) => ({
      at: e.at,
      actorId: e.actorId,
      actorName: e.actorName,
      kind: e.kind,
      fromStep: e.fromStep,
      toStep: e.toStep,
      comment: e.comment,
    })),
  }));
  const file = { format: CASES_FILE_FORMAT, version: 1, exportedAt: now.toISOString(), cases };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Texts the database cannot store: PostgreSQL refuses NUL (0x00) and invalid UTF-16 in any text. */
function unstorableStrings(
  value: unknown,
  path: Array<string | number> = [],
): Array<{ path: Array<string | number>; reason: string }> {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ path, reason: 'contains a NUL character, which cannot be stored' }];
    if (LONE_SURROGATE.test(value)) return [{ path, reason: 'contains a lone surrogate (invalid UTF-16)' }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableStrings(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...unstorableStrings(k, [...path, k]),
      ...unstorableStrings(v, [...path, k]),
    ]);
  return [];
}

export type ParsedCasesFile = { ok: true; records: CaseRecord[] } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 50;

/** Validates a cases file completely; `today` picks the model period processes are checked against. */
export function parseCasesFile(
  text: string,
  catalog: ProcessCatalog,
  today: string,
  fileName = 'cases.json',
): ParsedCasesFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors
        .slice(0, MAX_PROBLEMS)
        .map((e) => `${fileName}:${e.linePos?.[0]?.line ?? '?'}: not valid JSON: ${e.message.split('\n')[0]}`),
    };
  }
  const lineOf = (path: Array<string | number>): string => {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true) as { range?: [number, number] } | undefined;
      if (node?.range) return `:${lines.linePos(node.range[0]).line}`;
      if (p.length === 0) return '';
    }
  };
  const data: unknown = doc.toJS();
  const unstorable = unstorableStrings(data)
    .slice(0, MAX_PROBLEMS)
    .map(({ path, reason }) => `${fileName}${lineOf(path)}: ${path.join('.')}: ${reason}`);
  const parsed = CasesFile.safeParse(data);
  if (!parsed.success || unstorable.length > 0) {
    const shape = parsed.success ? [] : parsed.error.issues;
    return {
      ok: false,
      problems: [
        ...unstorable,
        ...shape.slice(0, MAX_PROBLEMS).map((i) => {
          const path = i.path as Array<string | number>;
          const msg = i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message;
          return `${fileName}${lineOf(path)}: ${path.join('.') || '(file)'}: ${msg}`;
        }),
      ],
    };
  }

  const problems: string[] = [];
  const seen = new Map<string, number>();
  const records: CaseRecord[] = [];
  parsed.data.cases.forEach((c, i) => {
    const at = (field: string | number, ...more: Array<string | number>) =>
      `${fileName}${lineOf(['cases', i, field, ...more])}: cases.${i}.${[field, ...more].join('.')}`;
    const before = seen.get(c.id);
    if (before !== undefined) problems.push(`${at('id')}: ${c.id} appears twice (also cases.${before})`);
    seen.set(c.id, i);
    const process = catalog.process(c.org as OrgId, c.processId, today);
    if (!process) {
      problems.push(`${at('processId')}: ${c.org} has no process "${c.processId}"`);
    } else {
      const step = process.steps.find((s) => s.id === c.stepId);
      if (!step)
        problems.push(
          `${at('stepId')}: the process "${c.processId}" has no step "${c.stepId}" (steps: ` +
            `${process.steps.map((s) => s.id).join(', ')})`,
        );
      else if (!step.holders.includes(c.holder))
        problems.push(
          `${at('holder')}: at "${c.stepId}" the case is held by one of ${step.holders.join(', ')}, not ${c.holder}`,
        );
      c.deadlines.forEach((d, j) => {
        if (d.stepId && !process.steps.some((s) => s.id === d.stepId))
          problems.push(`${at('deadlines', j, 'stepId')}: the process has no step "${d.stepId}"`);
      });
      if (process.involvesMoney && c.amountDkk === null)
        problems.push(`${at('amountDkk')}: an expense needs an amount in DKK`);
    }
    if (c.history[0]?.kind !== 'created' && c.history[0]?.kind !== 'imported')
      problems.push(`${at('history', 0, 'kind')}: the history starts with "created" or "imported"`);
    const { history, ...rest } = c;
    const kase: Case = { ...rest, org: rest.org as OrgId, titleEn: rest.titleEn ?? null };
    records.push({
      case: kase,
      history: history.map((e, j): CaseEvent => ({ ...e, kind: e.kind as CaseEvent['kind'], id: j + 1, caseId: c.id })),
    });
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, records };
}
