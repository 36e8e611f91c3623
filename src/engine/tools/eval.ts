// `npm run --silent eval:who-decides -- <file.jsonl> [--date YYYY-MM-DD]`: scores a question file
// as the ask contract does, through the same assistant as `ask` (fields `org` and `date` of each
// line are its ask options). Prints per category n and right %, then the overall figures; the last
// line is one JSON object with the same figures. Categories: a line's own `cat` list, else derived
// from its language, organisation, period and style (see scoring.ts). `--misses <out.jsonl>` also
// writes every question the engine got wrong, with its categories and how it went wrong.
import { z } from 'zod';
import { Assistant } from '../../assistant/assistant';
import { loadConfig } from '../../config';
import { localDate } from '../../approvals/working-days';
import { loadGovernanceModel } from '../../governance/load';
import { isRight, readLabelled, LabelledFileError } from '../labelled';
import { writeFileSync } from 'node:fs';
import { readTrainingFiles } from '../dataset';
import { categoriesOf, figures, formatFigures, rareBodiesOf, type Scored } from '../scoring';
import { missKind } from '../trained';
import { WhoDecidesEngine } from '../who-decides';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let today = localDate(new Date());
  let missesFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--misses' && argv[i + 1]) missesFile = argv[++i];
    else if (argv[i] === '--date') {
      const d = IsoDate.safeParse(argv[++i]);
      if (!d.success) {
        process.stderr.write('--date needs YYYY-MM-DD\n');
        return 2;
      }
      today = d.data;
    } else files.push(argv[i]!);
  }
  if (files.length !== 1) {
    process.stderr.write(
      'usage: eval:who-decides -- <file.jsonl> [--date YYYY-MM-DD (what "today" is; default: today)] ' +
        '[--misses <out.jsonl>]\n',
    );
    return 2;
  }
  let questions: ReturnType<typeof readLabelled>;
  try {
    questions = readLabelled(files[0]!);
  } catch (e) {
    process.stderr.write(
      `${e instanceof LabelledFileError ? e.message : `cannot read ${files[0]}: ${(e as Error).message}`}\n`,
    );
    return 2;
  }
  const config = loadConfig();
  const model = loadGovernanceModel();
  const engine = new WhoDecidesEngine(model, { org: config.DEFAULT_ORG, today: () => today });
  const assistant = new Assistant({ engine, defaultOrg: config.DEFAULT_ORG, today: () => today });
  const known = new Set(model.periods.flatMap((p) => [...p.bodies.keys()]));
  const rows: Scored[] = [];
  let unknownBodies = 0;
  let unknownRight = 0;
  for (const q of questions) {
    const a = await assistant.ask(q.q, { ...(q.org ? { org: q.org } : {}), ...(q.date ? { date: q.date } : {}) });
    const row: Scored = {
      question: q,
      status: a.status,
      deciders: a.deciders,
      org: a.org,
      ...(a.detail ? { period: a.detail.period.id } : periodOf(model, a.org, a.date)),
    };
    rows.push(row);
    if (q.expect !== 'not_answered' && q.expect.every((set) => set.some((b) => !known.has(b)))) {
      unknownBodies++;
      if (
        a.status === 'answered' &&
        q.expect.some((e) => e.length === a.deciders.length && e.every((b) => a.deciders.includes(b)))
      )
        unknownRight++;
    }
  }
  const rare = rareBodiesOf(readTrainingFiles());
  const f = figures(rows, rare);
  if (missesFile) writeFileSync(missesFile, missesOf(rows, rare));
  process.stdout.write(`${formatFigures(`${files[0]}: ${rows.length} questions (today = ${today})`, f)}\n`);
  process.stdout.write(
    `questions expecting only body ids the model does not have: ${unknownBodies} (${unknownRight} right)\n`,
  );
  process.stdout.write(`${JSON.stringify({ file: files[0], ...f, unknown_body_questions: unknownBodies })}\n`);
  return 0;
}

/** One JSON line per wrong answer: the question, what was expected, what came, and how it failed. */
function missesOf(rows: Scored[], rare: ReadonlySet<string>): string {
  return rows
    .filter((r) => !isRight(r.question.expect, r.status, r.deciders))
    .map((r) => {
      const q = r.question;
      const how = missKind(q.expect, r.status);
      const miss = { id: q.id, q: q.q, expect: q.expect, status: r.status, deciders: r.deciders, period: r.period };
      return `${JSON.stringify({ ...miss, how, cat: categoriesOf(r, rare) })}\n`;
    })
    .join('');
}

function periodOf(
  model: ReturnType<typeof loadGovernanceModel>,
  org: 'midt' | 'nord',
  date: string,
): { period?: string } {
  const p = model.periodAt(org, date);
  return p ? { period: p.id } : {};
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`eval failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
