import { logGammaPrefix } from './internal/gamma-prefix.js';

const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Σ x^n / (a (a+1) … (a+n)), so that P(a, x) = prefactor · sum; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum;
}

/**
 * The continued fraction 1/(x+1-a- 1·(1-a)/(x+3-a- 2·(2-a)/(x+5-a- …))) evaluated by the modified Lentz method, so
 * that Q(a, x) = prefactor · fraction; converges fast for x >= a + 1.
 */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a) for a > 0: the power series below x = a + 1, one minus
 * the continued fraction of Q above; relative error <= 6e-15 for a < 10 and <= 7e-14 up to a = 1e4 (measured against
 * mpmath, README). Returns 0 for x <= 0 and NaN for a <= 0 or NaN input.
 *
 * @example regularizedGammaP(2.5, 1.5) // 0.3000141641213721 (mpmath: 0.3000141641213725)
 * @see W. H. Press et al., Numerical Recipes, 3rd ed., §6.2.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x < a + 1) return Math.exp(logGammaPrefix(a, x)) * lowerSeries(a, x);
  return 1 - Math.exp(logGammaPrefix(a, x)) * upperContinuedFraction(a, x);
}

/**
 * Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x) for a > 0, computed directly (no
 * cancellation) where it is the small side, x >= a + 1. Returns 1 for x <= 0 and NaN for a <= 0 or NaN input.
 *
 * @example regularizedGammaQ(1.5, 3.75) // 0.05755845197263635, the chi-square(3) survival at 7.5
 * @see W. H. Press et al., Numerical Recipes, 3rd ed., §6.2.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return 1 - Math.exp(logGammaPrefix(a, x)) * lowerSeries(a, x);
  return Math.exp(logGammaPrefix(a, x)) * upperContinuedFraction(a, x);
}
