// `npm run --silent ask -- [--org midt|nord] [--date YYYY-MM-DD] [--lang da|en] [--json] "<question>"`
// `npm run --silent ask -- --json --batch <file.jsonl>`
// The public ask contract (docs/ask-contract.md). Exit 0 when every question got an answer
// object, 2 on bad usage or an unreadable file (reason on stderr).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RealIsoDate } from '../common/dates';
import type { Answer, AskOptions, OrgId } from '../assistant/answer';
import { Assistant } from '../assistant/assistant';
import { detectIntent } from '../assistant/intent';
import { loadConfig } from '../config';
import { loadGovernanceModel } from '../governance/load';
import { WhoDecidesEngine } from '../engine/who-decides';
import { openCliCaseAccess, type CliCaseAccess } from './case-access';
import { systemClock } from '../common/clock';
import { texts } from '../texts/catalogue';

class UsageError extends Error {}

const USAGE = `usage: ask [--org midt|nord] [--date YYYY-MM-DD] [--lang da|en] [--json] "<question>"
       ask --json --batch <file.jsonl>`;

const IsoDate = RealIsoDate;
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

/** `null` means "not given", like a missing field; other fields are ignored. */
const BatchLine = z
  .object({ q: z.string(), org: Org.nullish(), date: IsoDate.nullish(), lang: Lang.nullish() })
  .passthrough();

/** Today in Copenhagen, the date users live by (the one clock). */
const today = () => systemClock.today();

/** Parses one batch line into options, or says which field is wrong. */
export function parseBatchLine(
  line: string,
): { ok: true; q: string; opts: AskOptions } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message})` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, reason: 'expected a JSON object such as {"q": "..."}' };
  const r = BatchLine.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || 'q';
    const reason =
      field === 'q'
        ? 'a question is required as a string'
        : field === 'org'
          ? 'use "midt", "nord" or null'
          : field === 'lang'
            ? 'use "da", "en" or null'
            : field === 'date'
              ? 'use a real date as YYYY-MM-DD, or null'
              : issue.message;
    return { ok: false, reason: `field "${field}": ${reason}` };
  }
  const { q, org, date, lang } = r.data;
  return { ok: true, q, opts: { ...(org ? { org } : {}), ...(date ? { date } : {}), ...(lang ? { lang } : {}) } };
}

/**
 * Writes to stdout respecting back-pressure and resolves once the data has been handed to the
 * operating system, so that exiting afterwards never cuts output a slow reader has not taken yet.
 */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
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
    if (cases?.remote && (intent.kind === 'case_status' || intent.kind === 'pool_balance'))
      return cases.remote(q, opts);
    return assistant.ask(q, { ...opts, intent });
  };

  try {
    if (lines) {
      // Answers go out in chunks as they are computed; each chunk waits for the reader.
      let chunk: string[] = [];
      for (let i = 0; i < lines.length; i++) {
        const parsed = parseBatchLine(lines[i]!);
        const a = parsed.ok
          ? await answer(parsed.q, { ...args.opts, ...parsed.opts })
          : badLine(defaultOrg, args.opts, i + 1, parsed.reason);
        chunk.push(args.json ? JSON.stringify(a) : humanText(a));
        if (chunk.length >= 200) {
          await writeOut(`${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length > 0) await writeOut(`${chunk.join('\n')}\n`);
    } else {
      const a = await answer(args.question!, args.opts);
      await writeOut(args.json ? `${JSON.stringify(a)}\n` : `${humanText(a)}\n`);
    }
    return 0;
  } finally {
    await cases?.close();
  }
}

function badLine(org: OrgId, opts: AskOptions, lineNo: number, reason: string): Answer {
  return {
    status: 'out_of_scope',
    intent: 'unknown',
    deciders: [],
    org: opts.org ?? org,
    date: opts.date ?? today(),
    confidence: 0,
    sources: [],
    lang: opts.lang ?? 'da',
    text: `invalid input line ${lineNo}: ${reason}`,
  };
}

function humanText(a: Answer): string {
  const lines = [a.text];
  if (a.status === 'clarify' && a.choices) a.choices.forEach((c, i) => lines.push(`  ${i + 1}. ${c.label}`));
  if (a.status === 'answered' && a.intent === 'who_decides')
    lines.push(`(${texts(a.lang).assistant.confidence} ${a.confidence}, ${a.org}, ${a.date})`);
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
