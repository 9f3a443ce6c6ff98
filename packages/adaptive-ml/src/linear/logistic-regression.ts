import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** SGD learning rate of the weights (default 0.005, River's benchmark setting). */
  learningRate?: number;
  /** Learning rate of the intercept (default 0.01). */
  interceptLr?: number;
  /** L2 penalty (default 0). */
  l2?: number;
  /** Loss gradients are clipped to [-clip, clip] (default 1e12). */
  clipGradient?: number;
  /** The label treated as the positive class (default `true`). */
  positiveLabel?: ClassLabel;
  /** The label reported for the negative class (default `false`). */
  negativeLabel?: ClassLabel;
}

/** Gradient of the logistic loss w.r.t. the raw score, with y in {-1, 1} (River's `optim.losses.Log`). */
function logLossGradient(yTrue: boolean, raw: number): number {
  const y = yTrue ? 1 : -1;
  const z = raw * y;
  if (z > 18) return Math.exp(-z) * -y;
  if (z < -18) return -y;
  return -y / (Math.exp(z) + 1);
}

function sigmoid(z: number): number {
  if (z < -30) return 1e-14;
  if (z > 30) return 1 - 1e-14;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Binary logistic regression trained by plain SGD on the log loss, with a separately rated intercept and clipped
 * loss gradients: the update rule of River's `linear_model.LogisticRegression(optimizer=optim.SGD(lr))`.
 *
 * @example
 * const lr = new LogisticRegression(); lr.learnOne({ a: 1 }, true); lr.predictProbaOne({ a: 1 }).get(true);
 */
export class LogisticRegression implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<LogisticRegressionOptions>;
  private weights = new Map<string, number>();
  private intercept = 0;

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = {
      learningRate: 0.005,
      interceptLr: 0.01,
      l2: 0,
      clipGradient: 1e12,
      positiveLabel: true,
      negativeLabel: false,
      ...options,
    };
    const o = this.options;
    check(o.learningRate > 0, 'learningRate must be > 0');
    check(o.interceptLr >= 0, 'interceptLr must be >= 0');
    check(o.l2 >= 0, 'l2 must be >= 0');
    check(o.clipGradient > 0, 'clipGradient must be > 0');
    check(o.positiveLabel !== o.negativeLabel, 'positiveLabel and negativeLabel must differ');
  }

  private raw(x: Features): number {
    let dot = this.intercept;
    for (const key in x) dot += (this.weights.get(key) ?? 0) * x[key];
    return dot;
  }

  learnOne(x: Features, y: ClassLabel, w = 1): void {
    const { clipGradient, learningRate, interceptLr, l2 } = this.options;
    let g = logLossGradient(y === this.options.positiveLabel, this.raw(x)) * w;
    g = Math.max(-clipGradient, Math.min(clipGradient, g));
    this.intercept -= interceptLr * g;
    for (const key in x) {
      const wi = this.weights.get(key) ?? 0;
      this.weights.set(key, wi - learningRate * (g * x[key] + 2 * l2 * wi));
    }
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const p = sigmoid(this.raw(x));
    return new Map<ClassLabel, number>([
      [this.options.negativeLabel, 1 - p],
      [this.options.positiveLabel, p],
    ]);
  }

  predictOne(x: Features): ClassLabel | undefined {
    const p = sigmoid(this.raw(x));
    // Same tie rule as argmax over {negative: 1 - p, positive: p}: the negative label wins a tie.
    return p > 1 - p ? this.options.positiveLabel : this.options.negativeLabel;
  }

  /** Learned weights by feature name. */
  getWeights(): Record<string, number> {
    return Object.fromEntries(this.weights);
  }

  clone(): LogisticRegression {
    return new LogisticRegression(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): LogisticRegression {
    return loadEstimator<LogisticRegression>(json, 'linear.LogisticRegression');
  }
}
registerClass('linear.LogisticRegression', LogisticRegression);
