/** Descriptive statistics on plain arrays or Float64Array. */

export type Series = ArrayLike<number>;

/** Arithmetic mean; NaN for an empty series. */
export function mean(x: Series): number {
  if (x.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Sample standard deviation with the n − 1 denominator (two-pass); 0 for fewer than two values. */
export function sampleStd(x: Series): number {
  const n = x.length;
  if (n < 2) return 0;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Population variance (n denominator). */
export function populationVariance(x: Series): number {
  const n = x.length;
  if (n === 0) return Number.NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - m) ** 2;
  return ss / n;
}

/** Sum of a series. */
export function sum(x: Series): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/** Ordinary least-squares line y = a + b·t over t = 0..n−1 with the slope's standard error. */
export interface LinearTrend {
  readonly intercept: number;
  readonly slope: number;
  /** Standard error of the slope (NaN when n < 3). */
  readonly slopeStdError: number;
  /** slope / slopeStdError (0 when the series is constant). */
  readonly tStatistic: number;
  readonly n: number;
}

/** Fits a linear trend to a series indexed 0..n−1. */
export function linearTrend(y: Series): LinearTrend {
  const n = y.length;
  if (n < 2) return { intercept: n === 1 ? y[0]! : Number.NaN, slope: 0, slopeStdError: Number.NaN, tStatistic: 0, n };
  const tBar = (n - 1) / 2;
  const yBar = mean(y);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (i - tBar) ** 2;
    sxy += (i - tBar) * (y[i]! - yBar);
  }
  const slope = sxy / sxx;
  const intercept = yBar - slope * tBar;
  if (n < 3) return { intercept, slope, slopeStdError: Number.NaN, tStatistic: 0, n };
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - intercept - slope * i) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const tStatistic = se > 0 ? slope / se : slope === 0 ? 0 : Math.sign(slope) * Number.POSITIVE_INFINITY;
  return { intercept, slope, slopeStdError: se, tStatistic, n };
}
