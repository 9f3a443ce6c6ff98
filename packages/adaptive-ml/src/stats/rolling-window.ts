import { check } from '../base/check.js';
import { registerClass } from '../base/serialization.js';
import { Variance } from './variance.js';

/**
 * Mean and variance over the last `windowSize` values, by updating with the newcomer and reverting the value that
 * leaves (Welford with revert); `quantile(q)` reads the exact quantile of the window.
 *
 * @example
 * const w = new RollingWindow(3); [1, 2, 3, 10].forEach((x) => w.update(x)); w.mean; // 5
 */
export class RollingWindow {
  private values: Float64Array;
  private head = 0;
  private size = 0;
  private stats: Variance;

  constructor(
    readonly windowSize: number,
    ddof = 1,
  ) {
    check(Number.isInteger(windowSize) && windowSize >= 1, 'windowSize must be a positive integer');
    this.values = new Float64Array(windowSize);
    this.stats = new Variance(ddof);
  }

  update(x: number): void {
    if (this.size === this.windowSize) {
      this.stats.revert(this.values[this.head]);
    } else this.size++;
    this.values[this.head] = x;
    this.head = (this.head + 1) % this.windowSize;
    this.stats.update(x);
  }

  get count(): number {
    return this.size;
  }

  get mean(): number {
    return this.stats.mean;
  }

  get variance(): number {
    return this.stats.get();
  }

  /** Exact quantile (linear interpolation) of the values in the window. */
  quantile(q: number): number {
    check(q >= 0 && q <= 1, 'q must be in [0, 1]');
    if (this.size === 0) return 0;
    const sorted = Array.from(this.values.subarray(0, this.size)).sort((a, b) => a - b);
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The window's values, oldest first. */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) {
      out.push(this.values[(this.head - this.size + i + this.windowSize) % this.windowSize]);
    }
    return out;
  }
}
registerClass('stats.RollingWindow', RollingWindow);
