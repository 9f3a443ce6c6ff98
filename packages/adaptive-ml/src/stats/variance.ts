import { registerClass } from '../base/serialization.js';

/**
 * Running variance by Welford's algorithm, weighted, with `revert`. `ddof` 1 gives the sample variance (River's
 * default), 0 the population variance.
 *
 * @example
 * const v = new Variance(); for (const x of [3, 5, 4, 7, 10, 12]) v.update(x); v.get(); // 12.56666...
 */
export class Variance {
  n = 0;
  mean = 0;
  private m2 = 0;

  constructor(readonly ddof = 1) {
    if (ddof < 0) throw new RangeError('ddof must be >= 0');
  }

  update(x: number, w = 1): void {
    const oldMean = this.mean;
    this.n += w;
    this.mean += (w / this.n) * (x - oldMean);
    this.m2 += w * (x - oldMean) * (x - this.mean);
  }

  revert(x: number, w = 1): void {
    const oldMean = this.mean;
    this.n -= w;
    if (this.n < 0) throw new RangeError('cannot revert more weight than was added');
    if (this.n === 0) {
      this.mean = 0;
      this.m2 = 0;
      return;
    }
    this.mean -= (w / this.n) * (x - oldMean);
    this.m2 -= w * (x - oldMean) * (x - this.mean);
  }

  get(): number {
    return this.n > this.ddof ? this.m2 / (this.n - this.ddof) : 0;
  }

  clone(): Variance {
    const copy = new Variance(this.ddof);
    copy.n = this.n;
    copy.mean = this.mean;
    copy.m2 = this.m2;
    return copy;
  }
}
registerClass('stats.Variance', Variance);
