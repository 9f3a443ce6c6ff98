import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, normalCdf, normalPdf, normalSurvival } from './normal.js';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

// R qnorm() / Wichura AS241, printed to 17 significant digits (the table restock tested against).
const rQuantiles: Array<[number, number]> = [
  [0.5, 0],
  [0.9, 1.2815515655446004],
  [0.95, 1.6448536269514722],
  [0.975, 1.959963984540054],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
  [0.01, -2.3263478740408408],
  [0.3, -0.5244005127080407],
  [1e-10, -6.361340902404056],
];
// mpmath 1.3.0 (mp.dps = 60): root of ncdf(z) = p, solved on log ncdf for the far tail.
const mpmathQuantiles: Array<[number, number]> = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965326],
  [1e-20, -9.262340089798407],
  [0.0696, -1.478776719098489],
  [0.4999, -0.00025066283008800747],
];

describe('inverseNormalCdf', () => {
  it.each(rQuantiles)('matches R qnorm at p = %s to 1e-15', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
  });

  it.each(mpmathQuantiles)('matches mpmath at p = %s to 2e-15 relative, tails and centre alike', (p, z) => {
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
    expect(rel(normalCdf(-7), 1.279812543885835e-12)).toBeLessThanOrEqual(1.5e-15);
    expect(rel(normalCdf(-37), 5.725571222524577e-300)).toBeLessThanOrEqual(1.5e-15);
    expect(rel(normalSurvival(8.5), 9.479534822203318e-18)).toBeLessThanOrEqual(1.5e-15);
    expect(normalCdf(1.3)).toBeCloseTo(0.9031995154143897, 15);
    expect(normalSurvival(1.959963984540054)).toBeCloseTo(0.025, 15);
  });

  it('has the standard density', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalPdf(1.5)).toBe(normalPdf(-1.5));
    expect(rel(normalPdf(3), Math.exp(-4.5) / Math.sqrt(2 * Math.PI))).toBeLessThanOrEqual(1e-15);
  });
});
