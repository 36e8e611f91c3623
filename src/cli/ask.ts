// `npm run --silent ask -- [--org midt|nord] [--date YYYY-MM-DD] [--lang da|en] [--json] "<question>"`
// `npm run --silent ask -- --json --batch <file.jsonl>`
// The public ask contract (../shared/spec/ask-contract.md). Exit 0 when every question got an answer
// object, 2 on bad usage or an unreadable file (reason on stderr).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Answer, AskOptions, OrgId } from '../assistant/answer';
import { Assistant } from '../assistant/assistant';
import { detectIntent } from '../assistant/intent';
import { loadConfig } from '../config';
import { loadGovernanceModel } from '../governance/load';
import { WhoDecidesEngine } from '../engine/who-decides';
import { openCliCaseAccess, type CliCaseAccess } from './case-access';

class UsageError extends Error {}

const USAGE = `usage: ask [--org midt|nord] [--date YYYY-MM-DD] [--lang da|en] [--json] "<question>"
       ask --json --batch <file.jsonl>`;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');
const Org = z.enum(['midt', 'nord']);
const Lang = z.enum(['da', 'en']);

export interface AskArgs {
  json: boolean;
  batch?: string;
  question?: string;
  opts: AskOptions;
}

export function parseArgs(argv: string[]): AskArgs {
  const out: AskArgs = { json: false, opts: {} };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string) => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--json') out.json = true;
    else if (a === '--batch') out.batch = value('--batch');
    else if (a === '--org') {
      const v = value('--org');
      const p = Org.safeParse(v);
      if (!p.success) throw new UsageError(`unknown --org "${v}": use midt or nord`);
      out.opts.org = p.data;
    } else if (a === '--date') {
      const v = value('--date');
      if (!IsoDate.safeParse(v).success) throw new UsageError(`bad --date "${v}": use a real date as YYYY-MM-DD`);
      out.opts.date = v;
    } else if (a === '--lang') {
      const v = value('--lang');
      const p = Lang.safeParse(v);
      if (!p.success) throw new UsageError(`unknown --lang "${v}": use da or en`);
      out.opts.lang = p.data;
    } else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (out.batch !== undefined) {
    if (rest.length > 0) throw new UsageError('give either --batch <file> or a question, not both');
  } else {
    if (rest.length === 0) throw new UsageError('no question given');
    out.question = rest.join(' ');
  }
  return out;
}

const BatchLine = z.object({ q: z.string(), org: Org.optional(), date: IsoDate.optional(), lang: Lang.optional() }).passthrough();

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function main(argv: string[]): Promise<number> {
  let args: AskArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${e.message === USAGE ? '' : `${USAGE}\n`}`);
      return 2;
    }
    throw e;
  }
  let lines: string[] | undefined;
  if (args.batch !== undefined) {
    try {
      lines = readFileSync(args.batch, 'utf8').split(/\r?\n/);
      if (lines.at(-1) === '') lines.pop();
    } catch (e) {
      process.stderr.write(`cannot read ${args.batch}: ${(e as Error).message}\n`);
      return 2;
    }
  }

  const config = loadConfig();
  const defaultOrg: OrgId = config.DEFAULT_ORG;
  const model = loadGovernanceModel();
  const engine = new WhoDecidesEngine(model, { org: defaultOrg, today });
  // The store is opened only when a case question needs it, so who-decides batches stay fast.
  let cases: CliCaseAccess | undefined;
  let assistant = new Assistant({ engine, defaultOrg, today });
  const answer = async (q: string, opts: AskOptions): Promise<Answer> => {
    const intent = detectIntent(q);
    if ((intent.kind === 'case_status' || intent.kind === 'pool_balance') && !cases) {
      cases = await openCliCaseAccess(config, model);
      assistant = new Assistant({ engine, defaultOrg, today, ...cases.ports });
    }
    if (cases?.remote && (intent.kind === 'case_status' || intent.kind === 'pool_balance')) return cases.remote(q, opts);
    return assistant.ask(q, { ...opts, intent });
  };

  try {
    if (lines) {
      const out: string[] = [];
      for (const line of lines) {
        let parsed: z.infer<typeof BatchLine> | undefined;
        try {
          const r = BatchLine.safeParse(JSON.parse(line));
          if (r.success) parsed = r.data;
        } catch {
          parsed = undefined;
        }
        if (!parsed) {
          out.push(JSON.stringify(badLine(defaultOrg, args.opts)));
          continue;
        }
        const a = await answer(parsed.q, { ...args.opts, ...(parsed.org ? { org: parsed.org } : {}), ...(parsed.date ? { date: parsed.date } : {}), ...(parsed.lang ? { lang: parsed.lang } : {}) });
        out.push(JSON.stringify(a));
      }
      process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
    } else {
      const a = await answer(args.question!, args.opts);
      process.stdout.write(args.json ? `${JSON.stringify(a)}\n` : `${humanText(a)}\n`);
    }
    return 0;
  } finally {
    await cases?.close();
  }
}

function badLine(org: OrgId, opts: AskOptions): Answer {
  return {
    status: 'out_of_scope',
    intent: 'unknown',
    deciders: [],
    org: opts.org ?? org,
    date: opts.date ?? today(),
    confidence: 0,
    sources: [],
    lang: opts.lang ?? 'da',
    text: 'invalid input line: expected a JSON object with a string field "q"',
  };
}

function humanText(a: Answer): string {
  const lines = [a.text];
  if (a.status === 'clarify' && a.choices) a.choices.forEach((c, i) => lines.push(`  ${i + 1}. ${c.label}`));
  if (a.status === 'answered' && a.intent === 'who_decides') lines.push(`(${a.lang === 'da' ? 'sikkerhed' : 'confidence'} ${a.confidence}, ${a.org}, ${a.date})`);
  return lines.join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`ask failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
