/** Result of {@link ksTwoSample}. */
export interface KSResult {
  statistic: number;
  pValue: number;
}

/**
 * Two-sided two-sample Kolmogorov-Smirnov test. The statistic is the largest gap between the empirical CDFs; the
 * p-value is exact (lattice-path count, as scipy's `ks_2samp(method='exact')`) for equal sample sizes and uses the
 * asymptotic Kolmogorov distribution otherwise.
 *
 * @example
 * ksTwoSample([1, 2, 3], [4, 5, 6]).statistic; // 1
 */
export function ksTwoSample(a: readonly number[], b: readonly number[]): KSResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('both samples must be non-empty');
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const v = Math.min(sa[i], sb[j]);
    while (i < n1 && sa[i] === v) i++;
    while (j < n2 && sb[j] === v) j++;
    d = Math.max(d, Math.abs(i / n1 - j / n2));
  }
  return { statistic: d, pValue: n1 === n2 ? exactEqualSizes(n1, d) : asymptotic(n1, n2, d) };
}

/** P(D >= d) for two samples of size n: 1 - (lattice paths staying strictly inside |i - j| < h) / C(2n, n). */
function exactEqualSizes(n: number, d: number): number {
  const h = Math.round(d * n);
  if (h <= 0) return 1;
  let row = new Float64Array(n + 1);
  // Paths counted as fractions of C(2n, n) would underflow nothing at these sizes; plain doubles suffice (n <= 1000).
  row[0] = 1;
  for (let j = 1; j <= n && j < h; j++) row[j] = 1;
  for (let i = 1; i <= n; i++) {
    const next = new Float64Array(n + 1);
    for (let j = 0; j <= n; j++) {
      if (Math.abs(i - j) >= h) continue;
      next[j] = row[j] + (j > 0 ? next[j - 1] : 0);
    }
    row = next;
  }
  let total = 1;
  for (let k = 1; k <= n; k++) total = (total * (n + k)) / k;
  return Math.min(1, Math.max(0, 1 - row[n] / total));
}

function asymptotic(n1: number, n2: number, d: number): number {
  const en = Math.sqrt((n1 * n2) / (n1 + n2));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}
