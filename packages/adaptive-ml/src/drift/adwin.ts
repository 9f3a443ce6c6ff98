import { check } from '../base/check.js';
import type { EstimatorJson } from '../base/estimator.js';
import { loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { DetectorBase } from './internal/detector-base.js';

/** Options of {@link ADWIN}. */
export interface ADWINOptions {
  /** Confidence of the cut test (default 0.002). */
  delta?: number;
  /** Check for cuts every `clock` updates (default 32). */
  clock?: number;
  /** Buckets per row before two merge (default 5). */
  maxBuckets?: number;
  /** Minimum length of each sub-window (default 5). */
  minWindowLength?: number;
  /** No cut is checked until the window holds more than this (default 10). */
  gracePeriod?: number;
}

class BucketRow {
  totals: Float64Array;
  variances: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.totals = new Float64Array(capacity);
    this.variances = new Float64Array(capacity);
  }
  insert(total: number, variance: number): void {
    this.totals[this.size] = total;
    this.variances[this.size] = variance;
    this.size++;
  }
  /** Drops the `count` oldest buckets of this row. */
  shift(count: number): void {
    this.totals.copyWithin(0, count);
    this.variances.copyWithin(0, count);
    this.totals.fill(0, this.totals.length - count);
    this.variances.fill(0, this.variances.length - count);
    this.size -= count;
  }
}
registerClass('drift.ADWIN.BucketRow', BucketRow);

/**
 * ADWIN (ADaptive WINdowing): keeps a window of recent values in exponential-histogram buckets and drops its older
 * part whenever the means of two sub-windows differ by more than a Hoeffding-style bound. Same bucket layout, test
 * schedule and bound as River's `drift.ADWIN`, so it reports the same indices.
 *
 * @example
 * const adwin = new ADWIN();
 * for (const [i, x] of stream.entries()) { adwin.update(x); if (adwin.driftDetected) console.log(i); }
 * @see A. Bifet, R. Gavaldà (2007). Learning from time-changing data with adaptive windowing. SDM.
 */
export class ADWIN extends DetectorBase {
  readonly options: Required<ADWINOptions>;
  private rows: BucketRow[] = [];
  private total = 0;
  private variance = 0;
  private windowWidth = 0;
  private tick = 0;
  /** Number of detections since construction. */
  nDetections = 0;

  constructor(options: ADWINOptions = {}) {
    super();
    this.options = { delta: 0.002, clock: 32, maxBuckets: 5, minWindowLength: 5, gracePeriod: 10, ...options };
    const o = this.options;
    check(o.delta > 0 && o.delta < 1, 'delta must be in (0, 1)');
    check(Number.isInteger(o.clock) && o.clock >= 1, 'clock must be a positive integer');
    check(Number.isInteger(o.maxBuckets) && o.maxBuckets >= 2, 'maxBuckets must be an integer >= 2');
    check(o.minWindowLength >= 1, 'minWindowLength must be >= 1');
    this.reset();
  }

  private reset(): void {
    this.resetFlags();
    this.rows = [new BucketRow(this.options.maxBuckets + 1)];
    this.total = 0;
    this.variance = 0;
    this.windowWidth = 0;
    this.tick = 0;
  }

  /** Current window length. */
  get width(): number {
    return this.windowWidth;
  }

  /** Mean of the current window. */
  get estimation(): number {
    return this.windowWidth === 0 ? 0 : this.total / this.windowWidth;
  }

  update(x: number): void {
    if (this.drift) this.reset();
    this.insert(x);
    this.drift = this.detect();
    if (this.drift) this.nDetections++;
  }

  private insert(value: number): void {
    this.rows[0].insert(value, 0);
    this.windowWidth += 1;
    if (this.windowWidth > 1) {
      const d = value - this.total / (this.windowWidth - 1);
      this.variance += ((this.windowWidth - 1) * d * d) / this.windowWidth;
    }
    this.total += value;
    this.compress();
  }

  private compress(): void {
    const max = this.options.maxBuckets;
    for (let idx = 0; idx < this.rows.length; idx++) {
      const row = this.rows[idx];
      if (row.size !== max + 1) break;
      if (idx + 1 === this.rows.length) this.rows.push(new BucketRow(max + 1));
      const next = this.rows[idx + 1];
      const n = 2 ** idx;
      const mu1 = row.totals[0] / n;
      const mu2 = row.totals[1] / n;
      const extra = (n * n * (mu1 - mu2) * (mu1 - mu2)) / (n + n);
      next.insert(row.totals[0] + row.totals[1], row.variances[0] + row.variances[1] + extra);
      row.shift(2);
      if (next.size <= max) break;
    }
  }

  private deleteOldest(): number {
    const last = this.rows.length - 1;
    const row = this.rows[last];
    const n = 2 ** last;
    const u = row.totals[0];
    const mu = u / n;
    const v = row.variances[0];
    this.windowWidth -= n;
    this.total -= u;
    const muWindow = this.total / this.windowWidth;
    this.variance -= v + (n * this.windowWidth * (mu - muWindow) * (mu - muWindow)) / (n + this.windowWidth);
    row.shift(1);
    if (row.size === 0) this.rows.pop();
    return n;
  }

  private detect(): boolean {
    const { clock, gracePeriod, minWindowLength } = this.options;
    let changed = false;
    this.tick++;
    if (this.tick % clock !== 0 || this.windowWidth <= gracePeriod) return false;
    let reduce = true;
    while (reduce) {
      reduce = false;
      let exit = false;
      let n0 = 0;
      let n1 = this.windowWidth;
      let u0 = 0;
      let u1 = this.total;
      for (let idx = this.rows.length - 1; idx >= 0 && !exit; idx--) {
        const row = this.rows[idx];
        const n2 = 2 ** idx;
        for (let k = 0; k < row.size - 1; k++) {
          n0 += n2;
          n1 -= n2;
          u0 += row.totals[k];
          u1 -= row.totals[k];
          if (idx === 0 && k === row.size - 1) {
            exit = true;
            break;
          }
          const deltaMean = u0 / n0 - u1 / n1;
          if (n1 >= minWindowLength && n0 >= minWindowLength && this.cut(n0, n1, deltaMean)) {
            reduce = true;
            changed = true;
            if (this.windowWidth > 0) {
              n0 -= this.deleteOldest();
              exit = true;
              break;
            }
          }
        }
      }
    }
    return changed;
  }

  private cut(n0: number, n1: number, deltaMean: number): boolean {
    const m = this.options.minWindowLength;
    const deltaPrime = Math.log((2 * Math.log(this.windowWidth)) / this.options.delta);
    const mRecip = 1 / (n0 - m + 1) + 1 / (n1 - m + 1);
    const varianceInWindow = this.variance / this.windowWidth;
    const epsilon = Math.sqrt(2 * mRecip * varianceInWindow * deltaPrime) + (2 / 3) * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }

  clone(): ADWIN {
    return new ADWIN(this.options);
  }

  static fromJSON(json: EstimatorJson): ADWIN {
    return loadEstimator<ADWIN>(json, 'drift.ADWIN');
  }
}
registerClass('drift.ADWIN', ADWIN);
