import { normalCdf, normalPdf, normalSurvival, regularizedGammaP } from '@quintessence/numeric';
import { poissonCdf, poissonPmf } from './poisson.js';

/**
 * First- and second-order loss functions. For a demand X and level x, the loss n(x) = E[(X − x)⁺] is the expected
 * shortage and the complementary loss n̄(x) = E[(x − X)⁺] the expected leftover. Every function returns both.
 *
 * @see L. V. Snyder and Z.-J. M. Shen, Fundamentals of Supply Chain Theory, 2nd ed. (2019), Appendix C.
 */
export interface LossValue {
  readonly loss: number;
  readonly complementaryLoss: number;
}

/** Standard normal loss L(z) = φ(z) − z(1 − Φ(z)) and L̄(z) = z + L(z). */
export function standardNormalLoss(z: number): LossValue {
  const loss = normalPdf(z) - z * normalSurvival(z);
  return { loss, complementaryLoss: z + loss };
}

/** Standard normal second-order loss L⁽²⁾(z) = ½[(z² + 1)(1 − Φ(z)) − zφ(z)] and its complement. */
export function standardNormalSecondLoss(z: number): LossValue {
  const loss = 0.5 * ((z * z + 1) * normalSurvival(z) - z * normalPdf(z));
  return { loss, complementaryLoss: 0.5 * (z * z + 1) - loss };
}

/** Loss of N(μ, σ²) at x: σ·L((x − μ)/σ). */
export function normalLoss(x: number, mean: number, sd: number): LossValue {
  if (sd === 0) return { loss: Math.max(mean - x, 0), complementaryLoss: Math.max(x - mean, 0) };
  const z = (x - mean) / sd;
  const s = standardNormalLoss(z);
  return { loss: sd * s.loss, complementaryLoss: sd * s.complementaryLoss };
}

/** Second-order loss of N(μ, σ²): n⁽²⁾(x) = σ²·L⁽²⁾(z); n̄⁽²⁾(x) = ½[(x − μ)² + σ²] − n⁽²⁾(x). */
export function normalSecondLoss(x: number, mean: number, sd: number): LossValue {
  const z = (x - mean) / sd;
  const loss = sd * sd * standardNormalSecondLoss(z).loss;
  return { loss, complementaryLoss: 0.5 * ((x - mean) ** 2 + sd * sd) - loss };
}

/** Loss of a lognormal with log-mean μ and log-sd σ. */
export function lognormalLoss(x: number, mu: number, sigma: number): LossValue {
  const m = Math.exp(mu + (sigma * sigma) / 2);
  if (x <= 0) return { loss: m - x, complementaryLoss: 0 };
  const d2 = (mu - Math.log(x)) / sigma;
  const loss = m * normalCdf(d2 + sigma) - x * normalCdf(d2);
  return { loss, complementaryLoss: x - m + loss };
}

/** Loss of an exponential distribution with rate λ. */
export function exponentialLoss(x: number, rate: number): LossValue {
  const m = 1 / rate;
  const loss = x <= 0 ? m - x : Math.exp(-rate * x) / rate;
  return { loss, complementaryLoss: x - m + loss };
}

/** Loss of a gamma distribution with shape a and scale b. */
export function gammaLoss(x: number, shape: number, scale: number): LossValue {
  const m = shape * scale;
  if (x <= 0) return { loss: m - x, complementaryLoss: 0 };
  const u = x / scale;
  const loss = m * (1 - regularizedGammaP(shape + 1, u)) - x * (1 - regularizedGammaP(shape, u));
  return { loss, complementaryLoss: x - m + loss };
}

/** Loss of a continuous uniform distribution on [a, b]. */
export function uniformLoss(x: number, a: number, b: number): LossValue {
  const m = (a + b) / 2;
  const loss = x <= a ? m - x : x >= b ? 0 : (b - x) ** 2 / (2 * (b - a));
  return { loss, complementaryLoss: x - m + loss };
}

/** Loss of a Poisson distribution with mean μ at integer x: n(x) = μ − x + Σ_{k<x}(x − k)p(k)... computed exactly. */
export function poissonLoss(x: number, mu: number): LossValue {
  let complementaryLoss = 0;
  for (let k = 0; k < x; k++) complementaryLoss += (x - k) * poissonPmf(k, mu);
  return { loss: mu - x + complementaryLoss, complementaryLoss };
}

export { poissonCdf };
