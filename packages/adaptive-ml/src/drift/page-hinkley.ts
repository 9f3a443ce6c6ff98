import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link PageHinkley}. */
export interface PageHinkleyOptions {
  /** Updates before a change can be signalled (default 30). */
  minInstances?: number;
  /** Tolerated magnitude of change (default 0.005). */
  delta?: number;
  /** Detection threshold lambda (default 50). */
  threshold?: number;
  /** Forgetting factor of the cumulative sum (default 0.9999). */
  alpha?: number;
  /** Which shifts to detect: increases of the mean (`up`, default, as River's docstring version), `down` or `both`. */
  mode?: 'up' | 'down' | 'both';
}

/**
 * Page-Hinkley test: a faded cumulative sum of deviations from the running mean; a change is signalled when it exceeds
 * `threshold`. No warning zone.
 *
 * @example
 * const ph = new PageHinkley(); ph.update(0.4); ph.driftDetected; // false
 * @see E. S. Page (1954). Continuous inspection schemes. Biometrika 41.
 */
export class PageHinkley extends DetectorBase {
  readonly options: Required<PageHinkleyOptions>;
  private sampleCount = 1;
  private mean = 0;
  private sumUp = 0;
  private sumDown = 0;

  constructor(options: PageHinkleyOptions = {}) {
    super();
    this.options = { minInstances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001, mode: 'up', ...options };
    const o = this.options;
    check(o.minInstances >= 1, 'minInstances must be >= 1');
    check(o.threshold > 0, 'threshold must be > 0');
    check(o.alpha > 0 && o.alpha <= 1, 'alpha must be in (0, 1]');
    check(['up', 'down', 'both'].includes(o.mode), "mode must be 'up', 'down' or 'both'");
  }

  private reset(): void {
    this.resetFlags();
    this.sampleCount = 1;
    this.mean = 0;
    this.sumUp = 0;
    this.sumDown = 0;
  }

  update(x: number): void {
    if (this.drift) this.reset();
    const { alpha, delta, threshold, minInstances, mode } = this.options;
    this.mean += (x - this.mean) / this.sampleCount;
    this.sumUp = Math.max(0, alpha * this.sumUp + (x - this.mean - delta));
    this.sumDown = Math.max(0, alpha * this.sumDown + (this.mean - x - delta));
    this.sampleCount++;
    this.drift = false;
    if (this.sampleCount >= minInstances) {
      const up = mode !== 'down' && this.sumUp >= threshold;
      const down = mode !== 'up' && this.sumDown >= threshold;
      this.drift = up || down;
    }
  }

  clone(): PageHinkley {
    return new PageHinkley(this.options);
  }

  static fromJSON(json: EstimatorJson): PageHinkley {
    return loadEstimator<PageHinkley>(json, 'drift.PageHinkley');
  }
}
registerClass('drift.PageHinkley', PageHinkley);
