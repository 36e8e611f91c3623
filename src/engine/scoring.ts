// Scoring a set of answered questions the way the ask contract does, with the figures the project
// reports: per category n and right %, and overall right %, in-scope right %, out-of-scope questions
// answered, wrong-but-answered %, clear questions asked back %, refused in-scope %.
import { readLang } from './question';
import { isRight, type LabelledQuestion } from './labelled';

export interface Scored {
  question: LabelledQuestion;
  status: string;
  deciders: readonly string[];
  /** The organisation and period the engine answered for (for the derived categories). */
  org: string;
  period?: string;
}

/**
 * The categories a question is reported under: its own `cat` list if it has one; otherwise from
 * its language, organisation, period and style. "rare-body" is a question whose expected bodies
 * include one that the training data rarely expects (`rareBodies`).
 */
export function categoriesOf(s: Scored, rareBodies: ReadonlySet<string>): string[] {
  const q = s.question;
  if (q.cat && q.cat.length > 0) return q.cat;
  const out: string[] = [];
  const lang = q.lang ?? readLang(q.q) ?? 'da';
  out.push(lang === 'da' ? 'danish' : 'english');
  if (s.org === 'nord') out.push('nordjylland');
  if (s.period === 'midt-2015' || s.period === 'midt-2016') out.push('midt-2015/2016');
  if (q.style === 'busy' || q.style === 'misspelt') out.push('informal/misspelt');
  if (
    q.style === 'rare_body' ||
    (q.expect !== 'not_answered' && q.expect.some((set) => set.some((b) => rareBodies.has(b))))
  )
    out.push('rare-body');
  if (q.expect === 'not_answered') out.push('out-of-scope');
  return out;
}

/** Bodies that at most `share` of the in-scope training questions expect: the rarely named ones. */
export function rareBodiesOf(questions: LabelledQuestion[], share = 0.02): Set<string> {
  const count = new Map<string, number>();
  let n = 0;
  for (const q of questions) {
    if (q.expect === 'not_answered') continue;
    n++;
    for (const b of new Set(q.expect.flat())) count.set(b, (count.get(b) ?? 0) + 1);
  }
  return new Set([...count.entries()].filter(([, c]) => c <= share * n).map(([b]) => b));
}

export interface Figures {
  n: number;
  right_pct: number;
  in_scope_right_pct: number;
  out_of_scope_answered: number;
  wrong_but_answered_pct: number;
  clear_asked_back_pct: number;
  refused_in_scope_pct: number;
  categories: Record<string, { n: number; right_pct: number }>;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((1000 * a) / b) / 10);

export function figures(rows: Scored[], rareBodies: ReadonlySet<string>): Figures {
  let right = 0;
  let inScope = 0;
  let inRight = 0;
  let oosAnswered = 0;
  let wrongAnswered = 0;
  let askedBack = 0;
  let refused = 0;
  const cats = new Map<string, { n: number; right: number }>();
  for (const s of rows) {
    const ok = isRight(s.question.expect, s.status, s.deciders);
    if (ok) right++;
    if (s.question.expect === 'not_answered') {
      if (s.status === 'answered') oosAnswered++;
    } else {
      inScope++;
      if (ok) inRight++;
      else if (s.status === 'answered') wrongAnswered++;
      else if (s.status === 'clarify') askedBack++;
      else refused++;
    }
    for (const c of categoriesOf(s, rareBodies)) {
      const e = cats.get(c) ?? { n: 0, right: 0 };
      e.n++;
      if (ok) e.right++;
      cats.set(c, e);
    }
  }
  return {
    n: rows.length,
    right_pct: pct(right, rows.length),
    in_scope_right_pct: pct(inRight, inScope),
    out_of_scope_answered: oosAnswered,
    wrong_but_answered_pct: pct(wrongAnswered, rows.length),
    clear_asked_back_pct: pct(askedBack, inScope),
    refused_in_scope_pct: pct(refused, inScope),
    categories: Object.fromEntries(
      [...cats.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([c, e]) => [c, { n: e.n, right_pct: pct(e.right, e.n) }]),
    ),
  };
}

/** The figures as a person reads them (the last line is the JSON object). */
export function formatFigures(title: string, f: Figures): string {
  const lines = [title, 'category                 n   right %'];
  for (const [c, e] of Object.entries(f.categories))
    lines.push(`${c.padEnd(22)} ${String(e.n).padStart(5)}   ${e.right_pct.toFixed(1).padStart(6)}`);
  lines.push(
    `overall: ${f.right_pct.toFixed(1)} % right of ${f.n}; in scope ` +
      `${f.in_scope_right_pct.toFixed(1)} % right; out of scope answered ${f.out_of_scope_answered}; ` +
      `wrong but answered ${f.wrong_but_answered_pct.toFixed(1)} %; clear questions asked back ` +
      `${f.clear_asked_back_pct.toFixed(1)} %; refused in scope ${f.refused_in_scope_pct.toFixed(1)} %`,
  );
  return lines.join('\n');
}
