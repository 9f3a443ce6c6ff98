import { registerClass } from '../base/serialization.js';

/**
 * Running (weighted) mean with `revert`.
 *
 * @example
 * const m = new Mean(); for (const x of [1, 2, 3]) m.update(x); m.get(); // 2
 */
export class Mean {
  n = 0;
  private mean = 0;

  update(x: number, w = 1): void {
    this.n += w;
    this.mean += (w / this.n) * (x - this.mean);
  }

  revert(x: number, w = 1): void {
    this.n -= w;
    if (this.n < 0) throw new RangeError('cannot revert more weight than was added');
    if (this.n === 0) this.mean = 0;
    else this.mean -= (w / this.n) * (x - this.mean);
  }

  get(): number {
    return this.mean;
  }

  clone(): Mean {
    const copy = new Mean();
    copy.n = this.n;
    copy.mean = this.mean;
    return copy;
  }
}
registerClass('stats.Mean', Mean);
