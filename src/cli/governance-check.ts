// `npm run governance:check`: validates the governance model files and prints a report for the
// person editing them. Exit 0 when the model is consistent, 1 when it is not.
import { inspectGovernanceModel, DEFAULT_MODEL_DIR, formatIssue } from '../governance/load';

const dir = process.argv[2] ?? DEFAULT_MODEL_DIR;
const { periods, issues } = inspectGovernanceModel(dir);
console.log(`Governance model in ${dir}`);
for (const p of periods) {
  console.log(
    `  ${p.id.padEnd(10)} ${p.validFrom} – ${p.validTo ?? 'open     '}  ${p.bodies.size} bodies, ` +
      `${p.matters.size} matters, ${p.processes.size} processes  (${p.file})`,
  );
}
if (issues.length === 0) {
  console.log(
    'OK: every rule names known bodies and carries a source whose quote occurs in its document; no periods overlap.',
  );
} else {
  console.log(`${issues.length} problem(s):`);
  for (const i of issues) console.log(`  ${formatIssue(i)}`);
  process.exitCode = 1;
}
