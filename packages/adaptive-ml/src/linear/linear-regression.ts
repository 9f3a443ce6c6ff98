import { check } from '../base/check.js';
import type { EstimatorJson, Features, Regressor } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link LinearRegression}. */
export interface LinearRegressionOptions {
  /** SGD learning rate of the weights (default 0.01). */
  learningRate?: number;
  /** Learning rate of the intercept (default 0.01). */
  interceptLr?: number;
  /** L2 penalty (default 0). */
  l2?: number;
  /** Loss gradients are clipped to [-clip, clip] (default 1e12). */
  clipGradient?: number;
}

/**
 * Linear regression by SGD on the squared loss (gradient 2 (p - y)), River's `linear_model.LinearRegression` rule.
 *
 * @example
 * const lin = new LinearRegression(); lin.learnOne({ a: 1 }, 2); lin.predictOne({ a: 1 });
 */
export class LinearRegression implements Regressor {
  readonly kind = 'regressor' as const;
  readonly options: Required<LinearRegressionOptions>;
  private weights = new Map<string, number>();
  private intercept = 0;

  constructor(options: LinearRegressionOptions = {}) {
    this.options = { learningRate: 0.01, interceptLr: 0.01, l2: 0, clipGradient: 1e12, ...options };
    check(this.options.learningRate > 0, 'learningRate must be > 0');
    check(this.options.interceptLr >= 0, 'interceptLr must be >= 0');
    check(this.options.l2 >= 0, 'l2 must be >= 0');
  }

  predictOne(x: Features): number {
    let dot = this.intercept;
    for (const key in x) dot += (this.weights.get(key) ?? 0) * x[key];
    return dot;
  }

  learnOne(x: Features, y: number, w = 1): void {
    const { clipGradient, learningRate, interceptLr, l2 } = this.options;
    let g = 2 * (this.predictOne(x) - y) * w;
    g = Math.max(-clipGradient, Math.min(clipGradient, g));
    this.intercept -= interceptLr * g;
    for (const key in x) {
      const wi = this.weights.get(key) ?? 0;
      this.weights.set(key, wi - learningRate * (g * x[key] + 2 * l2 * wi));
    }
  }

  clone(): LinearRegression {
    return new LinearRegression(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): LinearRegression {
    return loadEstimator<LinearRegression>(json, 'linear.LinearRegression');
  }
}
registerClass('linear.LinearRegression', LinearRegression);
