// The text classifier: features (features.ts) and a linear SVM (svm.ts) over them, with the
// settings chosen by cross-validation (see train.ts and the README).
import { Vectorizer, DEFAULT_FEATURES, type FeatureSettings, type SparseVector } from './features';
import { Evidence, fitEvidence } from './evidence';
import { decision, trainOvR, DEFAULT_SVM, type LinearModel, type SvmSettings } from './svm';

export interface ClassifierSettings {
  features: FeatureSettings;
  svm: SvmSettings;
  /** Weights below this magnitude are not stored. */
  prune: number;
  /**
   * Weight of the role classifier: a second SVM that reads only which role is asked (decides,
   * prepares, who sits in ...) from all questions together, so that "udformer", "drafts" or "who
   * writes" teach every matter's preparing role, not just the matter they were written about.
   */
  roleWeight: number;
}

export const DEFAULT_CLASSIFIER: ClassifierSettings = {
  features: DEFAULT_FEATURES,
  svm: DEFAULT_SVM,
  prune: 0,
  roleWeight: 0.5,
};

/**
 * The role part of a class: "m:pool#decides" → "decides"; a body's composition → "body"; reporting line → "reports-to".
 */
export function roleOfClass(label: string): string {
  if (label.startsWith('m:')) return label.slice(label.indexOf('#') + 1);
  if (label.startsWith('b:')) return 'body';
  if (label.startsWith('r:')) return 'reports-to';
  return label;
}

export class TextClassifier {
  private readonly classIndex: Map<string, number>;
  private featureNames?: string[];

  /** For each class, the index of its role in the role model. */
  private readonly roleIndex: Int32Array;

  constructor(
    readonly vectorizer: Vectorizer,
    readonly model: LinearModel,
    readonly roles: LinearModel,
    readonly roleWeight: number,
    readonly evidence: Evidence,
  ) {
    this.classIndex = new Map(model.classes.map((c, i) => [c, i]));
    this.roleIndex = Int32Array.from(model.classes, (c) => roles.classes.indexOf(roleOfClass(c)));
  }

  static train(texts: string[], labels: string[], s: ClassifierSettings = DEFAULT_CLASSIFIER): TextClassifier {
    const vectorizer = Vectorizer.fit(texts, s.features);
    const xs = texts.map((t) => vectorizer.transform(t));
    const joint = trainOvR(xs, labels, vectorizer.dim, s.svm, s.prune);
    const roles = trainOvR(xs, labels.map(roleOfClass), vectorizer.dim, s.svm, s.prune);
    return new TextClassifier(vectorizer, joint, roles, s.roleWeight, new Evidence(fitEvidence(texts, labels)));
  }

  get classes(): string[] {
    return this.model.classes;
  }

  vector(text: string): SparseVector {
    return this.vectorizer.transform(text);
  }

  /** Decision values of every class, in the order of `classes`: the class's own score plus its role's. */
  decide(x: SparseVector): Float64Array {
    const d = decision(this.model, x);
    if (this.roleWeight === 0) return d;
    const r = decision(this.roles, x);
    for (let i = 0; i < d.length; i++) {
      const ri = this.roleIndex[i]!;
      if (ri >= 0) d[i]! += this.roleWeight * r[ri]!;
    }
    return d;
  }

  scores(text: string): Map<string, number> {
    const d = this.decide(this.vector(text));
    return new Map(this.model.classes.map((c, i) => [c, d[i]!]));
  }

  indexOf(label: string): number | undefined {
    return this.classIndex.get(label);
  }

  /** The word features that raised a class's score most, as readable words ("beredskabspuljen", "uden moeder"). */
  contributingWords(x: SparseVector, label: string, max = 5): Array<{ feature: string; weight: number }> {
    const ci = this.classIndex.get(label);
    if (ci === undefined) return [];
    this.featureNames ??= namesOf(this.vectorizer);
    const names = this.featureNames;
    const m = this.model;
    const out: Array<{ feature: string; weight: number }> = [];
    for (let k = 0; k < x.idx.length; k++) {
      const f = x.idx[k]!;
      if (names[f]!.charCodeAt(0) !== 119 /* w: word features only */) continue;
      for (let j = m.start[f]!; j < m.start[f + 1]!; j++) {
        if (m.cls[j] !== ci) continue;
        const w = m.w[j]! * x.val[k]!;
        if (w > 0) out.push({ feature: names[f]!.slice(names[f]!.indexOf(':') + 1), weight: w });
        break;
      }
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, max);
  }
}

function namesOf(v: Vectorizer): string[] {
  const names = new Array<string>(v.dim);
  for (const [k, i] of v.index) names[i] = k;
  return names;
}
