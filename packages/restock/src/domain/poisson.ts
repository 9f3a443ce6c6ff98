import { logGamma } from '@quintessence/numeric';

/** Poisson probability mass P(D = k) for mean μ. */
export function poissonPmf(k: number, mu: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  if (mu === 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(mu) - mu - logGamma(k + 1));
}

/** Poisson CDF P(D <= k) for mean μ (direct summation; fine for the means of inventory problems). */
export function poissonCdf(k: number, mu: number): number {
  if (k < 0) return 0;
  let s = 0;
  for (let i = 0; i <= Math.floor(k); i++) s += poissonPmf(i, mu);
  return Math.min(1, s);
}
