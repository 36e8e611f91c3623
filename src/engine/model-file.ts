// The trained engine as a file: the vocabulary, the SVM weights, the calibrator and its thresholds,
// and a hash of everything it was trained from (the questions, the governance model, the engine's
// code and settings). An engine whose inputs have changed since is stale and is trained again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GovernanceModel } from '../governance/load';
import type { Calibrator } from './calibrate';
import { TextClassifier } from './classifier';
import type { Thresholds } from './decide';
import { Evidence, type EvidenceTable } from './evidence';
import { Vectorizer, type FeatureSettings } from './features';
import type { Figures } from './scoring';
import type { LinearModel } from './svm';
import { REPO_ROOT, trainingFiles } from './dataset';

export const MODEL_FILE = join(REPO_ROOT, 'build', 'engine', 'who-decides.model.json');
const FORMAT = 1;

export interface TrainedEngine {
  inputs: string;
  classifier: TextClassifier;
  calibrator: Calibrator;
  thresholds: Thresholds;
  /** Cross-validated figures and mapping counts at training time (for reports). */
  summary: TrainingSummary;
}

export interface TrainingSummary {
  trainedOn: { questions: number; mapped: number; refuse: number; review: number; phrases: number };
  cv: Figures;
  cvPerFile: Record<string, Figures>;
  /**
   * The cross-validated figures of the questions the model can answer: those mapped to a statement, and those to
   * refuse.
   */
  cvAnswerable: Figures;
}

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromB64<T>(s: string, make: (b: ArrayBuffer) => T): T {
  const buf = Buffer.from(s, 'base64');
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return make(copy);
}

interface PackedModel {
  classes: string[];
  dim: number;
  bias: number[];
  start: string;
  cls: string;
  w: string;
}

const pack = (m: LinearModel): PackedModel => ({
  classes: m.classes,
  dim: m.dim,
  bias: [...m.bias],
  start: b64(m.start),
  cls: b64(Int16Array.from(m.cls)),
  w: b64(m.w),
});
const unpack = (p: PackedModel): LinearModel => ({
  classes: p.classes,
  dim: p.dim,
  bias: Float64Array.from(p.bias),
  start: fromB64(p.start, (b) => new Int32Array(b)),
  cls: fromB64(p.cls, (b) => Int32Array.from(new Int16Array(b))),
  w: fromB64(p.w, (b) => new Float32Array(b)),
});

interface ModelFile {
  format: number;
  inputs: string;
  features: { settings: FeatureSettings; names: string[]; idf: string };
  svm: PackedModel;
  roles: PackedModel;
  roleWeight: number;
  evidence: EvidenceTable;
  calibrator: Calibrator;
  thresholds: Thresholds;
  summary: TrainingSummary;
}

/**
 * How trained results are stored and reused, not how they are computed (the settings and the
 * algorithms live in the other files): a change there needs no new training.
 */
const STORAGE_ONLY = new Set(['model-file.ts', 'fit-file.ts', 'trained.ts']);

/** The hash of what a trained engine depends on: questions, governance model, the engine's code. */
export function inputsHash(model: GovernanceModel, root = REPO_ROOT): string {
  const h = createHash('sha256');
  h.update(`format ${FORMAT}\n`);
  for (const f of trainingFiles(root)) h.update(`${f}\n`).update(readFileSync(join(root, f)));
  // The model as resolved (what the engine answers from), in a canonical form.
  h.update(JSON.stringify(model.periods, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v)));
  const code = join(root, 'src', 'engine');
  for (const f of readdirSync(code)
    .filter((n) => n.endsWith('.ts') && !STORAGE_ONLY.has(n))
    .sort())
    h.update(`${f}\n`).update(readFileSync(join(code, f)));
  return h.digest('hex');
}

export function serialize(e: TrainedEngine): string {
  const v = e.classifier.vectorizer;
  const names = new Array<string>(v.dim);
  for (const [k, i] of v.index) names[i] = k;
  const m = e.classifier.model;
  const file: ModelFile = {
    format: FORMAT,
    inputs: e.inputs,
    features: { settings: v.settings, names, idf: b64(v.idf) },
    svm: pack(m),
    roles: pack(e.classifier.roles),
    roleWeight: e.classifier.roleWeight,
    evidence: e.classifier.evidence.table,
    calibrator: e.calibrator,
    thresholds: e.thresholds,
    summary: e.summary,
  };
  return JSON.stringify(file);
}

export function deserialize(text: string): TrainedEngine {
  const f = JSON.parse(text) as ModelFile;
  if (f.format !== FORMAT) throw new Error(`model file format ${f.format}, expected ${FORMAT}`);
  const index = new Map(f.features.names.map((n, i) => [n, i]));
  const vectorizer = new Vectorizer(
    f.features.settings,
    index,
    fromB64(f.features.idf, (b) => new Float64Array(b)),
  );
  return {
    inputs: f.inputs,
    classifier: new TextClassifier(vectorizer, unpack(f.svm), unpack(f.roles), f.roleWeight, new Evidence(f.evidence)),
    calibrator: f.calibrator,
    thresholds: f.thresholds,
    summary: f.summary,
  };
}

export function readModelFile(path = MODEL_FILE): TrainedEngine | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return deserialize(text);
}

/** Writes atomically: a reader never sees half a file, two writers never mix theirs. */
export function writeModelFile(e: TrainedEngine, path = MODEL_FILE): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize(e));
  renameSync(tmp, path);
}
