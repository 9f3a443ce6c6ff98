export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly balanced_accuracy: number;
  readonly macro_f1: number;
}

/** Accuracy, balanced accuracy (mean recall over classes present in the truth) and macro F1 (over classes in truth ∪ predictions). */
export function classificationMetrics(truth: readonly number[], predicted: readonly number[]): ClassificationMetrics {
  if (truth.length !== predicted.length || truth.length === 0)
    throw new RangeError('truth and predictions must be non-empty and equally long');
  const classes = [...new Set([...truth, ...predicted])];
  let correct = 0;
  const tp = new Map<number, number>();
  const fp = new Map<number, number>();
  const fn = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (t === p) {
      correct++;
      tp.set(t, (tp.get(t) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(t, (fn.get(t) ?? 0) + 1);
    }
  }
  const inTruth = [...new Set(truth)];
  const recall = (c: number) => (tp.get(c) ?? 0) / ((tp.get(c) ?? 0) + (fn.get(c) ?? 0));
  const f1 = (c: number) => {
    const t = tp.get(c) ?? 0;
    const denom = 2 * t + (fp.get(c) ?? 0) + (fn.get(c) ?? 0);
    return denom === 0 ? 0 : (2 * t) / denom;
  };
  return {
    accuracy: correct / truth.length,
    balanced_accuracy: inTruth.reduce((s, c) => s + recall(c), 0) / inTruth.length,
    macro_f1: classes.reduce((s, c) => s + f1(c), 0) / classes.length,
  };
}
