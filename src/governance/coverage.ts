// Does the governance model cover the documents? Every sentence the finder picks out of docs/sources
// (a body named together with a power or duty word) must be carried by a statement of the model whose
// quote overlaps it, or be excluded in coverage-exclusions.yaml with a reason of its own. A sentence
// that gives a power needs a rule (a matter's role or condition, a process step, a pool, a reporting
// line); one that only says who sits on a body is also carried by that body's source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createFinder, type Finding } from './coverage-finder';
import { splitDocument, type SplitDocument } from './coverage-text';
import { DEFAULT_MODEL_DIR, inspectGovernanceModel, readPeriodFiles, type ResolvedPeriod } from './load';
import { DEFAULT_SOURCES_DIR, foldForQuote } from './quotes';
import type { Period, SourceRef } from './schema';

export const DEFAULT_EXCLUSIONS_FILE = join(__dirname, 'coverage-exclusions.yaml');

/** A quote overlapping a sentence by this many folded characters (or the whole of the shorter) carries it. */
const MIN_OVERLAP = 20;

/** Why a found sentence is no rule. The category is counted in the report; the reason is the sentence's own. */
export const ExclusionCategory = z.enum([
  'no-body', // the sentence names a body word, but the actor is "we", "everyone" or nobody in particular
  'not-a-power', // the word that made the finder pick it is no power or duty here
  'aim', // an aim, intention or expectation, not a power or duty of a body
  'outside', // about a body or act outside the agreement's organisation (national board, legislation)
  'document', // about the document itself, an example, or a diagram
]);
export type ExclusionCategory = z.infer<typeof ExclusionCategory>;

export const Exclusion = z
  .object({
    doc: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, 'a file name in docs/sources'),
    sentence: z.string().min(12).describe('the sentence, or a distinctive part of it, verbatim'),
    category: ExclusionCategory,
    reason: z.string().min(20).describe('why this sentence gives no body a power or duty the model should hold'),
    /**
     * How many sentences of the document it matches: more than one only where the document repeats itself word for
     * word.
     */
    times: z.number().int().min(1).default(1),
  })
  .strict();
export type Exclusion = z.infer<typeof Exclusion>;

export const ExclusionFile = z.object({ exclusions: z.array(Exclusion) }).strict();

/** A statement of the model that quotes a document: where it is (file, path by ids) and what it is. */
export interface ModelQuote {
  file: string;
  path: string;
  kind: 'rule' | 'body';
  docFile: string;
  quote: string;
}

export interface CoverageEntry {
  finding: Finding;
  status: 'carried' | 'excluded' | 'missing';
  /** The statements whose quotes overlap the sentence (rules first). */
  carriers: ModelQuote[];
  exclusion?: Exclusion;
}

export interface DocumentCoverage {
  doc: string;
  sentences: number;
  entries: CoverageEntry[];
}

export interface CoverageReport {
  documents: DocumentCoverage[];
  /** Stale or ambiguous exclusions, exclusions of carried sentences, quotes the splitter lost. */
  problems: string[];
}

/** Every quote a model file states itself, with an id-based path. */
export function modelQuotes(file: string, p: Period, docFileOf: (doc: string) => string | undefined): ModelQuote[] {
  const out: ModelQuote[] = [];
  const add = (path: string, kind: ModelQuote['kind'], s: SourceRef) => {
    const docFile = docFileOf(s.doc);
    if (docFile) out.push({ file, path, kind, docFile, quote: s.quote });
  };
  for (const b of p.bodies) {
    add(`bodies.${b.id}`, 'body', b.source);
    b.compositionSources.forEach((s, i) => add(`bodies.${b.id}.compositionSources[${i}]`, 'body', s));
    for (const r of b.reportsTo) if (r.source) add(`bodies.${b.id}.reportsTo.${r.body}`, 'rule', r.source);
  }
  for (const m of p.matters) {
    for (const [role, e] of Object.entries(m.roles)) if (e) add(`matters.${m.id}.roles.${role}`, 'rule', e.source);
    m.conditions.forEach((c, i) => add(`matters.${m.id}.conditions[${i}]`, 'rule', c.source));
  }
  for (const pr of p.processes) {
    add(`processes.${pr.id}`, 'rule', pr.source);
    for (const st of pr.steps) add(`processes.${pr.id}.steps.${st.id}`, 'rule', st.source);
  }
  for (const pool of p.pools) add(`pools.${pool.id}`, 'rule', pool.source);
  return out;
}

interface Located {
  q: ModelQuote;
  from: number;
  to: number;
}

