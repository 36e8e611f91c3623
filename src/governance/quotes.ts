// Every quote in the model must occur in the source document it cites, so that an answer's source
// can be checked by anyone holding the document and a typo in a quote is caught. The comparison
// forgives only what the documents' text extraction adds: whitespace and line breaks, hyphenation at
// a line end, Markdown markup (emphasis, headings, list markers, rules) and footnote marks. An
// ellipsis ("...", "…") in a quote stands for left-out text; the parts must occur in order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelIssue, ResolvedPeriod } from './load';

export const DEFAULT_SOURCES_DIR = join(__dirname, '..', '..', 'docs', 'sources');

const MARKUP = [
  /^[ \t]*(?:[-•▪◦*]|\d{1,2}[.)]|[a-z][.)])[ \t]+/gm, // list markers at a line start
  /^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm, // horizontal rules
  /\*+|_{2,}|`+|^#+/gm, // emphasis, code, headings
  /[¹²³⁴⁵⁶⁷⁸⁹⁰]/g, // footnote marks
];

/** The text with extraction artefacts removed and then every space and hyphen dropped. */
export function foldForQuote(text: string): string {
  let t = text.normalize('NFC');
  for (const re of MARKUP) t = t.replace(re, ' ');
  return t.replace(/[\s\u00ad\-‐‑]+/g, '');
}

/** True when every ellipsis-separated part of `quote` occurs in `foldedDoc`, in order. */
export function quoteOccurs(quote: string, foldedDoc: string): boolean {
  let at = 0;
  for (const part of quote.split(/\.\.\.|…/)) {
    const p = foldForQuote(part);
    if (p === '') continue;
    const i = foldedDoc.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

interface Quoted {
  doc: string;
  quote: string;
}

function* quotesIn(node: unknown, path: string): Generator<{ path: string; ref: Quoted }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* quotesIn(node[i], `${path}[${i}]`);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.doc === 'string' && typeof o.quote === 'string')
    yield { path: path || '(root)', ref: { doc: o.doc, quote: o.quote } };
  for (const [k, v] of Object.entries(o)) yield* quotesIn(v, path ? `${path}.${k}` : k);
}

/**
 * Checks the quotes each file states itself (inherited ones were checked in their own file).
 * `files` are the parsed files, `periods` their resolved periods (for the documents a file may cite).
 */
export function checkQuotes(
  files: Array<{ file: string; period: { period: string } }>,
  periods: ResolvedPeriod[],
  sourcesDir = DEFAULT_SOURCES_DIR,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const folded = new Map<string, string | null>();
  const textOf = (file: string): string | null => {
    if (!folded.has(file)) {
      try {
        folded.set(file, foldForQuote(readFileSync(join(sourcesDir, file), 'utf8')));
      } catch {
        folded.set(file, null);
      }
    }
    return folded.get(file)!;
  };
  for (const f of files) {
    const period = periods.find((p) => p.id === f.period.period);
    if (!period) continue;
    for (const { path, ref } of quotesIn(f.period, '')) {
      const doc = period.sources.get(ref.doc);
      if (!doc) continue; // an undeclared document is reported by checkModel
      const text = textOf(doc.file);
      if (text === null)
        issues.push({
          file: f.file,
          path,
          message: `cites ${ref.doc}, whose file ${doc.file} is not in ${sourcesDir}`,
        });
      else if (!quoteOccurs(ref.quote, text))
        issues.push({
          file: f.file,
          path,
          message: `quote not found in ${doc.file}: "${ref.quote.slice(0, 120)}${ref.quote.length > 120 ? '…' : ''}"`,
        });
    }
  }
  return issues;
}
