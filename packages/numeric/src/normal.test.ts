import { describe, expect, it } from 'vitest';
import {
  mpmathQuantileValues,
  normalCdfValues,
  relativeError as rel,
  rQnormValues,
} from './internal/reference-values.js';
import { inverseNormalCdf, normalCdf, normalPdf, normalSurvival } from './normal.js';

// Reference values (R qnorm, mpmath): see ./internal/reference-values.ts.

describe('inverseNormalCdf', () => {
  it.each(rQnormValues)('matches R qnorm at p = %s to 1e-15', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
  });

  it.each(mpmathQuantileValues)('matches mpmath at p = %s to 2e-15 relative, tails and centre alike', (p, z) => {
    expect(rel(inverseNormalCdf(p), z)).toBeLessThanOrEqual(2e-15);
  });

  it('inverts normalCdf from the far lower tail to z = 3', () => {
    for (let z = -37; z <= 3; z += 0.37) {
      expect(Math.abs(inverseNormalCdf(normalCdf(z)) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)));
    }
  });

  it('maps 0 and 1 to infinities and throws RangeError outside [0, 1]', () => {
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => inverseNormalCdf(1.2)).toThrow(RangeError);
    expect(() => inverseNormalCdf(-0.1)).toThrow(RangeError);
    expect(() => inverseNormalCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('normalCdf / normalSurvival / normalPdf', () => {
  // mpmath ncdf; jstat 1.9.6 normal.cdf(-7) is 2.3e-5 relative off.
  it('keeps relative precision deep in both tails', () => {
    for (const [z, p] of normalCdfValues) {
      expect(rel(normalCdf(z), p)).toBeLessThanOrEqual(1.5e-15);
      expect(rel(normalSurvival(-z), p)).toBeLessThanOrEqual(1.5e-15);
    }
    expect(normalSurvival(1.959963984540054)).toBeCloseTo(0.025, 15);
  });

  it('has the standard density', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalPdf(1.5)).toBe(normalPdf(-1.5));
    expect(rel(normalPdf(3), Math.exp(-4.5) / Math.sqrt(2 * Math.PI))).toBeLessThanOrEqual(1e-15);
  });
});
