import type { EstimatorJson, Features, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Divide by the standard deviation (default true). */
  withStd?: boolean;
}

/**
 * Online standard scaling: per feature, a running mean and population variance updated in `learnOne`;
 * `transformOne` returns `(x - mean) / std` (0 where the deviation is still 0), as River's `StandardScaler`.
 *
 * @example
 * const s = new StandardScaler(); s.learnOne({ a: 1 }); s.learnOne({ a: 3 }); s.transformOne({ a: 3 }); // { a: 1 }
 */
export class StandardScaler implements Transformer {
  readonly kind = 'transformer' as const;
  readonly supervised = false;
  readonly options: Required<StandardScalerOptions>;
  private counts = new Map<string, number>();
  private means = new Map<string, number>();
  private vars = new Map<string, number>();

  constructor(options: StandardScalerOptions = {}) {
    this.options = { withStd: true, ...options };
  }

  learnOne(x: Features): void {
    for (const key in x) {
      const xi = x[key];
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n);
      const oldMean = this.means.get(key) ?? 0;
      const mean = oldMean + (xi - oldMean) / n;
      this.means.set(key, mean);
      const v = this.vars.get(key) ?? 0;
      this.vars.set(key, v + ((xi - oldMean) * (xi - mean) - v) / n);
    }
  }

  transformOne(x: Features): Features {
    const out: Features = {};
    for (const key in x) {
      const centred = x[key] - (this.means.get(key) ?? 0);
      if (!this.options.withStd) {
        out[key] = centred;
        continue;
      }
      const sd = Math.sqrt(this.vars.get(key) ?? 0);
      out[key] = sd ? centred / sd : 0;
    }
    return out;
  }

  clone(): StandardScaler {
    return new StandardScaler(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): StandardScaler {
    return loadEstimator<StandardScaler>(json, 'preprocessing.StandardScaler');
  }
}
registerClass('preprocessing.StandardScaler', StandardScaler);
