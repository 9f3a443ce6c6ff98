import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { EWVariance } from '../stats/ew-mean.js';
import { Mean } from '../stats/mean.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link EWMAChart}. */
export interface EWMAChartOptions {
  /** Weight of the newest value in the chart statistic, in (0, 1] (default 0.1). */
  alpha?: number;
  /** Control limit in EWMA standard errors (default 4). */
  threshold?: number;
  /** Warm-up samples (default 30). */
  minInstances?: number;
  /** Shifts to detect (default `both`). */
  mode?: 'up' | 'down' | 'both';
}

/**
 * EWMA control chart: Z = a x + (1 - a) Z against the running mean, with limits `threshold * sigma *
 * sqrt(a / (2 - a) * (1 - (1 - a)^(2n)))` (sigma from an exponentially weighted variance). Same definition as River's
 * `drift.EWMA`.
 *
 * @example
 * const e = new EWMAChart({ alpha: 0.1, threshold: 4, minInstances: 50 }); e.update(1.2);
 * @see S. W. Roberts (1959). Control chart tests based on geometric moving averages. Technometrics 1(3).
 */
export class EWMAChart extends DetectorBase {
  readonly options: Required<EWMAChartOptions>;
  private n = 0;
  private z = 0;
  private mean = new Mean();
  private ewVariance: EWVariance;

  constructor(options: EWMAChartOptions = {}) {
    super();
    this.options = { alpha: 0.1, threshold: 4, minInstances: 30, mode: 'both', ...options };
    const o = this.options;
    check(o.alpha > 0 && o.alpha <= 1, 'alpha must be in (0, 1]');
    check(o.threshold > 0, 'threshold must be > 0');
    check(o.minInstances >= 1, 'minInstances must be >= 1');
    check(['up', 'down', 'both'].includes(o.mode), "mode must be 'up', 'down' or 'both'");
    this.ewVariance = new EWVariance(o.alpha);
  }

  private reset(): void {
    this.resetFlags();
    this.n = 0;
    this.z = 0;
    this.mean = new Mean();
    this.ewVariance = new EWVariance(this.options.alpha);
  }

  update(x: number): void {
    if (this.drift) this.reset();
    const { alpha, threshold, minInstances, mode } = this.options;
    this.n++;
    this.z = this.n === 1 ? x : alpha * x + (1 - alpha) * this.z;
    this.mean.update(x);
    this.ewVariance.update(x);
    if (this.n < minInstances) {
      this.drift = false;
      return;
    }
    const sigma = Math.sqrt(Math.max(this.ewVariance.get(), 0));
    const factor = (alpha / (2 - alpha)) * (1 - (1 - alpha) ** (2 * this.n));
    const bound = threshold * sigma * Math.sqrt(factor);
    const up = this.z - this.mean.get();
    this.drift = (mode !== 'down' && up > bound) || (mode !== 'up' && -up > bound);
  }

  clone(): EWMAChart {
    return new EWMAChart(this.options);
  }

  static fromJSON(json: EstimatorJson): EWMAChart {
    return loadEstimator<EWMAChart>(json, 'drift.EWMAChart');
  }
}
registerClass('drift.EWMAChart', EWMAChart);
