// `npm run engine:train [-- --if-stale]`: trains the who-decides engine from the labelled questions
// and the governance model, writes the model file the engine loads (build/engine/) and the fit
// (calibration, thresholds, cross-validated figures: data/engine/fit.json, kept in git), prints the
// mapping statistics and the cross-validated figures, and lists the questions that need review
// (build/engine/review.jsonl). With --if-stale (the build: pretest, prestart) it does nothing when the
// model file is up to date, and trains only the final classifier when the kept fit is current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadGovernanceModel } from '../../governance/load';
import { inputsHash, MODEL_FILE, readModelFile, writeModelFile } from '../model-file';
import { formatFigures } from '../scoring';
import { trainEngine } from '../trained';

function main(argv: string[]): number {
  const model = loadGovernanceModel();
  if (argv.includes('--if-stale')) {
    const file = readModelFile();
    if (file && file.inputs === inputsHash(model)) {
      process.stderr.write(`who-decides engine: ${MODEL_FILE.replace(/^.*\/build\//, 'build/')} is up to date\n`);
      return 0;
    }
  }
  const t0 = Date.now();
  const trained = trainEngine(model, (m) => process.stderr.write(`${m}\n`), {
    refit: !argv.includes('--if-stale'),
  });
  writeModelFile(trained);
  const s = trained.summary;
  const lines = [
    `trained in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${s.trainedOn.questions} questions ` +
      `(${s.trainedOn.mapped} mapped to a statement, ${s.trainedOn.refuse} to refuse, ` +
      `${s.trainedOn.review} for review) and ${s.trainedOn.phrases} phrases from the model`,
    `thresholds (fitted on the held-out folds): answer from ${trained.thresholds.answer}, ask back ` +
      `from ${trained.thresholds.clarify} within ${trained.thresholds.clarifyGap}`,
    trained.refitted
      ? 'calibration fitted now and written to data/engine/fit.json: commit it with the change that caused it'
      : 'calibration, thresholds and the figures below from the kept fit data/engine/fit.json',
    '',
    formatFigures('cross-validation grouped by file (each file read by a classifier trained on the others):', s.cv),
    '',
    formatFigures(
      'the same, for the questions the model can answer (mapped to a statement, or to refuse):',
      s.cvAnswerable,
    ),
    '',
    'per file:',
    ...Object.entries(s.cvPerFile).map(
      ([f, x]) =>
        `  ${f.padEnd(20)} ${String(x.n).padStart(4)}  ${x.right_pct.toFixed(1).padStart(5)} % ` +
        `right, in scope ${x.in_scope_right_pct.toFixed(1)} %, out of scope answered ${x.out_of_scope_answered}`,
    ),
  ];
  // After a refit, the questions the cross-validation got wrong (build/engine/cv-misses.jsonl).
  if (trained.cvMisses) {
    const missFile = join(dirname(MODEL_FILE), 'cv-misses.jsonl');
    mkdirSync(dirname(missFile), { recursive: true });
    writeFileSync(missFile, trained.cvMisses.map((m) => `${JSON.stringify(m)}\n`).join(''));
  }
  // The questions the mapping could not place, with the reason, for a person to review.
  const examples = trained.examples;
  const review = examples.filter((e) => e.mapping.kind === 'review');
  const reviewFile = join(dirname(MODEL_FILE), 'review.jsonl');
  mkdirSync(dirname(reviewFile), { recursive: true });
  writeFileSync(
    reviewFile,
    review
      .map((e) =>
        JSON.stringify({
          id: e.question.id,
          file: e.question.file,
          q: e.question.q,
          expect: e.question.expect,
          quote: e.question.why?.quote ?? null,
          reason: e.mapping.kind === 'review' ? e.mapping.reason : '',
          unknownBodies: e.mapping.kind === 'review' ? e.mapping.unknownBodies : [],
        }),
      )
      .join('\n') + '\n',
  );
  const reasons = new Map<string, number>();
  for (const e of review)
    if (e.mapping.kind === 'review')
      reasons.set(
        e.mapping.reason.replace(/ \(.*\)$/, ''),
        (reasons.get(e.mapping.reason.replace(/ \(.*\)$/, '')) ?? 0) + 1,
      );
  lines.push(
    '',
    `${review.length} questions need review (listed in build/engine/review.jsonl):`,
    ...[...reasons.entries()].map(([r, n]) => `  ${String(n).padStart(4)}  ${r}`),
  );
  const unknown = review.filter((e) => e.mapping.kind === 'review' && e.mapping.unknownBodies.length > 0);
  lines.push(
    `  of them ${unknown.length} expect a body id the model does not have ` +
      `(${[...new Set(unknown.flatMap((e) => (e.mapping.kind === 'review' ? e.mapping.unknownBodies : [])))]
        .sort()
        .join(', ')})`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
