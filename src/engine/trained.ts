// The trained engine for a governance model: read from the model file when it was trained from
// exactly these inputs, else trained now (deterministically) and written for the next start.
import type { GovernanceModel } from '../governance/load';
import { readTrainingFiles, type Example } from './dataset';
import { inputsHash, MODEL_FILE, readModelFile, writeModelFile, type TrainedEngine } from './model-file';
import { modelPhrases } from './model-phrases';
import { StatementCatalogue } from './statements';
import { DEFAULT_TRAINING, train } from './train';

export function trainEngine(
  model: GovernanceModel,
  log: (m: string) => void = () => {},
): TrainedEngine & { examples: Example[] } {
  const questions = readTrainingFiles();
  const r = train(model, questions, DEFAULT_TRAINING, log);
  const mapped = r.examples.filter((e) => e.mapping.kind === 'statement').length;
  const refuse = r.examples.filter((e) => e.mapping.kind === 'refuse').length;
  return {
    examples: r.examples,
    inputs: inputsHash(model),
    classifier: r.classifier,
    calibrator: r.calibrator,
    thresholds: r.thresholds,
    summary: {
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
    },
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
  log(
    `who-decides engine: ${file ? 'the model file is out of date' : 'no model file yet'}; training (a few minutes) ...`,
  );
  const t = trainEngine(model, log);
  try {
    writeModelFile(t, path);
  } catch (e) {
    log(`who-decides engine: could not write ${path}: ${(e as Error).message}`);
  }
  return t;
}
