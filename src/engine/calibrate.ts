// The fitted confidence: a logistic regression from what the classifier's scores say about a
// question (how high the best statement scores, how far ahead of the refusal class and of the
// nearest statement with other bodies, how many of its words were never seen in training) to the
// chance that answering with the best statement is right. It is fitted on held-out folds of the
// training data (train.ts), never on the questions it then answers, and so are the thresholds on it.

export interface Calibrator {
  mean: number[];
  scale: number[];
  /** One weight per input, then the intercept. */
  weights: number[];
}

export function probability(c: Calibrator, x: number[]): number {
  let z = c.weights[x.length]!;
  for (let i = 0; i < x.length; i++) z += c.weights[i]! * ((x[i]! - c.mean[i]!) / c.scale[i]!);
  return 1 / (1 + Math.exp(-z));
}

/** Deterministic batch gradient descent with a small L2 penalty; inputs are standardised first. */
export function fitCalibrator(xs: number[][], ys: number[], iterations = 4000, rate = 0.5, l2 = 1e-3): Calibrator {
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / Math.max(1, n));
  const scale = Array.from(
    { length: d },
    (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / Math.max(1, n)) || 1,
  );
  const zs = xs.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const z = zs[i]!;
      let s = w[d]!;
      for (let j = 0; j < d; j++) s += w[j]! * z[j]!;
      const err = 1 / (1 + Math.exp(-s)) - ys[i]!;
      for (let j = 0; j < d; j++) g[j]! += err * z[j]!;
      g[d]! += err;
    }
    for (let j = 0; j <= d; j++) w[j]! -= rate * (g[j]! / n + (j < d ? l2 * w[j]! : 0));
  }
  return { mean, scale, weights: w };
}
