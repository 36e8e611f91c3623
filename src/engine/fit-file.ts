// The fitted part of a training, kept in the repository (data/engine/fit.json): the calibrator and
// thresholds fitted on the cross-validated readings, and the cross-validated figures. Fitting them
// takes one classifier per question file (minutes); the build then trains only the final classifier
// (seconds) and takes this fit, as long as it was made from exactly the same inputs. A full training
// (`npm run engine:train`) writes it afresh; a test fails when it is out of date.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Calibrator } from './calibrate';
import { REPO_ROOT } from './dataset';
import type { Thresholds } from './decide';
import type { Mapping } from './mapping';
import type { TrainingSummary } from './model-file';

export const FIT_FILE = join(REPO_ROOT, 'data', 'engine', 'fit.json');

export interface Fit {
  /** inputsHash of the questions, the governance model and the engine code it was fitted from. */
  inputs: string;
  calibrator: Calibrator;
  thresholds: Thresholds;
  summary: TrainingSummary;
  /**
   * Each training question's mapping to a statement, in the order of the training files: the
   * mapping needs a classifier of its own (a minute), and the same inputs map the same way.
   */
  mappings?: Mapping[];
}

// The file is edited by hand only by mistake; a malformed one is treated as missing (a full training follows).
const fitSchema = z.object({
  inputs: z.string().regex(/^[0-9a-f]{64}$/),
  calibrator: z.object({ mean: z.array(z.number()), scale: z.array(z.number()), weights: z.array(z.number()) }),
  thresholds: z.object({ answer: z.number(), clarify: z.number(), clarifyGap: z.number() }),
  summary: z.looseObject({ trainedOn: z.looseObject({}), cv: z.looseObject({}) }),
  mappings: z
    .array(
      z.union([
        z.object({
          kind: z.literal('statement'),
          key: z.string(),
          period: z.string(),
          how: z.string(),
          inAskedPeriod: z.boolean(),
        }),
        z.object({ kind: z.literal('refuse') }),
        z.object({ kind: z.literal('review'), reason: z.string(), unknownBodies: z.array(z.string()) }),
      ]),
    )
    .optional(),
});

export function readFit(path = FIT_FILE): Fit | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = fitSchema.safeParse(json);
  return r.success ? (r.data as unknown as Fit) : undefined;
}

/** Written with indented lines, a mapping a line, so that a change to it reads as a diff in review. */
export function writeFit(fit: Fit, path = FIT_FILE): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const { mappings, ...rest } = fit;
  const head = JSON.stringify(rest, null, 2);
  const text = mappings
    ? `${head.slice(0, -2)},\n  "mappings": [\n${mappings.map((m) => `    ${JSON.stringify(m)}`).join(',\n')}\n  ]\n}`
    : head;
  writeFileSync(tmp, `${text}\n`);
  renameSync(tmp, path);
}
