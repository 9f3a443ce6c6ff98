import { describe, expect, it } from 'vitest';
import { erfc, inverseNormalCdf, normalCdf } from './normal.js';

// Reference quantiles: R qnorm() / Wichura AS241 (printed to 17 significant digits).
const quantiles: Array<[number, number]> = [
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

describe('inverseNormalCdf', () => {
  it.each(quantiles)('matches the reference quantile at p = %s to 1e-12', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(z)));
  });

  it('inverts normalCdf from the far lower tail to z = 3', () => {
    for (let z = -7; z <= 3; z += 0.37) {
      expect(inverseNormalCdf(normalCdf(z))).toBeCloseTo(z, 9);
    }
  });

  it('throws RangeError outside [0, 1]', () => {
    expect(() => inverseNormalCdf(1.2)).toThrow(RangeError);
    expect(() => inverseNormalCdf(-0.1)).toThrow(RangeError);
  });
});

describe('erfc', () => {
  it('matches tabulated values', () => {
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 12);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 15);
    expect(normalCdf(1.3)).toBeCloseTo(0.9031995154143897, 15);
  });
});
