const SQRT_PI = Math.sqrt(Math.PI);

/**
 * Complementary error function to ~1e-15 relative accuracy: the all-positive Taylor series of erf for |x| < 2
 * (no cancellation) and a Lentz continued fraction for |x| >= 2.
 *
 * @see Abramowitz & Stegun 7.1.6 (series) and 7.1.14 (continued fraction)
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))
    let term = x;
    let sum = x;
    const x2 = 2 * x * x;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** Standard normal survival function P(Z > z). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Standard normal CDF P(Z <= z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Chi-square survival function with one degree of freedom: P(X > x) = erfc(sqrt(x / 2)). */
export function chi2Sf1(x: number): number {
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Gamma(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
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

/**
 * Regularised upper incomplete gamma Q(a, x): series for x < a + 1, Lentz continued fraction otherwise.
 *
 * @see Press et al., Numerical Recipes, 3rd ed., §6.2
 */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - Math.exp(lnPre) * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lnPre) * h;
}

/** Chi-square survival function P(X > x) with `df` degrees of freedom. */
export function chi2Sf(x: number, df: number): number {
  if (df === 1) return chi2Sf1(x);
  return gammaQ(df / 2, x / 2);
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
