// The training set: every labelled question with the statement it rests on (or the refusal class),
// mapped afresh against the governance model as it is now.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GovernanceModel } from '../governance/load';
import { readLabelled, type LabelledQuestion } from './labelled';
import { StatementMapper, type Mapping } from './mapping';
import { documentsPresent } from './period';
import { REFUSE, StatementCatalogue } from './statements';
import { modelPhrases } from './model-phrases';
import { DEFAULT_CLASSIFIER, TextClassifier, type ClassifierSettings } from './classifier';

export { REFUSE } from './statements';

/**
 * The files the engine is trained on, relative to the repository root: every question file in
 * data/questions (a set joins the training data by being put there, after its first-look
 * measurement), and the project's older sets in test/engine.
 */
export function trainingFiles(root = REPO_ROOT): string[] {
  const own = readdirSync(join(root, QUESTIONS_DIR))
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  return [...own.map((f) => `${QUESTIONS_DIR}/${f}`), ...OLDER_SETS];
}

const QUESTIONS_DIR = 'data/questions';
const OLDER_SETS = [
  'test/engine/blind-questions.jsonl',
  'test/engine/holdout-questions.jsonl',
  'test/engine/fresh-questions.jsonl',
];

export const REPO_ROOT = join(__dirname, '..', '..');

export interface Example {
  question: LabelledQuestion;
  mapping: Mapping;
  /** The class to learn: a statement key, REFUSE, or undefined when the question needs review. */
  label: string | undefined;
}

export function readTrainingFiles(files: string[] = trainingFiles(), root = REPO_ROOT): LabelledQuestion[] {
  return files.flatMap((f) => readLabelled(join(root, f)));
}

/** The class a mapping teaches: its statement, the refusal class, or nothing (for review). */
export function labelOf(mapping: Mapping): string | undefined {
  return mapping.kind === 'statement' ? mapping.key : mapping.kind === 'refuse' ? REFUSE : undefined;
}

/**
 * Maps every question to its statement. Two passes: questions with a quote are mapped by it; then a
 * classifier trained on those (and on the model's own phrases) picks, for each question without a
 * quote, the best-scoring statement among those whose bodies are expected.
 */
export function buildExamples(
  model: GovernanceModel,
  questions: LabelledQuestion[],
  catalogue = new StatementCatalogue(model.periods),
  settings: ClassifierSettings = DEFAULT_CLASSIFIER,
): Example[] {
  const mapper = new StatementMapper(model, catalogue, documentsPresent(model.periods));
  const pass = () =>
    questions.map((question) => {
      const mapping = mapper.map(question);
      return { question, mapping, label: labelOf(mapping) };
    });
  const first = pass();
  if (!first.some((e) => e.mapping.kind === 'review' && !e.question.why?.quote)) return first;
  const phrases = modelPhrases(model.periods, catalogue);
  const labelled = first.filter((e) => e.label !== undefined && e.label !== REFUSE);
  const clf = TextClassifier.train(
    [...labelled.map((e) => e.question.q), ...phrases.map((p) => p.text)],
    [...labelled.map((e) => e.label!), ...phrases.map((p) => p.label)],
    settings,
  );
  mapper.scorer = (text) => clf.scores(text);
  return pass();
}
