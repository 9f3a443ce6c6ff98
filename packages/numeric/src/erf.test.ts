import { describe, expect, it } from 'vitest';
import { erf, erfc } from './erf.js';
import { erfcValues, erfValues, relativeError as rel } from './internal/reference-values.js';

// Reference values (mpmath; A&S Table 7.1 and scipy agree): see ./internal/reference-values.ts.

describe('erf', () => {
  it.each(erfValues)('matches mpmath at x = %s to 1.5e-15 relative', (x, expected) => {
    expect(rel(erf(x), expected)).toBeLessThanOrEqual(1.5e-15);
    expect(erf(-x)).toBe(-erf(x));
  });

  it('handles zero, infinities and NaN', () => {
    expect(erf(0)).toBe(0);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erf(Number.NaN)).toBeNaN();
    expect(rel(erf(1e-300), 1.1283791670955126e-300)).toBeLessThanOrEqual(2e-16);
  });
});

describe('erfc', () => {
  // jstat 1.9.6 returns 0 for erfc(6) and is 2.4e-12 relative off at erfc(3): the reason this package exists.
  it.each(erfcValues)('matches mpmath at x = %s to 1.5e-15 relative', (x, expected) => {
    expect(rel(erfc(x), expected)).toBeLessThanOrEqual(1.5e-15);
  });

  it('is 2 − erfc(−x), underflows to 0 past x = 27.3 and passes NaN through', () => {
    expect(erfc(-3)).toBe(2 - erfc(3));
    expect(erfc(28)).toBe(0);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });

  it('stays consistent with erf where both are representable', () => {
    for (let x = -3; x <= 3; x += 0.173) expect(erf(x) + erfc(x)).toBeCloseTo(1, 15);
  });
});
