import { normalCdf, normalSurvival as normalSf } from '@quintessence/numeric';

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface WilcoxonOptions {
  /** Zeros: dropped (`wilcox`, default), ranked then ignored in the sum (`pratt`), or split half/half (`zsplit`). */
  readonly zeroMethod?: 'wilcox' | 'pratt' | 'zsplit';
  /** Continuity correction for the normal approximation (default false, as scipy). */
  readonly correction?: boolean;
  readonly alternative?: Alternative;
  /**
   * `auto` (default, as scipy >= 1.13): n > 50 -> asymptotic; no ties or zeros -> exact; n <= 13 -> exact sign-flip
   * permutation distribution; otherwise asymptotic.
   */
  readonly method?: 'auto' | 'exact' | 'asymptotic' | 'permutation';
}

export interface WilcoxonResult {
  /** min(R+, R-) for two-sided tests, R+ otherwise (scipy's convention). */
  readonly statistic: number;
  readonly rPlus: number;
  readonly rMinus: number;
  readonly pValue: number;
  readonly method: 'exact' | 'asymptotic' | 'permutation';
  /** Number of differences used (non-zero ones under `wilcox`). */
  readonly n: number;
  /** z statistic of the normal approximation (asymptotic only). */
  readonly z?: number;
}

/** Average ranks (1-based) of values with the sizes of their tie groups. */
function averageRanks(values: Float64Array): { ranks: Float64Array; tieSizes: number[]; tieOfZero: number } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let tieOfZero = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const avg = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!] = avg;
    tieSizes.push(j - i + 1);
    if (values[order[i]!] === 0) tieOfZero = j - i + 1;
    i = j + 1;
  }
  return { ranks, tieSizes, tieOfZero };
}

/** Exact null distribution of R+ for n untied ranks: counts[s] = number of sign patterns with rank sum s. */
function exactCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = max; s >= k; s--) counts[s] = counts[s]! + counts[s - k]!;
  }
  return counts;
}

/**
 * Wilcoxon signed-rank test of paired differences `d` (e.g. counterfactual score - original score), following
 * scipy.stats.wilcoxon (1.13+): average ranks for ties, tie-corrected variance, Pratt/zsplit/wilcox zero handling,
 * exact distribution for small untied samples and a sign-flip permutation distribution for small tied ones.
 *
 * @see Wilcoxon 1945; Pratt 1959; Cureton 1967; scipy.stats.wilcoxon documentation
 */
export function wilcoxonSignedRank(d: ArrayLike<number>, options: WilcoxonOptions = {}): WilcoxonResult {
  const { zeroMethod = 'wilcox', correction = false, alternative = 'two-sided', method = 'auto' } = options;
  const all = Float64Array.from(d as ArrayLike<number>);
  if (all.some((v) => !Number.isFinite(v))) throw new RangeError('differences must be finite numbers');
  const nZero = all.filter((v) => v === 0).length;
  const data = zeroMethod === 'wilcox' ? all.filter((v) => v !== 0) : all;
  const n = data.length;
  if (n === 0) return { statistic: Number.NaN, rPlus: 0, rMinus: 0, pValue: Number.NaN, method: 'exact', n: 0 };

  const abs = data.map(Math.abs);
  const { ranks, tieSizes, tieOfZero } = averageRanks(abs);
  let rPlus = 0;
  let rMinus = 0;
  let rZero = 0;
  for (let i = 0; i < n; i++) {
    if (data[i]! > 0) rPlus += ranks[i]!;
    else if (data[i]! < 0) rMinus += ranks[i]!;
    else rZero += ranks[i]!;
  }
  if (zeroMethod === 'zsplit') {
    rPlus += rZero / 2;
    rMinus += rZero / 2;
  }
  const hasTies = tieSizes.some((t) => t > 1);

  let chosen: WilcoxonResult['method'];
  if (method === 'auto') {
    if (all.length > 50) chosen = 'asymptotic';
    else if (!(hasTies || nZero > 0)) chosen = 'exact';
    else if (all.length <= 13) chosen = 'permutation';
    else chosen = 'asymptotic';
  } else chosen = method;

  const statistic = alternative === 'two-sided' ? Math.min(rPlus, rMinus) : rPlus;
  let pValue: number;
  let z: number | undefined;
  if (chosen === 'asymptotic') {
    let mean = (n * (n + 1)) / 4;
    let variance = n * (n + 1) * (2 * n + 1);
    let tieTerm = 0;
    for (const t of tieSizes) tieTerm += t * t * t - t;
    if (zeroMethod === 'pratt') {
      const n0 = nZero;
      mean -= (n0 * (n0 + 1)) / 4;
      variance -= n0 * (n0 + 1) * (2 * n0 + 1);
      tieTerm -= tieOfZero * tieOfZero * tieOfZero - tieOfZero;
    }
    const se = Math.sqrt((variance - tieTerm / 2) / 24);
    z = (rPlus - mean) / se;
    if (correction) {
      const sign = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(z);
      z -= (sign * 0.5) / se;
    }
    pValue =
      alternative === 'greater' ? normalSf(z) : alternative === 'less' ? normalCdf(z) : 2 * normalSf(Math.abs(z));
    if (alternative === 'two-sided') z = -Math.abs(z);
  } else if (chosen === 'exact') {
    const counts = exactCounts(n);
    const total = 2 ** n;
    const cdf = (k: number) => {
      let s = 0;
      for (let i = 0; i <= Math.min(k, counts.length - 1); i++) s += counts[i]!;
      return s / total;
    };
    const sfAtLeast = (k: number) => 1 - cdf(k - 1);
    const less = cdf(Math.ceil(rPlus));
    const greater = sfAtLeast(Math.floor(rPlus));
    pValue =
      alternative === 'less' ? less : alternative === 'greater' ? greater : Math.min(1, 2 * Math.min(less, greater));
  } else {
    if (all.length > 20) throw new RangeError('the permutation method enumerates 2^n sign flips; use n <= 20');
    // Flip the signs of every difference (zeros included, as scipy does), keeping the ranks of |d|.
    const m = data.length;
    const total = 2 ** m;
    const gamma = Math.abs(1e-14 * rPlus);
    let lessCount = 0;
    let greaterCount = 0;
    const zeroShift = zeroMethod === 'zsplit' ? rZero / 2 : 0;
    for (let mask = 0; mask < total; mask++) {
      let s = zeroShift;
      for (let i = 0; i < m; i++) {
        const positive = (mask >> i) & 1 ? data[i]! < 0 : data[i]! > 0;
        if (positive) s += ranks[i]!;
      }
      if (s <= rPlus + gamma) lessCount++;
      if (s >= rPlus - gamma) greaterCount++;
    }
    const less = lessCount / total;
    const greater = greaterCount / total;
    pValue =
      alternative === 'less' ? less : alternative === 'greater' ? greater : Math.min(1, 2 * Math.min(less, greater));
  }
  return { statistic, rPlus, rMinus, pValue, method: chosen, n, ...(z === undefined ? {} : { z }) };
}
