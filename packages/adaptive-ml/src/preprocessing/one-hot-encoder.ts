import type { EstimatorJson, Features, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link OneHotEncoder}. */
export interface OneHotEncoderOptions {
  /** Features to encode (their numeric value is treated as a category code). Default: all. */
  features?: string[];
  /** Emit zeros for every category seen so far, not only the active one (default false: sparse). */
  dense?: boolean;
}

/**
 * One-hot encoding of categorical codes: `{colour: 2}` becomes `{'colour=2': 1}` (plus zeros for the other seen
 * categories when `dense`). Features not selected pass through.
 *
 * @example
 * const e = new OneHotEncoder({ features: ['c'] }); e.learnOne({ c: 1 }); e.transformOne({ c: 1, z: 5 });
 * // { 'c=1': 1, z: 5 }
 */
export class OneHotEncoder implements Transformer {
  readonly kind = 'transformer' as const;
  readonly supervised = false;
  readonly options: Required<OneHotEncoderOptions>;
  private seen = new Map<string, Set<number>>();

  constructor(options: OneHotEncoderOptions = {}) {
    this.options = { features: [], dense: false, ...options };
  }

  private selected(k: string): boolean {
    return this.options.features.length === 0 || this.options.features.includes(k);
  }

  learnOne(x: Features): void {
    for (const k in x) {
      if (!this.selected(k)) continue;
      let s = this.seen.get(k);
      if (!s) {
        s = new Set();
        this.seen.set(k, s);
      }
      s.add(x[k]);
    }
  }

  transformOne(x: Features): Features {
    const out: Features = {};
    for (const k in x) {
      if (!this.selected(k)) {
        out[k] = x[k];
        continue;
      }
      if (this.options.dense) for (const c of this.seen.get(k) ?? []) out[`${k}=${c}`] = 0;
      out[`${k}=${x[k]}`] = 1;
    }
    return out;
  }

  clone(): OneHotEncoder {
    return new OneHotEncoder(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): OneHotEncoder {
    return loadEstimator<OneHotEncoder>(json, 'preprocessing.OneHotEncoder');
  }
}
registerClass('preprocessing.OneHotEncoder', OneHotEncoder);
