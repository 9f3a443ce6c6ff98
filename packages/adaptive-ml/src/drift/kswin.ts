import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { registerClass } from '../base/serialization.js';
import { ksTwoSample } from '../stats/ks-two-sample.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link KSWIN}. */
export interface KSWINOptions {
  /** Significance of the Kolmogorov-Smirnov test (default 0.005). */
  alpha?: number;
  /** Sliding window length (default 100). */
  windowSize?: number;
  /** Length of the recent sub-window compared against a sample of the older part (default 30). */
  statSize?: number;
  /** Seed of the sampling (CPython-compatible MT19937; default 0). */
  seed?: number;
}

/**
 * KSWIN: Kolmogorov-Smirnov windowing. Compares the `statSize` newest values with `statSize` values drawn from the
 * older part of the window; drift when the two-sample KS p-value <= alpha and the statistic > 0.1. Sampling uses
 * CPython's `random.sample` draw order, so a seed reproduces River's detections.
 *
 * @example
 * const k = new KSWIN({ alpha: 0.0001, seed: 42 }); k.update(3);
 * @see C. Raab, M. Heusinger, F.-M. Schleif (2020). Reactive soft prototype computing for concept drift streams.
 *   Neurocomputing 416.
 */
export class KSWIN extends DetectorBase {
  readonly options: Required<KSWINOptions>;
  private window: number[] = [];
  private rng: MersenneTwister;
  /** p-value of the last test. */
  pValue = 0;

  constructor(options: KSWINOptions = {}) {
    super();
    this.options = { alpha: 0.005, windowSize: 100, statSize: 30, seed: 0, ...options };
    const o = this.options;
    check(o.alpha > 0 && o.alpha < 1, 'alpha must be in (0, 1)');
    check(Number.isInteger(o.windowSize) && o.windowSize > 0, 'windowSize must be a positive integer');
    check(
      Number.isInteger(o.statSize) && o.statSize > 0 && o.statSize < o.windowSize,
      'statSize must be in (0, windowSize)',
    );
    this.rng = new MersenneTwister(o.seed);
  }

  private reset(): void {
    this.resetFlags();
    this.pValue = 0;
    this.window = [];
    this.rng = new MersenneTwister(this.options.seed);
  }

  update(x: number): void {
    if (this.drift) this.reset();
    const { windowSize, statSize, alpha } = this.options;
    this.window.push(x);
    if (this.window.length > windowSize) this.window.shift();
    if (this.window.length < windowSize) {
      this.drift = false;
      return;
    }
    const older = this.rng.sample(windowSize - statSize, statSize).map((i) => this.window[i]);
    const recent = this.window.slice(windowSize - statSize);
    const { statistic, pValue } = ksTwoSample(older, recent);
    this.pValue = pValue;
    if (pValue <= alpha && statistic > 0.1) {
      this.drift = true;
      this.window = recent;
    } else this.drift = false;
  }

  clone(): KSWIN {
    return new KSWIN(this.options);
  }

  static fromJSON(json: EstimatorJson): KSWIN {
    return loadEstimator<KSWIN>(json, 'drift.KSWIN');
  }
}
registerClass('drift.KSWIN', KSWIN);
