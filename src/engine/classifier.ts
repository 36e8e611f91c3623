// The text classifier: features (features.ts) and a linear SVM (svm.ts) over them, with the
// settings chosen by cross-validation (see train.ts and the README).
import { Vectorizer, DEFAULT_FEATURES, type FeatureSettings, type SparseVector } from './features';
import { contributions, decision, trainOvR, DEFAULT_SVM, type LinearModel, type SvmSettings } from './svm';

export interface ClassifierSettings {
  features: FeatureSettings;
  svm: SvmSettings;
  /** Weights below this magnitude are not stored. */
  prune: number;
}

export const DEFAULT_CLASSIFIER: ClassifierSettings = { features: DEFAULT_FEATURES, svm: DEFAULT_SVM, prune: 0 };

export class TextClassifier {
  private readonly classIndex: Map<string, number>;
  private featureNames?: string[];

  constructor(
    readonly vectorizer: Vectorizer,
    readonly model: LinearModel,
  ) {
    this.classIndex = new Map(model.classes.map((c, i) => [c, i]));
  }

  static train(texts: string[], labels: string[], s: ClassifierSettings = DEFAULT_CLASSIFIER): TextClassifier {
    const vectorizer = Vectorizer.fit(texts, s.features);
    const xs = texts.map((t) => vectorizer.transform(t));
    return new TextClassifier(vectorizer, trainOvR(xs, labels, vectorizer.dim, s.svm, s.prune));
  }

  get classes(): string[] {
    return this.model.classes;
  }

  vector(text: string): SparseVector {
    return this.vectorizer.transform(text);
  }

  /** Decision values of every class, in the order of `classes`. */
  decide(x: SparseVector): Float64Array {
    return decision(this.model, x);
  }

  scores(text: string): Map<string, number> {
    const d = this.decide(this.vector(text));
    return new Map(this.model.classes.map((c, i) => [c, d[i]!]));
  }

  indexOf(label: string): number | undefined {
    return this.classIndex.get(label);
  }

  /** The word features that raised a class's score most, as readable words ("beredskabspuljen", "uden moeder"). */
  evidence(x: SparseVector, label: string, max = 5): Array<{ feature: string; weight: number }> {
    const ci = this.classIndex.get(label);
    if (ci === undefined) return [];
    this.featureNames ??= namesOf(this.vectorizer);
    const out: Array<{ feature: string; weight: number }> = [];
    for (const [f, w] of contributions(this.model, x, ci)) {
      const name = this.featureNames[f]!;
      if (w <= 0 || !name.startsWith('w')) continue;
      out.push({ feature: name.slice(name.indexOf(':') + 1), weight: w });
      if (out.length >= max) break;
    }
    return out;
  }
}

function namesOf(v: Vectorizer): string[] {
  const names = new Array<string>(v.dim);
  for (const [k, i] of v.index) names[i] = k;
  return names;
}
