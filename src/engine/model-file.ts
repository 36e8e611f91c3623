// The trained engine as a file: the vocabulary, the SVM weights, the calibrator and its thresholds,
// and a hash of everything it was trained from (the questions, the governance model, the engine's
// code and settings). An engine whose inputs have changed since is stale and is trained again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
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

export const MODEL_FILE = join(REPO_ROOT, 'build', 'engine', 'who-decides.model.bin');
/**
 * Part of the inputs hash: a bump makes every model file and the kept fit stale (retraining). It
 * stays 1, the value it had when it was also the file's layout, so the layout below can change
 * without touching data/engine/fit.json: how the numbers are stored is not what they were trained from.
 */
const INPUTS_VERSION = 1;
/** The layout of the file (below); a file of another layout is stale and written again. */
const FILE_FORMAT = 2;
const MAGIC = 'WDENGINE';

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

/**
 * The file: MAGIC, the layout (uint32), the header's length (uint32), the header (JSON: everything
 * but the large arrays, and where each array lies), then the arrays' bytes, each at a multiple of 8.
 * Read with one read, the arrays are views on that one buffer: nothing is decoded or copied, so a
 * start-up neither parses 18 MB of JSON with base64 in it nor holds it and its decoded copy at once.
 * The bytes are the machine's (little-endian on every platform Node supports; checked on read).
 */
const ARRAYS = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
} as const;
type ArrayKind = keyof typeof ARRAYS;
interface ArrayRef {
  kind: ArrayKind;
  offset: number;
  length: number;
}

/** Collects the arrays of a file being written, and gives each its place after the ones before. */
class ArrayWriter {
  readonly parts: Uint8Array[] = [];
  size = 0;
  add(kind: ArrayKind, a: Float32Array | Float64Array | Int32Array): ArrayRef {
    const ref = { kind, offset: this.size, length: a.length };
    this.parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    this.size += a.byteLength;
    const pad = (8 - (this.size % 8)) % 8;
    if (pad > 0) this.parts.push(new Uint8Array(pad));
    this.size += pad;
    return ref;
  }
}

interface PackedModel {
  classes: string[];
  dim: number;
  bias: number[];
  start: ArrayRef;
  cls: ArrayRef;
  w: ArrayRef;
}

const pack = (m: LinearModel, out: ArrayWriter): PackedModel => ({
  classes: m.classes,
  dim: m.dim,
  // A double survives JSON exactly; 200-odd of them do not need the binary part.
  bias: [...m.bias],
  start: out.add('i32', m.start),
  cls: out.add('i32', m.cls),
  w: out.add('f32', m.w),
});

function view<K extends ArrayKind>(data: ArrayBuffer, base: number, ref: ArrayRef, kind: K) {
  if (ref.kind !== kind) throw new Error(`model file: an array of ${ref.kind} where ${kind} belongs`);
  const bytes = ref.length * ARRAYS[kind].BYTES_PER_ELEMENT;
  if (ref.offset < 0 || base + ref.offset + bytes > data.byteLength) throw new Error('model file: truncated');
  return new ARRAYS[kind](data, base + ref.offset, ref.length) as InstanceType<(typeof ARRAYS)[K]>;
}

const unpack = (p: PackedModel, data: ArrayBuffer, base: number): LinearModel => ({
  classes: p.classes,
  dim: p.dim,
  bias: Float64Array.from(p.bias),
  start: view(data, base, p.start, 'i32'),
  cls: view(data, base, p.cls, 'i32'),
  w: view(data, base, p.w, 'f32'),
});

interface ModelHeader {
  inputs: string;
  features: { settings: FeatureSettings; names: string[]; idf: ArrayRef };
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
  h.update(`format ${INPUTS_VERSION}\n`);
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

/** The file's bytes: the same engine gives the same bytes (the header's keys in a fixed order). */
export function serialize(e: TrainedEngine): Buffer {
  if (endianness() !== 'LE') throw new Error('the model file is written little-endian only');
  const v = e.classifier.vectorizer;
  const names = new Array<string>(v.dim);
  for (const [k, i] of v.index) names[i] = k;
  const arrays = new ArrayWriter();
  const header: ModelHeader = {
    inputs: e.inputs,
    features: { settings: v.settings, names, idf: arrays.add('f64', v.idf) },
    svm: pack(e.classifier.model, arrays),
    roles: pack(e.classifier.roles, arrays),
    roleWeight: e.classifier.roleWeight,
    evidence: e.classifier.evidence.table,
    calibrator: e.calibrator,
    thresholds: e.thresholds,
    summary: e.summary,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(MAGIC.length + 8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(FILE_FORMAT, MAGIC.length);
  prefix.writeUInt32LE(json.length, MAGIC.length + 4);
  const headed = prefix.length + json.length;
  return Buffer.concat([prefix, json, Buffer.alloc((8 - (headed % 8)) % 8), ...arrays.parts]);
}

/** Whether the bytes are a file of this layout (not an older build's, nor something else). */
function isCurrentLayout(buf: Buffer): boolean {
  return (
    buf.length >= MAGIC.length + 8 &&
    buf.toString('latin1', 0, MAGIC.length) === MAGIC &&
    buf.readUInt32LE(MAGIC.length) === FILE_FORMAT
  );
}

/** The engine in a file's bytes (of this layout: see readModelFile). */
export function deserialize(bytes: Uint8Array): TrainedEngine {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isCurrentLayout(buf)) throw new Error(`not a model file of layout ${FILE_FORMAT}`);
  if (endianness() !== 'LE') throw new Error('the model file is little-endian; this machine is not');
  const jsonStart = MAGIC.length + 8;
  const jsonEnd = jsonStart + buf.readUInt32LE(MAGIC.length + 4);
  const f = JSON.parse(buf.toString('utf8', jsonStart, jsonEnd)) as ModelHeader;
  // Views need their element size's alignment in the buffer; a buffer that is not 8-aligned
  // (a slice of a pooled one) is copied once.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : Uint8Array.from(bytes);
  const data = aligned.buffer as ArrayBuffer;
  const base = aligned.byteOffset + jsonEnd + ((8 - (jsonEnd % 8)) % 8);
  const index = new Map(f.features.names.map((n, i) => [n, i]));
  const vectorizer = new Vectorizer(f.features.settings, index, view(data, base, f.features.idf, 'f64'));
  return {
    inputs: f.inputs,
    classifier: new TextClassifier(
      vectorizer,
      unpack(f.svm, data, base),
      unpack(f.roles, data, base),
      f.roleWeight,
      new Evidence(f.evidence),
    ),
    calibrator: f.calibrator,
    thresholds: f.thresholds,
    summary: f.summary,
  };
}

export function readModelFile(path = MODEL_FILE): TrainedEngine | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  // Another layout (a file an older build wrote) is as good as none: trained and written again.
  return isCurrentLayout(bytes) ? deserialize(bytes) : undefined;
}

/** Writes atomically: a reader never sees half a file, two writers never mix theirs. */
export function writeModelFile(e: TrainedEngine, path = MODEL_FILE): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize(e));
  renameSync(tmp, path);
}
