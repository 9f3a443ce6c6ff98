import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { Variance } from '../stats/variance.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link CUSUM}. */
export interface CUSUMOptions {
  /** Warm-up samples that fix the reference mean and deviation (default 30). */
  minInstances?: number;
  /** Slack k, in reference standard deviations (default 0.5). */
  slack?: number;
  /** Decision interval h, in reference standard deviations (default 5). */
  threshold?: number;
  /** Shifts to detect (default `both`). */
  mode?: 'up' | 'down' | 'both';
}

/**
 * Tabular CUSUM chart: two one-sided cumulative sums of deviations from a reference mean frozen after the warm-up,
 * less a slack; drift when either exceeds the threshold. Same definition as River's `drift.CUSUM`.
 *
 * @example
 * const c = new CUSUM(); c.update(0.3);
 * @see E. S. Page (1954). Continuous inspection schemes. Biometrika 41.
 */
export class CUSUM extends DetectorBase {
  readonly options: Required<CUSUMOptions>;
  private n = 0;
  private stats = new Variance();
  private sumUp = 0;
  private sumDown = 0;
  private reference: number | null = null;
  private sigma = 0;

  constructor(options: CUSUMOptions = {}) {
    super();
    this.options = { minInstances: 30, slack: 0.5, threshold: 5, mode: 'both', ...options };
    const o = this.options;
    check(o.slack >= 0, 'slack must be >= 0');
    check(o.threshold > 0, 'threshold must be > 0');
    check(o.minInstances >= 1, 'minInstances must be >= 1');
    check(['up', 'down', 'both'].includes(o.mode), "mode must be 'up', 'down' or 'both'");
  }

  private reset(): void {
    this.resetFlags();
    this.n = 0;
    this.stats = new Variance();
    this.sumUp = 0;
    this.sumDown = 0;
    this.reference = null;
    this.sigma = 0;
  }

  update(x: number): void {
    if (this.drift) this.reset();
    this.n++;
    this.stats.update(x);
    if (this.n < this.options.minInstances) {
      this.drift = false;
      return;
    }
    if (this.reference === null) {
      this.reference = this.stats.mean;
      this.sigma = Math.sqrt(Math.max(this.stats.get(), 0));
    }
    const k = this.options.slack * this.sigma;
    const limit = this.options.threshold * this.sigma;
    const deviation = x - this.reference;
    this.sumUp = Math.max(0, this.sumUp + deviation - k);
    this.sumDown = Math.max(0, this.sumDown - deviation - k);
    const mode = this.options.mode;
    this.drift = (mode !== 'down' && this.sumUp > limit) || (mode !== 'up' && this.sumDown > limit);
  }

  clone(): CUSUM {
    return new CUSUM(this.options);
  }

  static fromJSON(json: EstimatorJson): CUSUM {
    return loadEstimator<CUSUM>(json, 'drift.CUSUM');
  }
}
registerClass('drift.CUSUM', CUSUM);
