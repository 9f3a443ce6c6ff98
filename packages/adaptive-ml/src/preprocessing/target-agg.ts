import { check } from '../base/check.js';
import type { ClassLabel, EstimatorJson, Features, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link TargetAgg}. */
export interface TargetAggOptions {
  /** Features whose values define the groups (default: all). */
  by?: string[];
  /** Pseudo-count pulling group means towards the global mean (default 10). */
  smoothing?: number;
  /** For class targets, the class whose rate is encoded (default `true`); numeric targets are averaged directly. */
  positiveLabel?: ClassLabel;
}

/**
 * Target encoding with additive smoothing: each selected feature value is replaced by
 * `(n * groupMean + m * globalMean) / (n + m)` of the target seen so far for that value. Supervised: in a pipeline it
 * learns after transforming, so a sample's own target never leaks into its encoding.
 *
 * @example
 * const t = new TargetAgg({ by: ['shop'] }); t.learnOne({ shop: 1 }, 10); t.transformOne({ shop: 1 }); // { 'shop_target': 10 }
 * @see D. Micci-Barreca (2001). A preprocessing scheme for high-cardinality categorical attributes. SIGKDD Explor.
 */
export class TargetAgg implements Transformer {
  readonly kind = 'transformer' as const;
  readonly supervised = true;
  readonly options: Required<TargetAggOptions>;
  private groups = new Map<string, { n: number; sum: number }>();
  private n = 0;
  private sum = 0;

  constructor(options: TargetAggOptions = {}) {
    this.options = { by: [], smoothing: 10, positiveLabel: true, ...options };
    check(this.options.smoothing >= 0, 'smoothing must be >= 0');
  }

  private value(y: ClassLabel | number): number {
    return typeof y === 'number' && typeof this.options.positiveLabel === 'boolean'
      ? y
      : y === this.options.positiveLabel
        ? 1
        : 0;
  }

  private keys(x: Features): string[] {
    return (this.options.by.length > 0 ? this.options.by : Object.keys(x)).filter((k) => k in x);
  }

  learnOne(x: Features, y?: ClassLabel | number): void {
    if (y === undefined) throw new TypeError('TargetAgg needs the target');
    const v = this.value(y);
    this.n++;
    this.sum += v;
    for (const k of this.keys(x)) {
      const key = `${k}=${x[k]}`;
      const g = this.groups.get(key) ?? { n: 0, sum: 0 };
      g.n++;
      g.sum += v;
      this.groups.set(key, g);
    }
  }

  transformOne(x: Features): Features {
    const out: Features = {};
    const global = this.n > 0 ? this.sum / this.n : 0;
    const m = this.options.smoothing;
    for (const k of Object.keys(x)) {
      if (!this.keys(x).includes(k)) {
        out[k] = x[k];
        continue;
      }
      const g = this.groups.get(`${k}=${x[k]}`);
      const n = g?.n ?? 0;
      out[`${k}_target`] = n + m > 0 ? ((g?.sum ?? 0) + m * global) / (n + m) : global;
    }
    return out;
  }

  clone(): TargetAgg {
    return new TargetAgg(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): TargetAgg {
    return loadEstimator<TargetAgg>(json, 'preprocessing.TargetAgg');
  }
}
registerClass('preprocessing.TargetAgg', TargetAgg);
