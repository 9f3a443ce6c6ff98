import { logGamma } from '../log-gamma.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** B₂ₖ / (2k(2k − 1)) for k = 1..8: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156, −3617/122400. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/**
 * ln(1 + t) − t without cancellation: for |t| <= 1/2 through u = t/(2 + t), ln(1 + t) = 2 atanh(u), so that
 * ln(1 + t) − t = −t·u + 2u³(1/3 + u²/5 + u⁴/7 + …) with |u| <= 1/3; log1p(t) − t elsewhere.
 */
export function log1pMinusX(t: number): number {
  if (Math.abs(t) > 0.5) return Math.log1p(t) - t;
  const u = t / (2 + t);
  const u2 = u * u;
  let power = u2;
  let sum = 1 / 3;
  for (let k = 5; k < 60; k += 2) {
    const term = power / k;
    sum += term;
    if (term < sum * 1e-17) break;
    power *= u2;
  }
  return -t * u + 2 * u * u2 * sum;
}

/**
 * The remainder of Stirling's series, ln Γ(a) − ((a − ½) ln a − a + ½ ln 2π) = Σ B₂ₖ / (2k(2k − 1) a^{2k−1}), for
 * a >= 10 (eight terms; the first one left out is below 3e-17 relative there).
 */
export function stirlingRemainder(a: number): number {
  const r = 1 / (a * a);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * r + STIRLING[k]!;
  return sum / a;
}

/**
 * ln(x^a e^{−x} / Γ(a)), the prefactor of the incomplete gamma series and continued fraction. For a >= 10 it is
 * a·(ln(1 + t) − t) + ½ ln(a / 2π) − stirlingRemainder(a) with t = (x − a)/a, which avoids the cancellation of
 * a ln x, x and ln Γ(a) (three terms of ~a ln a that nearly cancel: 1e-12 relative lost at a = 1000 otherwise).
 */
export function logGammaPrefix(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - logGamma(a);
  const t = (x - a) / a;
  // Far from a, ln(x/a) from the quotient itself: 1 + t would carry the rounding of t, amplified by 1/(1 + t).
  const main = Math.abs(t) > 0.5 ? a * Math.log(x / a) - (x - a) : a * log1pMinusX(t);
  return main + 0.5 * Math.log(a) - HALF_LOG_2PI - stirlingRemainder(a);
}
