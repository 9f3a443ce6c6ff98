import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link ALMAClassifier}. */
export interface ALMAClassifierOptions {
  /** Norm order (default 2). */
  p?: number;
  /** Approximation parameter in (0, 1] (default 0.9). */
  alpha?: number;
  /** Margin scale (default 1 / alpha). */
  B?: number;
  /** Learning-rate scale (default sqrt 2). */
  C?: number;
  /** Positive label (default `true`). */
  positiveLabel?: ClassLabel;
  /** Negative label (default `false`). */
  negativeLabel?: ClassLabel;
}

/**
 * ALMA (Approximate Large Margin Algorithm): a perceptron that updates on margin violations with a shrinking rate
 * and projects the weights back into the unit ball (River's `linear_model.ALMAClassifier` rule).
 *
 * @example
 * const alma = new ALMAClassifier(); alma.learnOne({ a: 1 }, true); alma.predictOne({ a: 1 }); // true
 * @see C. Gentile (2001). A new approximate maximal margin classification algorithm. JMLR 2.
 */
export class ALMAClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<ALMAClassifierOptions>;
  private weights = new Map<string, number>();
  private k = 1;

  constructor(options: ALMAClassifierOptions = {}) {
    const alpha = options.alpha ?? 0.9;
    this.options = {
      p: 2,
      alpha,
      B: 1 / alpha,
      C: Math.SQRT2,
      positiveLabel: true,
      negativeLabel: false,
      ...options,
    };
    check(this.options.p >= 2, 'p must be >= 2');
    check(this.options.alpha > 0 && this.options.alpha <= 1, 'alpha must be in (0, 1]');
  }

  private raw(x: Features): number {
    let dot = 0;
    for (const key in x) dot += (this.weights.get(key) ?? 0) * x[key];
    return dot;
  }

  learnOne(x: Features, y: ClassLabel): void {
    const { p, alpha, B, C } = this.options;
    const sign = y === this.options.positiveLabel ? 1 : -1;
    const gamma = (B * Math.sqrt(p - 1)) / Math.sqrt(this.k);
    if (sign * this.raw(x) >= (1 - alpha) * gamma) return;
    const eta = C / (Math.sqrt(p - 1) * Math.sqrt(this.k));
    for (const key in x) this.weights.set(key, (this.weights.get(key) ?? 0) + eta * sign * x[key]);
    let norm = 0;
    for (const v of this.weights.values()) norm += Math.abs(v) ** p;
    norm **= 1 / p;
    const scale = Math.max(1, norm);
    for (const key in x) this.weights.set(key, this.weights.get(key)! / scale);
    this.k++;
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

  clone(): ALMAClassifier {
    return new ALMAClassifier(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): ALMAClassifier {
    return loadEstimator<ALMAClassifier>(json, 'linear.ALMAClassifier');
  }
}
registerClass('linear.ALMAClassifier', ALMAClassifier);
