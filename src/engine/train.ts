// Training: map the labelled questions to the model's statements, cross-validate grouped by file
// (train on the other files, read the held-out file), fit the confidence calibrator and its
// thresholds on those held-out readings, and train the final classifier on everything.
import type { GovernanceModel } from '../governance/load';
import { fitCalibrator, type Calibrator } from './calibrate';
import { DEFAULT_CLASSIFIER, TextClassifier, type ClassifierSettings } from './classifier';
import { buildExamples, labelOf, type Example } from './dataset';
import type { Mapping } from './mapping';
import { calibratorInput, decide, type Outcome, type Reading, type Thresholds } from './decide';
import { isRight, type LabelledQuestion } from './labelled';
import { modelPhrases } from './model-phrases';
import { documentsPresent } from './period';
import { QuestionReader } from './reader';
import { figures, rareBodiesOf, type Figures } from './scoring';
import { REFUSE, sameSet, StatementCatalogue } from './statements';

/**
 * What a mistake costs when thresholds are fitted, in right answers: the thresholds maximise
 * (right answers) − (cost × mistakes). An out-of-scope question answered is the costliest mistake;
 * asking back about a clear question costs less than a wrong answer.
 */
export const MISTAKE_COST = { outOfScopeAnswered: 3, wrongAnswer: 1 };
/** At most this share of clear (in-scope) questions may be asked back. */
export const MAX_ASKED_BACK = 0.03;

export interface TrainSettings {
  classifier: ClassifierSettings;
}

export const DEFAULT_TRAINING: TrainSettings = { classifier: DEFAULT_CLASSIFIER };

export interface CvRow {
  question: LabelledQuestion;
  example: Example;
  reading: Reading;
  org: string;
  periods: string[];
}

export interface TrainResult {
  classifier: TextClassifier;
  calibrator: Calibrator;
  thresholds: Thresholds;
  examples: Example[];
  cv: {
    rows: CvRow[];
    figures: Figures;
    perFile: Record<string, Figures>;
    answerable: Figures;
    unknownBodies: { n: number; right: number };
  };
}

export function outcomeStatus(o: Outcome): { status: 'answered' | 'clarify' | 'out_of_scope'; deciders: string[] } {
  if (o.kind === 'answer') return { status: 'answered', deciders: o.best.statement.bodies };
  if (o.kind === 'clarify' || o.kind === 'other-period') return { status: 'clarify', deciders: [] };
  return { status: 'out_of_scope', deciders: [] };
}

function trainClassifier(
  examples: Example[],
  phrases: Array<{ text: string; label: string }>,
  s: ClassifierSettings,
): TextClassifier {
  const used = examples.filter((e) => e.label !== undefined);
  return TextClassifier.train(
    [...used.map((e) => e.question.q), ...phrases.map((p) => p.text)],
    [...used.map((e) => e.label!), ...phrases.map((p) => p.label)],
    s,
  );
}

/** Held-out readings of every question, each file read by a classifier trained on the other files. */
export function crossValidate(
  model: GovernanceModel,
  examples: Example[],
  catalogue: StatementCatalogue,
  s: ClassifierSettings,
  log: (m: string) => void = () => {},
): CvRow[] {
  const phrases = modelPhrases(model.periods, catalogue);
  const reader = new QuestionReader(model, catalogue);
  const today = documentsPresent(model.periods);
  const files = [...new Set(examples.map((e) => e.question.file))].sort();
  const rows: CvRow[] = [];
  for (const file of files) {
    const clf = trainClassifier(
      examples.filter((e) => e.question.file !== file),
      phrases,
      s,
    );
    for (const example of examples.filter((e) => e.question.file === file)) {
      const q = example.question;
      const r = reader.read(
        clf,
        q.q,
        { ...(q.org ? { org: q.org } : {}), ...(q.date ? { date: q.date } : {}) },
        { org: 'midt', today },
      );
      rows.push({
        question: q,
        example,
        reading: r.reading,
        org: r.choice.org,
        periods: r.choice.periods.map((p) => p.id),
      });
    }
    log(`  cross-validation: ${file} read by a classifier trained on the other files`);
  }
  return rows;
}

/**
 * Rows that say something about the decision: mapped questions and questions to refuse (not those whose statement the
 * model lacks).
 */
function fittable(rows: CvRow[]): CvRow[] {
  return rows.filter((r) => r.example.label !== undefined);
}

export function fitCalibratorOn(rows: CvRow[]): Calibrator {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const row of fittable(rows)) {
    const best = row.reading.inPeriod[0];
    if (!best) continue;
    const rival = row.reading.inPeriod.find((c) => !sameSet(c.statement.bodies, best.statement.bodies));
    xs.push(calibratorInput(best, rival, row.reading));
    ys.push(isRight(row.question.expect, 'answered', best.statement.bodies) ? 1 : 0);
  }
  return fitCalibrator(xs, ys);
}

