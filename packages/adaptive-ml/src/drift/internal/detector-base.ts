import type { DriftDetector, EstimatorJson } from '../../base/estimator.js';
import { dumpEstimator } from '../../base/estimator.js';

/** Shared flags and persistence of the drift detectors; subclasses implement `update` and `reset`. */
export abstract class DetectorBase implements DriftDetector {
  readonly kind = 'drift-detector' as const;
  protected drift = false;
  protected warning = false;

  /** True right after the update that detected a change (the next update starts a fresh window). */
  get driftDetected(): boolean {
    return this.drift;
  }

  /** True while the detector is in its warning zone (always false for detectors without one). */
  get warningDetected(): boolean {
    return this.warning;
  }

  abstract update(x: number): void;
  abstract clone(): DriftDetector;

  protected resetFlags(): void {
    this.drift = false;
    this.warning = false;
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }
}
