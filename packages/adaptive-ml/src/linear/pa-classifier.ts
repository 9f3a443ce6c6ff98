import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link PAClassifier}. */
export interface PAClassifierOptions {
  /** Aggressiveness C (default 1). */
  C?: number;
  /** 0: PA, 1: PA-I (default), 2: PA-II. */
  mode?: 0 | 1 | 2;
  /** Learn an intercept (default true). */
  learnIntercept?: boolean;
  /** Positive label (default `true`). */
  positiveLabel?: ClassLabel;
  /** Negative label (default `false`). */
  negativeLabel?: ClassLabel;
}

/**
 * Passive-aggressive binary classifier on the hinge loss: on a margin violation, the smallest weight change (capped
 * by C) that fixes it. Probabilities are the sigmoid of the margin.
 *
 * @example
 * const pa = new PAClassifier(); pa.learnOne({ a: 1 }, true); pa.predictOne({ a: 1 }); // true
 * @see K. Crammer et al. (2006). Online passive-aggressive algorithms. JMLR 7.
 */
export class PAClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<PAClassifierOptions>;
  private weights = new Map<string, number>();
  private intercept = 0;

  constructor(options: PAClassifierOptions = {}) {
    this.options = { C: 1, mode: 1, learnIntercept: true, positiveLabel: true, negativeLabel: false, ...options };
    check(this.options.C > 0, 'C must be > 0');
    check([0, 1, 2].includes(this.options.mode), 'mode must be 0, 1 or 2');
  }

  private raw(x: Features): number {
    let dot = this.intercept;
    for (const key in x) dot += (this.weights.get(key) ?? 0) * x[key];
    return dot;
  }

  learnOne(x: Features, y: ClassLabel): void {
    const sign = y === this.options.positiveLabel ? 1 : -1;
    const loss = Math.max(0, 1 - sign * this.raw(x));
    if (loss === 0) return;
    let norm = this.options.learnIntercept ? 1 : 0;
    for (const key in x) norm += x[key] * x[key];
    const { C, mode } = this.options;
    const tau = mode === 0 ? loss / norm : mode === 1 ? Math.min(C, loss / norm) : loss / (norm + 1 / (2 * C));
    if (!Number.isFinite(tau)) return;
    const step = sign * tau;
    for (const key in x) this.weights.set(key, (this.weights.get(key) ?? 0) + step * x[key]);
    if (this.options.learnIntercept) this.intercept += step;
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const p = 1 / (1 + Math.exp(-this.raw(x)));
    return new Map<ClassLabel, number>([
      [this.options.negativeLabel, 1 - p],
      [this.options.positiveLabel, p],
    ]);
  }

  predictOne(x: Features): ClassLabel | undefined {
    return argmaxLabel(this.predictProbaOne(x));
  }

  clone(): PAClassifier {
    return new PAClassifier(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): PAClassifier {
    return loadEstimator<PAClassifier>(json, 'linear.PAClassifier');
  }
}
registerClass('linear.PAClassifier', PAClassifier);
