// The source documents as sentences, for the coverage report. The texts are PDF extractions: page
// headers repeated on every page (one even breaks a word: "ud-" ... "møntningen"), page numbers, a
// table of contents, sentences hard-wrapped over several lines or split by a blank line at a page
// break, list items whose subject is in the line that introduces the list ("Sundhedsaftalesekretariatet:"
// then "- Refererer til Sundhedsstyregruppen ..."), and labels in bold before a colon. This module
// undoes what it can and keeps, for every sentence, the text around it that may name its body.
import { foldForQuote } from './quotes';

export interface SourceSentence {
  /** The document's file name in docs/sources. */
  doc: string;
  /** 1-based line of the file where the sentence starts. */
  line: number;
  /** The sentence as one line: markup, list markers and line breaks removed. */
  text: string;
  /** A heading, not a statement: kept for context and for quotes that run across it. */
  heading: boolean;
  /**
   * Where the sentence's body may be named when the sentence itself does not name it, nearest first:
   * for a list item the line that introduces the list and the first sentence of that paragraph, then
   * the first sentence of the sentence's own paragraph or item. A heading is farther away: `section`.
   */
  context: string[];
  /**
   * For a list item: the sentence that introduces the list ("Klyngernes rolle:"), which the item continues, then the
   * first sentence of that paragraph.
   */
  lead: string[];
  /** The nearest heading above. */
  section?: string;
  /** foldForQuote(text); the sentence occupies [start, end) of the document's folded sentences joined. */
  folded: string;
  start: number;
  end: number;
}

export interface SplitDocument {
  doc: string;
  sentences: SourceSentence[];
  /** Every sentence's `folded`, joined in order: what quotes are located in. */
  folded: string;
}

const LIST_MARKER = /^([ \t]*)(?:[-•▪◦*]|\d{1,2}[.)]|[a-zA-Z][.)])[ \t]+/;
const RULE = /^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/;
const PAGE_NUMBER = /^\s*\d{1,3}\s*$/;
const TOC_LINE = /\t\d+\s*$/; // "1. Visioner<TAB>5"
/** A line ending in one of these is never the end of a sentence, however short. */
const FUNCTION_WORD_END =
  /\b(og|eller|samt|til|i|af|for|med|mellem|om|på|at|der|som|en|et|de|den|det|fra|ved|hhv\.|and|or|of|the)$/i;
