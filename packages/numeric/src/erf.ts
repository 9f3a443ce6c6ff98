import { erfcFraction, erfSeries, expMinusSquare } from './internal/error-function-parts.js';

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * Complementary error function, within a few ulps over its whole double range: 1 − the all-positive series of erf
 * below x = 0.75, the continued fraction A&S 7.1.14 above (with e^{-x²} free of the rounding of x²), and
 * 2 − erfc(−x) for negative x. Underflows to 0 beyond x ≈ 27.2.
 *
 * @example erfc(6) // 2.1519736712498913e-17
 * @see M. Abramowitz, I. A. Stegun, Handbook of Mathematical Functions, 7.1.6 and 7.1.14.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.75) return 1 - erfSeries(x);
  if (x > 27.3) return 0;
  return expMinusSquare(x) * INV_SQRT_PI * erfcFraction(x);
}

/**
 * Error function, within a few ulps (the series below 1, 1 − erfc above, which measured closer to correctly rounded
 * than the series from x = 1 on).
 *
 * @example erf(0.5) // 0.5204998778130466
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (x < 1) return erfSeries(x);
  return 1 - erfc(x);
}
