import type { EstimatorJson, Features, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link PolynomialExtender}. */
export interface PolynomialExtenderOptions {
  /** Only products of distinct features, no squares (default false). */
  interactionOnly?: boolean;
  /** Add a constant `1` feature (default false). */
  includeBias?: boolean;
}

/**
 * Degree-2 polynomial features: the inputs, then every pairwise product `a*b` (and squares `a*a` unless
 * `interactionOnly`), in sorted feature order. Stateless.
 *
 * @example
 * new PolynomialExtender().transformOne({ a: 2, b: 3 }); // { a: 2, b: 3, 'a*a': 4, 'a*b': 6, 'b*b': 9 }
 */
export class PolynomialExtender implements Transformer {
  readonly kind = 'transformer' as const;
  readonly supervised = false;
  readonly options: Required<PolynomialExtenderOptions>;

  constructor(options: PolynomialExtenderOptions = {}) {
    this.options = { interactionOnly: false, includeBias: false, ...options };
  }

  learnOne(): void {}

  transformOne(x: Features): Features {
    const keys = Object.keys(x).sort();
    const out: Features = { ...x };
    if (this.options.includeBias) out.bias = 1;
    for (let i = 0; i < keys.length; i++) {
      for (let j = this.options.interactionOnly ? i + 1 : i; j < keys.length; j++) {
        out[`${keys[i]}*${keys[j]}`] = x[keys[i]] * x[keys[j]];
      }
    }
    return out;
  }

  clone(): PolynomialExtender {
    return new PolynomialExtender(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): PolynomialExtender {
    return loadEstimator<PolynomialExtender>(json, 'preprocessing.PolynomialExtender');
  }
}
registerClass('preprocessing.PolynomialExtender', PolynomialExtender);
