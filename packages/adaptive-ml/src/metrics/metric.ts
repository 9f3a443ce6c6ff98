import type { ClassLabel } from '../base/estimator.js';

/** A streaming metric: `update` with one (truth, prediction) pair, `revert` undoes it, `get` reads it. */
export interface Metric<Y = ClassLabel, P = ClassLabel> {
  readonly name: string;
  /** Whether a larger value is better. */
  readonly biggerIsBetter: boolean;
  /** Whether the metric wants probabilities (`predictProbaOne`) rather than labels. */
  readonly needsProba: boolean;
  update(yTrue: Y, yPred: P, w?: number): void;
  revert(yTrue: Y, yPred: P, w?: number): void;
  get(): number;
  /** A fresh copy with the same options. */
  clone(): Metric<Y, P>;
}

/** Classification metric over labels. */
export type ClassificationMetric = Metric<ClassLabel, ClassLabel>;
/** Metric over predicted probabilities (log loss, ROC AUC). */
export type ProbaMetric = Metric<ClassLabel, Map<ClassLabel, number>>;
/** Regression metric. */
export type RegressionMetric = Metric<number, number>;
