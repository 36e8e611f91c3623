// `npm run cases -- export > cases.json`, `npm run cases -- import cases.json`, `npm run seed`.
// Opens the same store as the bot. When the bot holds the embedded database, the request goes to
// the running bot's loopback endpoint instead (see src/http/internal-server.ts); without one, the
// command refuses with the reason. Exit status: 0 done, 1 refused (reasons on stderr), 2 bad usage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig, type Config } from '../config';
import { loadGovernanceModel } from '../governance/load';
import { seedDemoCasesIfEmpty } from '../cases/seed';
import { DatabaseInUseError, type LockInfo } from '../store/lock';
import { openCliCore } from './case-access';

const USAGE =
  'usage: npm run --silent cases -- export > cases.json | npm run cases -- import <cases.json> | npm run seed';

type Command = { kind: 'export' } | { kind: 'import'; file: string } | { kind: 'seed' };

function parseArgs(argv: string[]): Command | undefined {
  const [cmd, file, ...rest] = argv;
  if (rest.length > 0) return undefined;
  if (cmd === 'export' && !file) return { kind: 'export' };
  if (cmd === 'import' && file) return { kind: 'import', file };
  if (cmd === 'seed' && !file) return { kind: 'seed' };
  return undefined;
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

type Outcome =
  | { kind: 'exported'; text: string }
  | { kind: 'imported'; count: number }
  | { kind: 'refused'; problems: string[] }
  | { kind: 'seeded'; seeded: number };

async function runLocal(config: Config, cmd: Command, text: string | undefined): Promise<Outcome> {
  const core = await openCliCore(config, loadGovernanceModel());
  try {
    const service = core.cases;
    if (cmd.kind === 'export') return { kind: 'exported', text: await service.exportFile() };
    if (cmd.kind === 'import') {
      const r = await service.importFile(text!, basename(cmd.file));
      return r.kind === 'imported' ? r : { kind: 'refused', problems: r.problems };
    }
    // Asked for explicitly, so PostgreSQL too; still never into a database that has cases.
    const r = await seedDemoCasesIfEmpty(core.repos.cases);
    return { kind: 'seeded', seeded: r.seeded };
  } finally {
    await core.store.close();
  }
}

/** The running bot's answer, with its reason: "answered HTTP 503" alone says nothing. */
async function endpointError(holder: LockInfo, res: Response): Promise<Error> {
  let reason = '';
  try {
    const body = (await res.json()) as { reason?: unknown };
    if (typeof body.reason === 'string') reason = `: ${body.reason.slice(0, 2000)}`;
  } catch {
    /* no JSON body: the status is all there is */
  }
  return new Error(`the running bot (process ${holder.pid}) answered HTTP ${res.status}${reason}`);
}

async function runRemote(holder: LockInfo, cmd: Command, text: string | undefined): Promise<Outcome> {
  const internal = holder.internal!;
  const headers = { authorization: `Bearer ${internal.token}`, 'content-type': 'application/json' };
  if (cmd.kind === 'export') {
    const res = await fetch(`${internal.url}/internal/cases/export`, { headers });
    if (!res.ok) throw await endpointError(holder, res);
    return { kind: 'exported', text: ((await res.json()) as { text: string }).text };
  }
  const path = cmd.kind === 'import' ? 'import' : 'seed';
  const body = cmd.kind === 'import' ? JSON.stringify({ text, fileName: basename(cmd.file) }) : '{}';
  const res = await fetch(`${internal.url}/internal/cases/${path}`, { method: 'POST', headers, body });
  if (res.status !== 200 && res.status !== 422) throw await endpointError(holder, res);
  const r = (await res.json()) as { kind: string; count?: number; problems?: string[]; seeded?: number };
  if (r.kind === 'imported') return { kind: 'imported', count: r.count ?? 0 };
  if (r.kind === 'refused') return { kind: 'refused', problems: r.problems ?? [] };
  return { kind: 'seeded', seeded: r.seeded ?? 0 };
}

export async function runCasesCli(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
  config: Config = loadConfig(),
): Promise<number> {
  const cmd = parseArgs(argv);
  if (!cmd) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  let text: string | undefined;
  if (cmd.kind === 'import') {
    try {
      text = readFileSync(cmd.file, 'utf8');
    } catch (e) {
      io.err(`cannot read ${cmd.file}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let outcome: Outcome;
  try {
    outcome = await runLocal(config, cmd, text);
  } catch (e) {
    if (!(e instanceof DatabaseInUseError)) throw e;
    if (!e.holder.internal) {
      io.err(`${e.message}\nThe running process offers no local endpoint; stop it and run the command again.\n`);
      return 1;
    }
    try {
      outcome = await runRemote(e.holder, cmd, text);
    } catch (remote) {
      io.err(`${(remote as Error).message}\n`);
      return 1;
    }
  }
  switch (outcome.kind) {
    case 'exported':
      io.out(outcome.text);
      return 0;
    case 'imported':
      io.err(`imported ${outcome.count} case(s)\n`);
      return 0;
    case 'seeded':
      io.err(
        outcome.seeded > 0 ? `seeded ${outcome.seeded} demo case(s)\n` : 'not seeded: the database already has cases\n',
      );
      return 0;
    case 'refused':
      io.err(`refused, nothing imported:\n${outcome.problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
  }
}

if (require.main === module) {
  runCasesCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`cases: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
