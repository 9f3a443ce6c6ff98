import { erfc, logGamma, regularizedGammaQ } from '@quintessence/numeric';

/** Chi-square survival function with one degree of freedom: P(X > x) = erfc(sqrt(x / 2)). */
export function chi2Sf1(x: number): number {
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}

/** Binomial probability mass P(X = k) for X ~ Bin(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const logC = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Two-sided exact binomial test p-value (scipy.stats.binomtest semantics): the total probability of outcomes no more
 * likely than the observed one (relative tolerance 1e-7).
 */
export function binomialTestTwoSided(k: number, n: number, p = 0.5): number {
  if (n === 0) return 1;
  const observed = binomialPmf(k, n, p);
  const limit = observed * (1 + 1e-7);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const pi = binomialPmf(i, n, p);
    if (pi <= limit) total += pi;
  }
  return Math.min(1, total);
}

/** Chi-square survival function P(X > x) with `df` degrees of freedom. */
export function chi2Sf(x: number, df: number): number {
  if (df === 1) return chi2Sf1(x);
  return regularizedGammaQ(df / 2, x / 2);
}

/**
 * Wilson score interval of a binomial proportion k / n.
 *
 * @see Wilson 1927, JASA 22:209-212
 */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Pearson chi-square test of homogeneity for a k x 2 table of successes/failures per group (df = k - 1). Groups
 * with no observations are dropped; returns null with fewer than two groups or no variation.
 */
export function chi2Homogeneity(
  successes: readonly number[],
  totals: readonly number[],
): { statistic: number; df: number; pValue: number } | null {
  const rows = successes.map((s, i) => [s, totals[i]! - s] as const).filter(([s, f]) => s + f > 0);
  if (rows.length < 2) return null;
  const n = rows.reduce((t, [s, f]) => t + s + f, 0);
  const colS = rows.reduce((t, [s]) => t + s, 0);
  const colF = n - colS;
  if (colS === 0 || colF === 0) return null;
  let statistic = 0;
  for (const [s, f] of rows) {
    const rowTotal = s + f;
    const es = (rowTotal * colS) / n;
    const ef = (rowTotal * colF) / n;
    statistic += (s - es) ** 2 / es + (f - ef) ** 2 / ef;
  }
  const df = rows.length - 1;
  return { statistic, df, pValue: chi2Sf(statistic, df) };
}
