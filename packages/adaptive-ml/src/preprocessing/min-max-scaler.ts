import type { EstimatorJson, Features, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/**
 * Online min-max scaling to [0, 1] with the running per-feature minimum and maximum (0 while they are equal).
 *
 * @example
 * const s = new MinMaxScaler(); s.learnOne({ a: 0 }); s.learnOne({ a: 4 }); s.transformOne({ a: 1 }); // { a: 0.25 }
 */
export class MinMaxScaler implements Transformer {
  readonly kind = 'transformer' as const;
  readonly supervised = false;
  private mins = new Map<string, number>();
  private maxs = new Map<string, number>();

  learnOne(x: Features): void {
    for (const k in x) {
      const v = x[k];
      if (!(v >= (this.mins.get(k) ?? Number.POSITIVE_INFINITY))) this.mins.set(k, v);
      if (!(v <= (this.maxs.get(k) ?? Number.NEGATIVE_INFINITY))) this.maxs.set(k, v);
    }
  }

  transformOne(x: Features): Features {
    const out: Features = {};
    for (const k in x) {
      const min = this.mins.get(k) ?? x[k];
      const range = (this.maxs.get(k) ?? x[k]) - min;
      out[k] = range > 0 ? (x[k] - min) / range : 0;
    }
    return out;
  }

  clone(): MinMaxScaler {
    return new MinMaxScaler();
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): MinMaxScaler {
    return loadEstimator<MinMaxScaler>(json, 'preprocessing.MinMaxScaler');
  }
}
registerClass('preprocessing.MinMaxScaler', MinMaxScaler);
