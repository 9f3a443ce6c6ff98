import { describe, expect, it } from 'vitest';
import { logGamma } from './log-gamma.js';

// mpmath 1.3.0 (mp.dps = 50) loggamma, rounded to double. jstat 1.9.6 gammaln(10.5) is 6.7e-13 off.
const table: Array<[number, number]> = [
  [1e-5, 11.512919692895826],
  [0.1, 2.252712651734206],
  [0.5, 0.5723649429247001],
  [1.5, -0.12078223763524522],
  [2.5, 0.2846828704729192],
  [3.7, 1.4280723266653879],
  [10.5, 13.940625219403763],
  [30, 71.25703896716801],
  [100.25, 360.28455963776423],
  [1e4, 82099.71749644238],
];

describe('logGamma', () => {
  it.each(table)('matches mpmath at x = %s (absolute 3e-15 or relative 1e-14)', (x, expected) => {
    const err = Math.abs(logGamma(x) - expected);
    expect(err).toBeLessThanOrEqual(Math.max(3e-15, 1e-14 * Math.abs(expected)));
  });

  it('is exact-ish at the integers, where log Γ is log (n − 1)!', () => {
    expect(Math.abs(logGamma(1))).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThanOrEqual(1e-15);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 13);
  });
});
