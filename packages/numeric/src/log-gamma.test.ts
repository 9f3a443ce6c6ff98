import { describe, expect, it } from 'vitest';
import { logGammaValues } from './internal/reference-values.js';
import { logGamma } from './log-gamma.js';

// mpmath loggamma values: see ./internal/reference-values.ts. jstat 1.9.6 gammaln(10.5) is 6.7e-13 off.

describe('logGamma', () => {
  it.each(logGammaValues)('matches mpmath at x = %s (absolute 3e-15 or relative 1e-14)', (x, expected) => {
    const err = Math.abs(logGamma(x) - expected);
    expect(err).toBeLessThanOrEqual(Math.max(3e-15, 1e-14 * Math.abs(expected)));
  });

  it('is exact-ish at the integers, where log Γ is log (n − 1)!', () => {
    expect(Math.abs(logGamma(1))).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThanOrEqual(1e-15);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 13);
  });
});
