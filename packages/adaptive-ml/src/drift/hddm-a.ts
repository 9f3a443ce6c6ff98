import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link HDDM_A}. */
export interface HDDMAOptions {
  /** Confidence of the drift test (default 0.001). */
  driftConfidence?: number;
  /** Confidence of the warning test (default 0.005). */
  warningConfidence?: number;
  /** Also detect decreases of the mean (default false). */
  twoSidedTest?: boolean;
}

interface Running {
  n: number;
  mean: number;
}

/**
 * HDDM_A: drift detection with Hoeffding's bound on moving averages (A-test). Tracks the cut point where the mean
 * (plus its bound) was lowest and signals when the current mean exceeds it significantly.
 *
 * @example
 * const h = new HDDM_A(); h.update(0);
 * @see I. Frías-Blanco et al. (2015). Online and non-parametric drift detection methods based on Hoeffding's bounds.
 *   IEEE TKDE 27(3).
 */
export class HDDM_A extends DetectorBase {
  readonly options: Required<HDDMAOptions>;
  private z: Running = { n: 0, mean: 0 };
  private xMin: Running = { n: 0, mean: 0 };
  private xMax: Running = { n: 0, mean: 0 };

  constructor(options: HDDMAOptions = {}) {
    super();
    this.options = { driftConfidence: 0.001, warningConfidence: 0.005, twoSidedTest: false, ...options };
    const o = this.options;
    check(o.driftConfidence > 0 && o.driftConfidence < 1, 'driftConfidence must be in (0, 1)');
    check(o.warningConfidence > 0 && o.warningConfidence < 1, 'warningConfidence must be in (0, 1)');
  }

  private reset(): void {
    this.resetFlags();
    this.z = { n: 0, mean: 0 };
    this.xMin = { n: 0, mean: 0 };
    this.xMax = { n: 0, mean: 0 };
  }

  private bound(n: number): number {
    return Math.sqrt((1 / (2 * n)) * Math.log(1 / this.options.driftConfidence));
  }

  update(x: number): void {
    if (this.drift) this.reset();
    const z = this.z;
    z.n += 1;
    z.mean += (x - z.mean) / z.n;
    if (this.xMin.n === 0) this.xMin = { ...z };
    if (this.xMax.n === 0) this.xMax = { ...z };
    const epsZ = this.bound(z.n);
    if (this.xMin.mean + this.bound(this.xMin.n) >= z.mean + epsZ) this.xMin = { ...z };
    if (this.xMax.mean - this.bound(this.xMax.n) <= z.mean - epsZ) this.xMax = { ...z };
    const { driftConfidence, warningConfidence } = this.options;
    if (this.meanIncreased(driftConfidence)) {
      this.warning = false;
      this.drift = true;
    } else if (this.meanIncreased(warningConfidence)) {
      this.warning = true;
      this.drift = false;
    } else {
      this.warning = false;
      this.drift = false;
    }
    if (this.options.twoSidedTest) {
      if (this.meanDecreased(driftConfidence)) this.drift = true;
      else if (this.meanDecreased(warningConfidence)) this.warning = true;
    }
  }

  private meanIncreased(confidence: number): boolean {
    if (this.xMin.n === this.z.n) return false;
    const m = ((this.z.n - this.xMin.n) / this.xMin.n) * (1 / this.z.n);
    return this.z.mean - this.xMin.mean >= Math.sqrt((m / 2) * Math.log(2 / confidence));
  }

  private meanDecreased(confidence: number): boolean {
    if (this.xMax.n === this.z.n) return false;
    const m = ((this.z.n - this.xMax.n) / this.xMax.n) * (1 / this.z.n);
    return this.xMax.mean - this.z.mean >= Math.sqrt((m / 2) * Math.log(2 / confidence));
  }

  clone(): HDDM_A {
    return new HDDM_A(this.options);
  }

  static fromJSON(json: EstimatorJson): HDDM_A {
    return loadEstimator<HDDM_A>(json, 'drift.HDDM_A');
  }
}
registerClass('drift.HDDM_A', HDDM_A);