function gain(rows: CvRow[], cal: Calibrator, th: Thresholds): { gain: number; askedBack: number; inScope: number } {
  let g = 0;
  let askedBack = 0;
  let inScope = 0;
  for (const row of rows) {
    const o = decide(row.reading, cal, th);
    const { status, deciders } = outcomeStatus(o);
    const oos = row.question.expect === 'not_answered';
    if (!oos) inScope++;
    if (isRight(row.question.expect, status, deciders)) g += 1;
    else if (status === 'answered') g -= oos ? MISTAKE_COST.outOfScopeAnswered : MISTAKE_COST.wrongAnswer;
    if (!oos && status === 'clarify') {
      askedBack++;
      // A question back whose choices hold the right answer is half a right answer.
      if (o.kind === 'clarify' && o.choices.some((c) => isRight(row.question.expect, 'answered', c.statement.bodies)))
        g += 0.5;
    }
  }
  return { gain: g, askedBack, inScope };
}

/**
 * The thresholds with the largest gain on the held-out readings, asking back at most MAX_ASKED_BACK of clear questions.
 */
export function fitThresholds(rows: CvRow[], cal: Calibrator): Thresholds {
  const data = fittable(rows);
  const grid = (from: number, to: number, step: number) =>
    Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);
  let best: Thresholds = { answer: 0.5, clarify: 1, clarifyGap: 0 };
  let bestGain = -Infinity;
  for (const answer of grid(0.05, 0.95, 0.01)) {
    const g = gain(data, cal, { answer, clarify: 1, clarifyGap: 0 }).gain;
    if (g > bestGain) {
      bestGain = g;
      best = { answer, clarify: 1, clarifyGap: 0 };
    }
  }
  for (const clarify of grid(0.05, best.answer, 0.05)) {
    for (const clarifyGap of grid(0.05, 0.5, 0.05)) {
      const th = { answer: best.answer, clarify, clarifyGap };
      // The limit holds for every clear question, including those whose statement the model lacks.
      const all = gain(rows, cal, th);
      if (all.askedBack > MAX_ASKED_BACK * all.inScope) continue;
      const g = gain(data, cal, th).gain;
      if (g > bestGain) {
        bestGain = g;
        best = th;
      }
    }
  }
  return best;
}

export function scoreRows(
  rows: CvRow[],
  cal: Calibrator,
  th: Thresholds,
  rare: ReadonlySet<string>,
): { all: Figures; perFile: Record<string, Figures> } {
  const scored = rows.map((row) => {
    const o = decide(row.reading, cal, th);
    const period = o.kind === 'answer' ? o.best.period.id : row.periods[0];
    return { question: row.question, ...outcomeStatus(o), org: row.org, ...(period ? { period } : {}) };
  });
  const files = [...new Set(rows.map((r) => r.question.file))].sort();
  return {
    all: figures(scored, rare),
    perFile: Object.fromEntries(
      files.map((f) => [
        f,
        figures(
          scored.filter((s) => s.question.file === f),
          rare,
        ),
      ]),
    ),
  };
}

/**
 * The final classifier alone, trained on every question (and the model's phrases): what the build
 * needs when the calibration fitted by a full training (data/engine/fit.json) is still current.
 */
export function trainFinal(
  model: GovernanceModel,
  questions: LabelledQuestion[],
  s: TrainSettings = DEFAULT_TRAINING,
  /** The questions' mappings as the full training made them from the same inputs (the kept fit). */
  mappings?: Mapping[],
): { classifier: TextClassifier; examples: Example[] } {
  const catalogue = new StatementCatalogue(model.periods);
  const examples =
    mappings && mappings.length === questions.length
      ? questions.map((question, i) => ({ question, mapping: mappings[i]!, label: labelOf(mappings[i]!) }))
      : buildExamples(model, questions, catalogue, s.classifier);
  return { classifier: trainClassifier(examples, modelPhrases(model.periods, catalogue), s.classifier), examples };
}

export function train(
  model: GovernanceModel,
  questions: LabelledQuestion[],
  s: TrainSettings = DEFAULT_TRAINING,
  log: (m: string) => void = () => {},
): TrainResult {
  const catalogue = new StatementCatalogue(model.periods);
  const examples = buildExamples(model, questions, catalogue, s.classifier);
  log(
    `  ${examples.filter((e) => e.label && e.label !== REFUSE).length} questions mapped to a ` +
      `statement, ${examples.filter((e) => e.label === REFUSE).length} to refuse, ` +
      `${examples.filter((e) => !e.label).length} for review`,
  );
  const rows = crossValidate(model, examples, catalogue, s.classifier, log);
  const calibrator = fitCalibratorOn(rows);
  const thresholds = fitThresholds(rows, calibrator);
  const rare = rareBodiesOf(questions);
  const { all, perFile } = scoreRows(rows, calibrator, thresholds, rare);
  const answerable = scoreRows(fittable(rows), calibrator, thresholds, rare).all;
  const known = new Set(model.periods.flatMap((p) => [...p.bodies.keys()]));
  const unknownRows = rows.filter(
    (r) => r.question.expect !== 'not_answered' && r.question.expect.every((set) => set.some((b) => !known.has(b))),
  );
  const unknownRight = unknownRows.filter((r) => {
    const o = outcomeStatus(decide(r.reading, calibrator, thresholds));
    return isRight(r.question.expect, o.status, o.deciders);
  }).length;
  const classifier = trainClassifier(examples, modelPhrases(model.periods, catalogue), s.classifier);
  return {
    classifier,
    calibrator,
    thresholds,
    examples,
    cv: { rows, figures: all, perFile, answerable, unknownBodies: { n: unknownRows.length, right: unknownRight } },
  };
}
