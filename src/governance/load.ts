// Loads the governance model files, validates each with zod, and resolves inheritance: a later period
// holds everything of the period it inherits except what it replaces (same id) or retires.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { Period, type Body, type Matter, type Pool, type Process, type SourceDoc } from './schema';
import type { OrgId } from '../assistant/answer';
import { checkModel } from './check';
import { checkQuotes } from './quotes';
import { parseGovernanceYaml } from './parsed-yaml';

export const DEFAULT_MODEL_DIR = join(__dirname, 'data');

/** A period with its inherited content merged in: what was in force between validFrom and validTo. */
export interface ResolvedPeriod {
  org: OrgId;
  id: string;
  title: Period['title'];
  validFrom: string;
  validTo: string | null;
  notes: Period['notes'];
  sources: Map<string, SourceDoc>;
  bodies: Map<string, Body>;
  matters: Map<string, Matter>;
  processes: Map<string, Process>;
  pools: Map<string, Pool>;
  /** The file this period was read from, for error messages. */
  file: string;
}

export interface ModelIssue {
  file: string;
  /** The line of the offending value in the file, where it is known. */
  line?: number;
  path: string;
  message: string;
}

/** `file:line: path: message`, as an editor jumps to it. */
export function formatIssue(i: ModelIssue): string {
  return `${i.file}${i.line ? `:${i.line}` : ''}: ${i.path}: ${i.message}`;
}

export class GovernanceModelError extends Error {
  constructor(readonly issues: ModelIssue[]) {
    super(`governance model is invalid:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
}

export interface GovernanceModel {
  periods: ResolvedPeriod[];
  /** The period of `org` in force on `date` (YYYY-MM-DD), or undefined before the first one. */
  periodAt(org: OrgId, date: string): ResolvedPeriod | undefined;
  /** Periods of `org` in force at some time in `year`, latest first. */
  periodsInYear(org: OrgId, year: number): ResolvedPeriod[];
  /** Every period of an organisation, oldest first. */
  periodsOf(org: OrgId): ResolvedPeriod[];
}

interface RawFile {
  file: string;
  period: Period;
}

/** Reads and schema-validates every *.yaml file in `dir`. Collects all problems before failing. */
export function readPeriodFiles(dir: string = DEFAULT_MODEL_DIR): { files: RawFile[]; issues: ModelIssue[] } {
  const files: RawFile[] = [];
  const issues: ModelIssue[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    let data: unknown;
    try {
      // The build's stored parse when it is of this text (src/governance/parsed-yaml.ts), else the YAML.
      data = parseGovernanceYaml(dir, name, text);
    } catch (e) {
      const err = parseDocument(text).errors[0];
      const message = err?.message ?? (e as Error).message;
      issues.push({ file: name, line: err?.linePos?.[0]?.line, path: '(file)', message: `not valid YAML: ${message}` });
      continue;
    }
    const parsed = Period.safeParse(data);
    if (!parsed.success) {
      // Only a file with problems is parsed again, with positions, to name the line of each.
      const lines = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lines });
      for (const i of parsed.error.issues) {
        const node = doc.getIn(i.path as Array<string | number>, true) as { range?: [number, number, number] } | null;
        const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
        issues.push({ file: name, line, path: i.path.join('.') || '(root)', message: i.message });
      }
      continue;
    }
    files.push({ file: name, period: parsed.data });
  }
  return { files, issues };
}

function resolve(files: RawFile[], issues: ModelIssue[]): ResolvedPeriod[] {
  const byId = new Map(files.map((f) => [f.period.period, f]));
  const resolved = new Map<string, ResolvedPeriod>();
  const visiting = new Set<string>();

  const build = (id: string): ResolvedPeriod | undefined => {
    const done = resolved.get(id);
    if (done) return done;
    const raw = byId.get(id);
    if (!raw) return undefined;
    if (visiting.has(id)) {
      issues.push({ file: raw.file, path: 'inherits', message: `inheritance cycle through ${id}` });
      return undefined;
    }
    visiting.add(id);
    const p = raw.period;
    let base: ResolvedPeriod | undefined;
    if (p.inherits) {
      base = build(p.inherits);
      if (!base) issues.push({ file: raw.file, path: 'inherits', message: `inherits unknown period "${p.inherits}"` });
      else if (base.org !== p.org)
        issues.push({
          file: raw.file,
          path: 'inherits',
          message: `inherits a period of another organisation (${base.org})`,
        });
    }
    const take = <T extends { id: string }>(
      inherited: Map<string, T> | undefined,
      retired: string[],
      own: T[],
      what: string,
    ): Map<string, T> => {
      const m = new Map(inherited ?? []);
      for (const r of retired) {
        if (!m.delete(r))
          issues.push({
            file: raw.file,
            path: `retire.${what}`,
            message: `retires "${r}", which the inherited period does not have`,
          });
      }
      const seen = new Set<string>();
      for (const item of own) {
        if (seen.has(item.id)) issues.push({ file: raw.file, path: what, message: `"${item.id}" is defined twice` });
        seen.add(item.id);
        m.set(item.id, item);
      }
      return m;
    };
    const sources = new Map(base?.sources ?? []);
    for (const [k, v] of Object.entries(p.sources)) sources.set(k, v);
    const out: ResolvedPeriod = {
      org: p.org,
      id: p.period,
      title: p.title,
      validFrom: p.validFrom,
      validTo: p.validTo,
      notes: p.notes,
      sources,
      bodies: take(base?.bodies, p.retire.bodies, p.bodies, 'bodies'),
      matters: take(base?.matters, p.retire.matters, p.matters, 'matters'),
      processes: take(base?.processes, p.retire.processes, p.processes, 'processes'),
      pools: take(base?.pools, [], p.pools, 'pools'),
      file: raw.file,
    };
    visiting.delete(id);
    resolved.set(id, out);
    return out;
  };

  for (const f of files) build(f.period.period);
  return [...resolved.values()].sort((a, b) =>
    a.org === b.org ? a.validFrom.localeCompare(b.validFrom) : a.org.localeCompare(b.org),
  );
}

export function buildModel(periods: ResolvedPeriod[]): GovernanceModel {
  const of = (org: OrgId) => periods.filter((p) => p.org === org);
  const inForce = (p: ResolvedPeriod, from: string, to: string) =>
    p.validFrom <= to && (p.validTo === null || p.validTo >= from);
  return {
    periods,
    periodsOf: of,
    periodAt: (org, date) => of(org).find((p) => inForce(p, date, date)),
    periodsInYear: (org, year) =>
      of(org)
        .filter((p) => inForce(p, `${year}-01-01`, `${year}-12-31`))
        .reverse(),
  };
}

/** Reads, validates and resolves the model; throws GovernanceModelError listing every problem. */
export function loadGovernanceModel(dir: string = DEFAULT_MODEL_DIR): GovernanceModel {
  const { files, issues } = readPeriodFiles(dir);
  const periods = resolve(files, issues);
  issues.push(...checkModel(periods), ...checkQuotes(files, periods));
  if (issues.length > 0) throw new GovernanceModelError(issues);
  return buildModel(periods);
}

/** Like loadGovernanceModel, but returns the problems instead of throwing (for governance:check). */
export function inspectGovernanceModel(dir: string = DEFAULT_MODEL_DIR): {
  periods: ResolvedPeriod[];
  issues: ModelIssue[];
} {
  const { files, issues } = readPeriodFiles(dir);
  const periods = resolve(files, issues);
  issues.push(...checkModel(periods), ...checkQuotes(files, periods));
  return { periods, issues };
}
