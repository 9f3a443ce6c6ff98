import { registerClass } from '../base/serialization.js';

/**
 * Exponentially weighted mean: `m = a * x + (1 - a) * m`, seeded with the first value.
 *
 * @example
 * const m = new EWMean(0.5); m.update(1); m.update(3); m.get(); // 2
 */
export class EWMean {
  private mean = 0;
  private started = false;

  constructor(readonly fadingFactor = 0.5) {
    if (!(fadingFactor > 0 && fadingFactor <= 1)) throw new RangeError('fadingFactor must be in (0, 1]');
  }

  update(x: number): void {
    if (!this.started) {
      this.mean = x;
      this.started = true;
    } else this.mean = this.fadingFactor * x + (1 - this.fadingFactor) * this.mean;
  }

  get(): number {
    return this.mean;
  }
}
registerClass('stats.EWMean', EWMean);

/** Exponentially weighted variance: E_w[x^2] - E_w[x]^2 with two `EWMean`s. */
export class EWVariance {
  private readonly mean: EWMean;
  private readonly sq: EWMean;

  constructor(readonly fadingFactor = 0.5) {
    this.mean = new EWMean(fadingFactor);
    this.sq = new EWMean(fadingFactor);
  }

  update(x: number): void {
    this.mean.update(x);
    this.sq.update(x * x);
  }

  get(): number {
    const m = this.mean.get();
    return this.sq.get() - m * m;
  }
}
registerClass('stats.EWVariance', EWVariance);
