import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { Mean } from '../stats/mean.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link DDM}. */
export interface DDMOptions {
  /** Samples before a change can be signalled (default 30). */
  warmStart?: number;
  /** Warning when p + s > p_min + warningThreshold * s_min (default 2). */
  warningThreshold?: number;
  /** Drift when p + s > p_min + driftThreshold * s_min (default 3). */
  driftThreshold?: number;
}

/**
 * DDM (Drift Detection Method) over a stream of errors (1) and successes (0): watches the error rate p and its
 * binomial standard deviation s against their recorded minimum.
 *
 * @example
 * const ddm = new DDM(); ddm.update(1); ddm.warningDetected; // false
 * @see J. Gama, P. Medas, G. Castillo, P. Rodrigues (2004). Learning with drift detection. SBIA.
 */
export class DDM extends DetectorBase {
  readonly options: Required<DDMOptions>;
  private p = new Mean();
  private pMin = Number.POSITIVE_INFINITY;
  private sMin = Number.POSITIVE_INFINITY;
  private psMin = Number.POSITIVE_INFINITY;

  constructor(options: DDMOptions = {}) {
    super();
    this.options = { warmStart: 30, warningThreshold: 2, driftThreshold: 3, ...options };
    check(this.options.warmStart >= 0, 'warmStart must be >= 0');
    check(this.options.driftThreshold >= this.options.warningThreshold, 'driftThreshold must be >= warningThreshold');
  }

  private reset(): void {
    this.resetFlags();
    this.p = new Mean();
    this.pMin = Number.POSITIVE_INFINITY;
    this.sMin = Number.POSITIVE_INFINITY;
    this.psMin = Number.POSITIVE_INFINITY;
  }

  update(x: number): void {
    if (this.drift) this.reset();
    this.p.update(x);
    const p = this.p.get();
    const n = this.p.n;
    const s = Math.sqrt((p * (1 - p)) / n);
    if (n > this.options.warmStart) {
      if (p + s <= this.psMin) {
        this.pMin = p;
        this.sMin = s;
        this.psMin = p + s;
      }
      this.warning = p + s > this.pMin + this.options.warningThreshold * this.sMin;
      if (p + s > this.pMin + this.options.driftThreshold * this.sMin) {
        this.drift = true;
        this.warning = false;
      }
    }
  }

  clone(): DDM {
    return new DDM(this.options);
  }

  static fromJSON(json: EstimatorJson): DDM {
    return loadEstimator<DDM>(json, 'drift.DDM');
  }
}
registerClass('drift.DDM', DDM);
