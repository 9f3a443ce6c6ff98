import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { Variance } from '../stats/variance.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link EDDM}. */
export interface EDDMOptions {
  /** Errors (and samples) before a change can be signalled (default 30). */
  warmStart?: number;
  /** Warning level (default 0.95). */
  alpha?: number;
  /** Drift level (default 0.9). */
  beta?: number;
}

/**
 * EDDM (Early Drift Detection Method): tracks the mean and deviation of the distance between errors; a drop of
 * (p' + 2 s') below `beta` (drift) or `alpha` (warning) times its maximum signals a change.
 *
 * @example
 * const eddm = new EDDM({ alpha: 0.8, beta: 0.75 }); eddm.update(1);
 * @see M. Baena-García et al. (2006). Early drift detection method. IWKDDS.
 */
export class EDDM extends DetectorBase {
  readonly options: Required<EDDMOptions>;
  private distances = new Variance();
  private n = 0;
  private lastError = 0;
  private nErrors = 0;
  private maxLevel = -1;

  constructor(options: EDDMOptions = {}) {
    super();
    this.options = { warmStart: 30, alpha: 0.95, beta: 0.9, ...options };
    check(this.options.alpha >= this.options.beta, 'alpha must be >= beta');
    check(this.options.beta > 0 && this.options.alpha <= 1, 'alpha and beta must be in (0, 1]');
  }

  private reset(): void {
    this.resetFlags();
    this.distances = new Variance();
    this.n = 0;
    this.lastError = 0;
    this.nErrors = 0;
    this.maxLevel = -1;
  }

  update(x: number): void {
    if (this.drift) this.reset();
    this.n++;
    if (x !== 1) return;
    this.nErrors++;
    this.distances.update(this.n - this.lastError);
    if (this.n > this.options.warmStart) {
      const level = this.distances.mean + 2 * Math.sqrt(this.distances.get());
      if (level > this.maxLevel) this.maxLevel = level;
      else if (this.nErrors > this.options.warmStart) {
        const ratio = level / this.maxLevel;
        if (ratio < this.options.beta) this.drift = true;
        else this.warning = ratio < this.options.alpha;
      }
    }
    this.lastError = this.n;
  }

  clone(): EDDM {
    return new EDDM(this.options);
  }

  static fromJSON(json: EstimatorJson): EDDM {
    return loadEstimator<EDDM>(json, 'drift.EDDM');
  }
}
registerClass('drift.EDDM', EDDM);