/** Every place in the document's folded sentences where a part of the quote occurs. */
function locate(q: ModelQuote, doc: SplitDocument): Located[] | undefined {
  const out: Located[] = [];
  for (const part of q.quote.split(/\.\.\.|…/)) {
    const f = foldForQuote(part);
    if (f === '') continue;
    let at = doc.folded.indexOf(f);
    if (at < 0) return undefined;
    while (at >= 0) {
      out.push({ q, from: at, to: at + f.length });
      at = doc.folded.indexOf(f, at + 1);
    }
  }
  return out;
}

export interface CoverageOptions {
  modelDir?: string;
  sourcesDir?: string;
  exclusionsFile?: string;
}

/** The names and aliases of every body of the model, for the finder. */
export function bodyNames(periods: ResolvedPeriod[]): string[] {
  return periods.flatMap((p) =>
    [...p.bodies.values()].flatMap((b) => [b.name.da, ...(b.short ? [b.short] : []), ...b.aliases]),
  );
}

/** Reads and validates the exclusions; throws an Error naming every malformed entry. */
export function readExclusions(file: string): Exclusion[] {
  const parsed = ExclusionFile.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return parsed.data.exclusions;
}

export function coverage(opts: CoverageOptions = {}): CoverageReport {
  const modelDir = opts.modelDir ?? DEFAULT_MODEL_DIR;
  const sourcesDir = opts.sourcesDir ?? DEFAULT_SOURCES_DIR;
  const { periods, issues } = inspectGovernanceModel(modelDir);
  const { files } = readPeriodFiles(modelDir);
  const exclusions = readExclusions(opts.exclusionsFile ?? DEFAULT_EXCLUSIONS_FILE);
  const find = createFinder(bodyNames(periods));
  const problems: string[] = issues.map((i) => `${i.file}: ${i.path}: ${i.message} (see npm run governance:check)`);

  const quotes = files.flatMap((f) => {
    const period = periods.find((p) => p.id === f.period.period);
    return modelQuotes(f.file, f.period, (doc) => period?.sources.get(doc)?.file);
  });
  const used = new Set<Exclusion>();
  const documents: DocumentCoverage[] = [];
  for (const docFile of readdirSync(sourcesDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const doc = splitDocument(docFile, readFileSync(join(sourcesDir, docFile), 'utf8'));
    const located: Located[] = [];
    for (const q of quotes.filter((x) => x.docFile === docFile)) {
      const at = locate(q, doc);
      if (at) located.push(...at);
      else
        problems.push(
          `${q.file}: ${q.path}: its quote is not in the sentences split from ${docFile} (the ` +
            `splitter lost text): "${q.quote.slice(0, 80)}"`,
        );
    }
    const entries: CoverageEntry[] = [];
    for (const s of doc.sentences) {
      const finding = find(s);
      if (!finding) continue;
      const carriers = located
        .filter(
          (l) =>
            Math.min(s.end, l.to) - Math.max(s.start, l.from) >= Math.min(MIN_OVERLAP, s.end - s.start, l.to - l.from),
        )
        .map((l) => l.q)
        .filter((q, i, all) => all.indexOf(q) === i)
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'rule' ? -1 : 1));
      const carried = finding.kind === 'power' ? carriers.some((c) => c.kind === 'rule') : carriers.length > 0;
      const matching = exclusions.filter((e) => e.doc === docFile && s.folded.includes(foldForQuote(e.sentence)));
      for (const e of matching) used.add(e);
      const exclusion = matching[0];
      if (carried && exclusion)
        problems.push(
          `${docFile}:${s.line}: excluded ("${exclusion.sentence}") but carried by ` +
            `${carriers[0]!.file} ${carriers[0]!.path}: drop the exclusion`,
        );
      entries.push({
        finding,
        status: carried ? 'carried' : exclusion ? 'excluded' : 'missing',
        carriers,
        ...(exclusion ? { exclusion } : {}),
      });
    }
    documents.push({ doc: docFile, sentences: doc.sentences.filter((s) => !s.heading).length, entries });
  }
  for (const e of exclusions) {
    const hits =
      documents
        .find((d) => d.doc === e.doc)
        ?.entries.filter((x) => x.exclusion === e || x.finding.sentence.folded.includes(foldForQuote(e.sentence))) ??
      [];
    if (!used.has(e))
      problems.push(
        `coverage-exclusions.yaml: "${e.sentence}" (${e.doc}) matches no sentence the finder finds: stale, remove it`,
      );
    else if (hits.length !== e.times)
      problems.push(
        `coverage-exclusions.yaml: "${e.sentence}" (${e.doc}) matches ${hits.length} sentences, not ` +
          `${e.times}: quote more of the one it means`,
      );
  }
  return { documents, problems };
}
