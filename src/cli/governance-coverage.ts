// `npm run governance:coverage`: every sentence of docs/sources that gives a body a power or a duty,
// with the statement of the model that carries it or the reason it is no rule. Exit 0 when every
// such sentence is carried or excluded and every exclusion still matches a sentence; 1 otherwise.
//   --missing            print only what is missing and the problems (and the summary)
//   --json               the whole report as JSON
//   --model DIR          another copy of the model files (default src/governance/data)
//   --exclusions FILE    another exclusions file (default src/governance/coverage-exclusions.yaml)
import { coverage, type CoverageEntry, type CoverageOptions } from '../governance/coverage';

const USAGE = 'usage: npm run governance:coverage -- [--missing] [--json] [--model DIR] [--exclusions FILE]';
const args = process.argv.slice(2);
const opts: CoverageOptions = {};
const flags = new Set<string>();
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--missing' || a === '--json') flags.add(a);
  else if ((a === '--model' || a === '--exclusions') && args[i + 1]) {
    if (a === '--model') opts.modelDir = args[++i]!;
    else opts.exclusionsFile = args[++i]!;
  } else {
    console.error(`unknown or incomplete argument: ${a}\n${USAGE}`);
    process.exit(2);
  }
}
let report: ReturnType<typeof coverage>;
try {
  report = coverage(opts);
} catch (e) {
  console.error(`cannot read the model or the exclusions: ${(e as Error).message}`);
  process.exit(2);
}
const missing = report.documents.flatMap((d) => d.entries.filter((e) => e.status === 'missing'));
if (flags.has('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const line = (e: CoverageEntry): string[] => {
    const s = e.finding.sentence;
    const head = `  ${s.doc.slice(0, 3)}:${String(s.line).padEnd(4)} ${e.status.toUpperCase().padEnd(8)} ${s.text}`;
    if (e.status === 'excluded') return [head, `             ${e.exclusion!.category}: ${e.exclusion!.reason}`];
    if (e.status === 'carried') return [head, ...e.carriers.map((c) => `             ${c.file} ${c.path}`)];
    const near = e.carriers.length
      ? ` (only ${e.carriers.map((c) => `${c.file} ${c.path}`).join(', ')}, which says who sits on a ` +
        `body; a power needs a rule)`
      : '';
    return [
      head,
      `             no rule quotes it; cues: ${e.finding.cues.map((c) => c.text).join(', ')}; ` +
        `bodies: ${e.finding.bodies.join(', ')}${near}`,
    ];
  };
  for (const d of report.documents) {
    const shown = flags.has('--missing') ? d.entries.filter((e) => e.status === 'missing') : d.entries;
    console.log(`${d.doc}: ${d.sentences} sentences, ${d.entries.length} give a body a power or duty`);
    for (const e of shown) console.log(line(e).join('\n'));
  }
  console.log('\nSummary');
  for (const d of report.documents) {
    const n = (s: CoverageEntry['status']) => d.entries.filter((e) => e.status === s).length;
    console.log(
      `  ${d.doc}: found ${d.entries.length}, carried ${n('carried')}, excluded ${n('excluded')}, ` +
        `missing ${n('missing')}`,
    );
  }
  const byCategory = new Map<string, number>();
  for (const e of report.documents.flatMap((d) => d.entries))
    if (e.exclusion) byCategory.set(e.exclusion.category, (byCategory.get(e.exclusion.category) ?? 0) + 1);
  if (byCategory.size) console.log(`  excluded by reason: ${[...byCategory].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const p of report.problems) console.log(`  PROBLEM: ${p}`);
  console.log(
    missing.length === 0 && report.problems.length === 0
      ? 'OK: every power or duty in the documents is a rule of the model or excluded with a reason.'
      : `${missing.length} sentence(s) missing, ${report.problems.length} problem(s).`,
  );
}
if (missing.length > 0 || report.problems.length > 0) process.exitCode = 1;
