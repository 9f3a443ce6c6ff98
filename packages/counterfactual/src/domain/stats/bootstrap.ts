import { type Rng, randomInt } from './rng.js';

/** A two-sided confidence interval with its method and level. */
export interface ConfidenceInterval {
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly method: 'percentile-bootstrap';
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Number of resamples (default 2,000). */
  readonly resamples?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

/** Linear-interpolated quantile of sorted values (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Percentile bootstrap CIs of `k` statistics computed together over `n` exchangeable units: each resample draws `n`
 * indices with replacement from the seeded `rng` and calls `statistics(indices, out)`, which writes the k values into
 * `out`. Resamples where a statistic is undefined (NaN) are dropped for that statistic; its interval is null when
 * fewer than half are defined.
 *
 * @see Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch. 13
 */
export function bootstrapCis(
  n: number,
  k: number,
  statistics: (indices: Int32Array, out: Float64Array) => void,
  rng: Rng,
  options: BootstrapOptions = {},
): (ConfidenceInterval | null)[] {
  const { resamples = 2000, level = 0.95 } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError('resamples must be a positive integer');
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  if (n === 0) return new Array(k).fill(null);
  const values = Array.from({ length: k }, () => new Float64Array(resamples));
  const defined = new Int32Array(k);
  const idx = new Int32Array(n);
  const out = new Float64Array(k);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = randomInt(rng, n);
    out.fill(Number.NaN);
    statistics(idx, out);
    for (let j = 0; j < k; j++) if (Number.isFinite(out[j]!)) values[j]![defined[j]!++] = out[j]!;
  }
  const alpha = (1 - level) / 2;
  return values.map((v, j) => {
    if (defined[j]! < resamples / 2) return null;
    const sorted = v.subarray(0, defined[j]).sort();
    return {
      low: quantileSorted(sorted, alpha),
      high: quantileSorted(sorted, 1 - alpha),
      level,
      method: 'percentile-bootstrap' as const,
      resamples,
    };
  });
}

/** Percentile bootstrap CI of one statistic (see {@link bootstrapCis}). */
export function bootstrapCi(
  n: number,
  statistic: (indices: Int32Array) => number,
  rng: Rng,
  options: BootstrapOptions = {},
): ConfidenceInterval | null {
  return bootstrapCis(
    n,
    1,
    (idx, out) => {
      out[0] = statistic(idx);
    },
    rng,
    options,
  )[0]!;
}
