import { describe, expect, it } from 'vitest';
import { MersenneTwister } from '../base/rng.js';
import { EWMean } from './ew-mean.js';
import { Gaussian } from './gaussian.js';
import { ksTwoSample } from './ks-two-sample.js';
import { Mean } from './mean.js';
import { Quantile } from './quantile.js';
import { RollingWindow } from './rolling-window.js';
import { Variance } from './variance.js';

describe('stats', () => {
  it('Mean and Variance (Welford) update and revert', () => {
    const v = new Variance();
    const m = new Mean();
    for (const x of [3, 5, 4, 7, 10, 12]) {
      v.update(x);
      m.update(x);
    }
    expect(m.get()).toBeCloseTo(41 / 6, 12);
    expect(v.get()).toBeCloseTo(12.566666666666666, 12); // numpy.var([3,5,4,7,10,12], ddof=1)
    v.revert(12);
    expect(v.get()).toBeCloseTo(7.7, 12); // numpy.var([3,5,4,7,10], ddof=1)
    expect(new Variance(0).get()).toBe(0);
  });

  it('EWMean starts at the first value', () => {
    const e = new EWMean(0.5);
    e.update(1);
    e.update(3);
    expect(e.get()).toBe(2);
  });

  it("Gaussian pdf matches River's docstring (N(6.5, 0.707)(6.5) = 0.564189)", () => {
    const g = new Gaussian();
    g.update(6);
    g.update(7);
    expect(g.pdf(6.5)).toBeCloseTo(0.564189, 5); // docstring prints 6 digits of 1 / sqrt(pi) = 0.5641895835
    expect(g.cdf(6.5)).toBeCloseTo(0.5, 12);
  });

  it('P² quantile approaches the true median of a long uniform stream', () => {
    const rng = new MersenneTwister(1);
    const q = new Quantile(0.5);
    const q9 = new Quantile(0.9);
    for (let i = 0; i < 20000; i++) {
      const x = rng.random();
      q.update(x);
      q9.update(x);
    }
    expect(Math.abs(q.get() - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(q9.get() - 0.9)).toBeLessThan(0.02);
  });

  it('RollingWindow keeps mean, variance and quantiles of the last values only', () => {
    const w = new RollingWindow(3);
    for (const x of [1, 2, 3, 10]) w.update(x);
    expect(w.toArray()).toEqual([2, 3, 10]);
    expect(w.mean).toBe(5);
    expect(w.variance).toBeCloseTo(19, 10); // numpy.var([2,3,10], ddof=1)
    expect(w.quantile(0.5)).toBe(3);
  });

  it('KS two-sample statistic and exact p-value (scipy ks_2samp, method=exact)', () => {
    const r = ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.statistic).toBe(1);
    // scipy.stats.ks_2samp(range(1,6), range(6,11)).pvalue == 2 / C(10, 5) = 0.007936507936507936
    expect(r.pValue).toBeCloseTo(0.007936507936507936, 12);
  });
});
