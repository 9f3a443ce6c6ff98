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
  /** Per feature: count, mean, population variance. */
  private stats = new Map<string, Float64Array>();

  constructor(options: StandardScalerOptions = {}) {
    this.options = { withStd: true, ...options };
  }

  learnOne(x: Features): void {
    for (const key in x) {
      const xi = x[key];
      let s = this.stats.get(key);
      if (!s) {
        s = new Float64Array(3);
        this.stats.set(key, s);
      }
      const n = s[0] + 1;
      const oldMean = s[1];
      const mean = oldMean + (xi - oldMean) / n;
      s[0] = n;
      s[1] = mean;
      s[2] += ((xi - oldMean) * (xi - mean) - s[2]) / n;
    }
  }

  transformOne(x: Features): Features {
    const out: Features = {};
    const withStd = this.options.withStd;
    for (const key in x) {
      const s = this.stats.get(key);
      const centred = x[key] - (s ? s[1] : 0);
      if (!withStd) {
        out[key] = centred;
        continue;
      }
      const sd = s ? Math.sqrt(s[2]) : 0;
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