const TERMINAL = /[.!?:]["”»)]*$/;
/** Abbreviations after which a capital letter does not start a new sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'bl.a',
  'fx',
  'f.eks',
  'ift',
  'evt',
  'jf',
  'mio',
  'kr',
  'pr',
  'hhv',
  'ca',
  'vedr',
  'nr',
  'inkl',
  'dvs',
  'iflg',
  'mht',
  'sml',
  'jvf',
]);

interface Line {
  no: number;
  raw: string;
}

/** Strips Markdown emphasis and footnote marks for display; folding strips them anyway. */
function clean(s: string): string {
  return s
    .replace(/\*+|_{2,}|`+/g, '')
    .replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Joins a wrapped line to the text before it: a word broken at a line end ("ud-" "møntningen") is rejoined. */
function joinLine(before: string, next: string): string {
  const b = before.trimEnd();
  const n = next.trim();
  if (b === '') return n;
  if (/[a-zæøå]-$/.test(b) && /^[a-zæøå]/.test(n)) return b.slice(0, -1) + n;
  return `${b} ${n}`;
}

/** Lines that are page furniture: rules, page numbers, contents lines and page headers repeated on every page. */
function furniture(lines: Line[]): Set<number> {
  const out = new Set<number>();
  const seen = new Map<string, number>();
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i]!.raw.trim() === '';
  for (const [i, l] of lines.entries()) {
    const t = l.raw.trim();
    if (t === '') continue;
    if (RULE.test(l.raw) || PAGE_NUMBER.test(l.raw) || TOC_LINE.test(l.raw)) {
      out.add(l.no);
      continue;
    }
    // A heading-like line (a short line without a full stop, standing alone between blank lines) seen
    // before is a page header.
    const key = t.replace(/^#+\s*/, '');
    if (key.length < 80 && !/[.:]$/.test(key) && blank(i - 1) && blank(i + 1)) {
      if (seen.has(key)) out.add(l.no);
      else seen.set(key, l.no);
    }
  }
  return out;
}

/** A line standing alone between blank lines, short and without a full stop: a heading. */
function isHeading(prevBlank: boolean, line: string, nextBlank: boolean): boolean {
  const t = line.trim();
  if (/^#{1,6}\s/.test(t)) return true;
  if (/^\*\*[^*]+\*\*$/.test(t)) return true;
  return prevBlank && nextBlank && t.length < 80 && !TERMINAL.test(t) && !LIST_MARKER.test(line) && !/[,;]$/.test(t);
}

interface Unit {
  line: number;
  text: string;
  kind: 'heading' | 'paragraph' | 'item';
  indent: number;
  /** For a list item: the sentence introducing the list, and the first sentence of its paragraph. */
  lead?: string[];
  /** Offsets in `text` where a wrapped line ended a sentence without a full stop. */
  breaks: number[];
  maxLine: number;
  lastLineLength: number;
}

function units(text: string): Unit[] {
  const all: Line[] = text.split('\n').map((raw, i) => ({ no: i + 1, raw: raw.replace(/\r$/, '') }));
  const drop = furniture(all);
  const lines = all.filter((l) => !drop.has(l.no));
  const out: Unit[] = [];
  let cur: Unit | undefined;
  let blankBefore = true;
  /** The last paragraph or item that ended with a colon: it introduces the list that follows. */
  let lastColon: Unit | undefined;
  /** The open list items, outermost first: a nested item's lead is the item above it. */
  const items: Unit[] = [];
  const flush = () => {
    if (cur) out.push(cur);
    cur = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.raw.trim();
    if (t === '') {
      blankBefore = true;
      continue;
    }
    const nextBlank = i + 1 >= lines.length || lines[i + 1]!.raw.trim() === '';
    const marker = LIST_MARKER.exec(l.raw);
    const continues = cur && !TERMINAL.test(cur.text) && /^[a-zæøå(]/.test(t) && !marker;
    if (continues && cur) {
      // A sentence wrapped over lines, or broken by a blank line at a page break (then what looked like a
      // heading was the start of a sentence).
      cur.text = joinLine(cur.text, clean(l.raw));
      if (cur.kind === 'heading' && (cur.text.length >= 80 || TERMINAL.test(cur.text))) cur.kind = 'paragraph';
      cur.maxLine = Math.max(cur.maxLine, t.length);
      cur.lastLineLength = t.length;
    } else if (
      marker &&
      !(marker[1] === '' && /^[\dA-Z]/.test(t) && isHeading(blankBefore, l.raw.replace(LIST_MARKER, ''), nextBlank))
    ) {
      flush();
      const indent = marker[1]!.replace(/\t/g, '    ').length;
      while (items.length > 0 && items.at(-1)!.indent > indent) items.pop();
      const top = items.at(-1);
      let lead: string[] | undefined;
      if (top && top.indent === indent) {
        lead = top.lead;
        items.pop();
      } else if (top) lead = top.text.endsWith(':') ? [top.text, ...(top.lead ?? [])] : top.lead;
      else if (lastColon && lastColon === out.at(-1)) {
        const parts = splitUnit(lastColon);
        lead = [...new Set([parts.at(-1)!, parts[0]!])];
      }
      const body = clean(l.raw.slice(marker[0].length));
      cur = {
        line: l.no,
        text: body,
        kind: 'item',
        indent,
        breaks: [],
        maxLine: t.length,
        lastLineLength: t.length,
        ...(lead ? { lead } : {}),
      };
      items.push(cur);
    } else if (!blankBefore && cur && cur.kind !== 'heading') {
      // The next line of the same paragraph. A short line without a full stop followed by a capital ends a sentence.
      if (
        !TERMINAL.test(cur.text) &&
        /^[A-ZÆØÅ]/.test(t) &&
        cur.lastLineLength < 0.75 * cur.maxLine &&
        !FUNCTION_WORD_END.test(cur.text)
      )
        cur.breaks.push(cur.text.length);
      cur.text = joinLine(cur.text, clean(l.raw));
      cur.maxLine = Math.max(cur.maxLine, t.length);
      cur.lastLineLength = t.length;
    } else {
      flush();
      items.length = 0;
      const kind = isHeading(blankBefore, marker ? l.raw.replace(LIST_MARKER, '') : l.raw, nextBlank)
        ? 'heading'
        : 'paragraph';
      cur = {
        line: l.no,
        text: clean(l.raw.replace(/^#+\s*/, '').replace(LIST_MARKER, '')),
        kind,
        indent: 0,
        breaks: [],
        maxLine: t.length,
        lastLineLength: t.length,
      };
    }
    blankBefore = false;
    if (cur && cur.text.endsWith(':') && cur.kind !== 'heading') lastColon = cur;
  }
  flush();
  return out;
}

/** Splits one unit's text at full stops followed by a capital, not after abbreviations, and at forced breaks. */
function splitUnit(u: Unit): string[] {
  const out: string[] = [];
  let from = 0;
  const text = u.text;
  const cuts = new Set(u.breaks);
  for (let i = 0; i < text.length; i++) {
    if (cuts.has(i) && i > from) {
      out.push(text.slice(from, i).trim());
      from = i;
      continue;
    }
    const ch = text[i]!;
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    const rest = text.slice(i + 1);
    if (!/^["”»)]*\s+["„«(]?[A-ZÆØÅ0-9]/.test(rest)) continue;
    if (ch === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(from, i))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^[a-zæøå]$/i.test(word) || /^[a-zæøå]\.[a-zæøå]$/i.test(word)) continue;
    }
    const end = i + 1 + (/^["”»)]*/.exec(rest)?.[0].length ?? 0);
    out.push(text.slice(from, end).trim());
    from = end;
  }
  const last = text.slice(from).trim();
  if (last) out.push(last);
  return out.filter((s) => s !== '');
}

/** The sentences of one document, in order, with their context and their place in the folded text. */
export function splitDocument(doc: string, text: string): SplitDocument {
  const sentences: SourceSentence[] = [];
  let folded = '';
  let section: string | undefined;
  for (const u of units(text)) {
    if (u.kind === 'heading') section = u.text;
    const parts = u.kind === 'heading' ? [u.text] : splitUnit(u);
    parts.forEach((s, i) => {
      const f = foldForQuote(s);
      const context = u.kind === 'heading' ? [] : [...(u.lead ?? []), ...(i > 0 ? [parts[0]!] : [])];
      const sentence: SourceSentence = {
        doc,
        line: u.line,
        text: s,
        heading: u.kind === 'heading',
        context,
        lead: u.kind === 'item' && i === 0 ? (u.lead ?? []) : [],
        ...(section && u.kind !== 'heading' ? { section } : {}),
        folded: f,
        start: folded.length,
        end: folded.length + f.length,
      };
      folded += f;
      sentences.push(sentence);
    });
  }
  return { doc, sentences, folded };
}
