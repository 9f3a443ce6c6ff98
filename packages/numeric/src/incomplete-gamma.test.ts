import { describe, expect, it } from 'vitest';
import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
import { incompleteGammaValues, relativeError as rel } from './internal/reference-values.js';

// [a, x, P, Q] from mpmath (./internal/reference-values.ts). Both sides are checked to relative precision, so each
// is computed without cancellation where it is small. jstat 1.9.6 lowRegGamma(30, 25) is 2.6e-11 relative off.

describe('regularizedGammaP / regularizedGammaQ', () => {
  it.each(incompleteGammaValues)('match mpmath at a = %s, x = %s', (a, x, p, q) => {
    // A tiny value is e^(ln v): the rounding of its exponent costs about |ln v| ulps on top.
    const tol = (v: number) => Math.max(1e-14, 5e-16 * Math.abs(Math.log(v)));
    expect(rel(regularizedGammaP(a, x), p)).toBeLessThanOrEqual(tol(p));
    expect(rel(regularizedGammaQ(a, x), q)).toBeLessThanOrEqual(tol(q));
  });

  it('agree with closed forms: P(1, x) = 1 − e^{−x} and Q(1/2, x²) = erfc(x)', () => {
    for (const x of [0.01, 0.5, 2, 7, 30]) {
      expect(rel(regularizedGammaQ(1, x), Math.exp(-x))).toBeLessThanOrEqual(5e-15);
      expect(rel(regularizedGammaP(1, x), -Math.expm1(-x))).toBeLessThanOrEqual(5e-15);
    }
    expect(rel(regularizedGammaQ(0.5, 9), 2.209049699858544e-5)).toBeLessThanOrEqual(5e-15);
  });

  it('handle the ends of the domain and reject a <= 0', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaP(2, -1)).toBe(0);
    expect(regularizedGammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(regularizedGammaP(2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(regularizedGammaP(0, 1)).toBeNaN();
    expect(regularizedGammaQ(-1, 1)).toBeNaN();
    expect(regularizedGammaP(1, Number.NaN)).toBeNaN();
  });
});
