// A linear support vector machine, one-versus-rest, L2-regularised with the squared hinge loss,
// trained by dual coordinate descent (Hsieh et al., "A Dual Coordinate Descent Method for Large-scale
// Linear SVM", ICML 2008; the default solver of LIBLINEAR and of scikit-learn's LinearSVC).
// Written here because no maintained npm package trains a sparse linear SVM: the packages there are
// kernel SVMs (libsvm-js, ml-svm) that are slow on 100,000 sparse features. The solver is 30 lines;
// its order of visits comes from a seeded generator, so the same data gives the same weights.
import type { SparseVector } from './features';

export interface SvmSettings {
  /** Inverse regularisation strength. */
  C: number;
  /** Stop when the projected gradient spread falls below this (LIBLINEAR's default is 0.1). */
  eps: number;
  maxIter: number;
  seed: number;
}

export const DEFAULT_SVM: SvmSettings = { C: 0.5, eps: 0.1, maxIter: 200, seed: 1 };

/** Weights for all classes, stored by feature: for feature f, the classes with a non-zero weight. */
export interface LinearModel {
  classes: string[];
  dim: number;
  bias: Float64Array;
  /** Per feature, offsets into cls/w (length dim + 1). */
  start: Int32Array;
  cls: Int32Array;
  w: Float32Array;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One binary problem: y in {+1,-1}. Returns the weights (dim) and the bias. */
function trainBinary(xs: SparseVector[], y: Int8Array, dim: number, s: SvmSettings): { w: Float64Array; b: number } {
  const n = xs.length;
  const w = new Float64Array(dim);
  let b = 0; // the weight of a constant feature of value 1 (LIBLINEAR's -B 1)
  const alpha = new Float64Array(n);
  const diag = 1 / (2 * s.C);
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let q = 1; // the constant feature
    const v = xs[i]!.val;
    for (let k = 0; k < v.length; k++) q += v[k]! * v[k]!;
    qd[i] = q + diag;
  }
  // LIBLINEAR's shrinking: a sample well outside the margin (alpha 0, gradient above the last
  // pass's largest projected gradient) leaves the active set until the solver has converged on the rest.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(s.seed);
  let active = n;
  let pgMaxOld = Infinity;
  for (let iter = 0; iter < s.maxIter; iter++) {
    for (let i = active - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let k = 0; k < active; k++) {
      const i = order[k]!;
      const { idx, val } = xs[i]!;
      const yi = y[i]!;
      let dot = b;
      for (let e = 0; e < idx.length; e++) dot += w[idx[e]!]! * val[e]!;
      const G = yi * dot - 1 + diag * alpha[i]!;
      let PG = G;
      if (alpha[i] === 0) {
        if (G > pgMaxOld) {
          active--;
          order[k] = order[active]!;
          order[active] = i;
          k--;
          continue;
        }
        PG = Math.min(G, 0);
      }
      if (PG > pgMax) pgMax = PG;
      if (PG < pgMin) pgMin = PG;
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i]!;
        const a = Math.max(old - G / qd[i]!, 0);
        alpha[i] = a;
        const d = (a - old) * yi;
        if (d !== 0) {
          for (let e = 0; e < idx.length; e++) w[idx[e]!]! += d * val[e]!;
          b += d;
        }
      }
    }
    if (pgMax - pgMin <= s.eps) {
      if (active === n) break;
      // Converged on the active set: check every sample once more.
      active = n;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  return { w, b };
}

/**
 * Trains one binary SVM per class. Weights whose magnitude is below `prune` are dropped from the
 * stored model (they change no decision measurably and make the model file several times larger).
 */
export function trainOvR(xs: SparseVector[], labels: string[], dim: number, s: SvmSettings, prune = 0): LinearModel {
  const classes = [...new Set(labels)].sort();
  const perFeature: Array<Array<[number, number]>> = Array.from({ length: dim }, () => []);
  const bias = new Float64Array(classes.length);
  classes.forEach((c, ci) => {
    const y = Int8Array.from(labels, (l) => (l === c ? 1 : -1));
    const { w, b } = trainBinary(xs, y, dim, s);
    bias[ci] = b;
    for (let f = 0; f < dim; f++) if (w[f] !== 0 && Math.abs(w[f]!) >= prune) perFeature[f]!.push([ci, w[f]!]);
  });
  return pack(classes, dim, bias, perFeature);
}

function pack(
  classes: string[],
  dim: number,
  bias: Float64Array,
  perFeature: Array<Array<[number, number]>>,
): LinearModel {
  const start = new Int32Array(dim + 1);
  let total = 0;
  for (let f = 0; f < dim; f++) {
    start[f] = total;
    total += perFeature[f]!.length;
  }
  start[dim] = total;
  const cls = new Int32Array(total);
  const w = new Float32Array(total);
  for (let f = 0; f < dim; f++)
    perFeature[f]!.forEach(([c, v], k) => ((cls[start[f]! + k] = c), (w[start[f]! + k] = v)));
  return { classes, dim, bias, start, cls, w };
}

/** The decision value of every class for one vector. */
export function decision(m: LinearModel, x: SparseVector): Float64Array {
  const out = Float64Array.from(m.bias);
  for (let k = 0; k < x.idx.length; k++) {
    const f = x.idx[k]!;
    const v = x.val[k]!;
    for (let j = m.start[f]!; j < m.start[f + 1]!; j++) out[m.cls[j]!]! += m.w[j]! * v;
  }
  return out;
}
