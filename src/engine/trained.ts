// The trained engine for a governance model: read from the model file when it was trained from
// exactly these inputs, else trained now (deterministically) and written for the next start.
// Training is in two parts: the fit (calibrator, thresholds, cross-validated figures), which needs
// one classifier per question file and is kept in data/engine/fit.json, and the final classifier,
// which the build trains from all questions. When the kept fit is current only the second part runs.
import type { GovernanceModel } from '../governance/load';
import { readTrainingFiles, type Example } from './dataset';
import { readFit, writeFit, FIT_FILE } from './fit-file';
import { inputsHash, MODEL_FILE, readModelFile, writeModelFile, type TrainedEngine } from './model-file';
import { modelPhrases } from './model-phrases';
import { StatementCatalogue } from './statements';
import { decide } from './decide';
import { isRight, type LabelledQuestion } from './labelled';
import { DEFAULT_TRAINING, outcomeStatus, train, trainFinal, type TrainResult } from './train';

/** A question the cross-validation got wrong: what a person reads to find the engine's weak spots. */
export interface CvMiss {
  id: string;
  file: string;
  q: string;
  expect: unknown;
  status: string;
  deciders: string[];
  /** The statement (or "refuse") the question was mapped to for training. */
  label: string | null;
  how: MissKind;
}

export type MissKind = 'out of scope answered' | 'wrong but answered' | 'asked back' | 'refused in scope';

/** How a wrong answer went wrong, in the words of the reported figures. */
export function missKind(expect: LabelledQuestion['expect'], status: string): MissKind {
  if (expect === 'not_answered') return 'out of scope answered';
  return status === 'answered' ? 'wrong but answered' : status === 'clarify' ? 'asked back' : 'refused in scope';
}

function cvMisses(r: TrainResult): CvMiss[] {
  const out: CvMiss[] = [];
  for (const row of r.cv.rows) {
    const o = outcomeStatus(decide(row.reading, r.calibrator, r.thresholds));
    const q = row.question;
    if (isRight(q.expect, o.status, o.deciders)) continue;
    const how = missKind(q.expect, o.status);
    out.push({ id: q.id, file: q.file, q: q.q, expect: q.expect, ...o, label: row.example.label ?? null, how });
  }
  return out;
}

export interface TrainOptions {
  /** Fit the calibration afresh even when data/engine/fit.json is current (`npm run engine:train`). */
  refit?: boolean;
  fitPath?: string;
}

export function trainEngine(
  model: GovernanceModel,
  log: (m: string) => void = () => {},
  options: TrainOptions = {},
): TrainedEngine & { examples: Example[]; refitted: boolean; cvMisses?: CvMiss[] } {
  const questions = readTrainingFiles();
  const inputs = inputsHash(model);
  const kept = options.refit ? undefined : readFit(options.fitPath);
  if (kept && kept.inputs === inputs) {
    const where = FIT_FILE.replace(/^.*\/data\//, 'data/');
    log(`  calibration and thresholds from ${where} (current); training the final classifier`);
    const r = trainFinal(model, questions, DEFAULT_TRAINING, kept.mappings);
    return {
      examples: r.examples,
      inputs,
      classifier: r.classifier,
      calibrator: kept.calibrator,
      thresholds: kept.thresholds,
      summary: kept.summary,
      refitted: false,
    };
  }
  if (!options.refit)
    log(`  ${kept ? 'the kept fit is out of date' : 'no kept fit'}: cross-validating to fit the calibration (minutes)`);
  const r = train(model, questions, DEFAULT_TRAINING, log);
  const mapped = r.examples.filter((e) => e.mapping.kind === 'statement').length;
  const refuse = r.examples.filter((e) => e.mapping.kind === 'refuse').length;
  const summary = {
    trainedOn: {
      questions: questions.length,
      mapped,
      refuse,
      review: questions.length - mapped - refuse,
      phrases: modelPhrases(model.periods, new StatementCatalogue(model.periods)).length,
    },
    cv: r.cv.figures,
    cvPerFile: r.cv.perFile,
    cvAnswerable: r.cv.answerable,
  };
  writeFit(
    {
      inputs,
      calibrator: r.calibrator,
      thresholds: r.thresholds,
      summary,
      mappings: r.examples.map((e) => e.mapping),
    },
    options.fitPath,
  );
  return {
    examples: r.examples,
    inputs,
    classifier: r.classifier,
    calibrator: r.calibrator,
    thresholds: r.thresholds,
    summary,
    refitted: true,
    cvMisses: cvMisses(r),
  };
}

/** The engine trained for this model: the model file if it is up to date, else a fresh training (written back). */
export function trainedEngineFor(
  model: GovernanceModel,
  log: (m: string) => void = (m) => process.stderr.write(`${m}\n`),
  path = MODEL_FILE,
): TrainedEngine {
  const hash = inputsHash(model);
  const file = readModelFile(path);
  if (file && file.inputs === hash) return file;
  log(`who-decides engine: ${file ? 'the model file is out of date' : 'no model file yet'}; training ...`);
  const t = trainEngine(model, log);
  try {
    writeModelFile(t, path);
  } catch (e) {
    log(`who-decides engine: could not write ${path}: ${(e as Error).message}`);
  }
  return t;
}
