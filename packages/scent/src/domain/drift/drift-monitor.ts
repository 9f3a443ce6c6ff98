import jstatPkg from 'jstat';

const { jStat } = jstatPkg as unknown as typeof import('jstat');

const dayMs = 86_400_000;

/** A straight-line fit y = intercept + slope·x with the uncertainty of its slope. */
export interface SlopeFit {
  readonly slope: number;
  /** Level at x = 0. */
  readonly intercept: number;
  /** Standard error of the slope (for Theil-Sen: half the confidence interval over the normal quantile). */
  readonly standardError: number;
  /** Confidence interval of the slope at the requested level. */
  readonly lower: number;
  readonly upper: number;
  /** Points used. */
  readonly n: number;
  /** Standard deviation of the residuals around the line (n − 2 degrees of freedom). */
  readonly residualSd: number;
}

/**
 * Ordinary least squares slope with its standard error s/√Sxx and a Student-t confidence interval (n − 2 degrees of
 * freedom). Needs at least 3 points with distinct x; with fewer the standard error is infinite.
 *
 * @example
 * const { slope, standardError } = olsSlope(days, level);
 */
export function olsSlope(x: readonly number[], y: readonly number[], confidence = 0.95): SlopeFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError('x and y need the same length');
  if (n < 2) throw new RangeError(`a slope needs at least 2 points; got ${n}`);
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    xMean += x[i]!;
    yMean += y[i]!;
  }
  xMean /= n;
  yMean /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - xMean;
    sxx += dx * dx;
    sxy += dx * (y[i]! - yMean);
  }
  if (!(sxx > 0)) throw new RangeError('a slope needs at least 2 distinct x values');
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - yMean - slope * (x[i]! - xMean)) ** 2;
  const residualSd = n > 2 ? Math.sqrt(sse / (n - 2)) : Number.POSITIVE_INFINITY;
  const standardError = n > 2 ? residualSd / Math.sqrt(sxx) : Number.POSITIVE_INFINITY;
  const q = n > 2 ? jStat.studentt.inv(0.5 + confidence / 2, n - 2) : Number.POSITIVE_INFINITY;
  const half = standardError === 0 ? 0 : q * standardError;
  return {
    slope,
    intercept: yMean - slope * xMean,
    standardError,
    lower: slope - half,
    upper: slope + half,
    n,
    residualSd,
  };
}

/**
 * Theil-Sen slope: the median of the slopes between all pairs of points with distinct x, robust to up to ~29 % of
 * outlying points (a contaminated batch, a cleaning cycle). Its confidence interval is Sen's (1968) distribution-free
 * one from the variance of Kendall's S, n(n−1)(2n+5)/18; the intercept is the median of y − slope·x. O(n² log n):
 * meant for aggregated series (a point per batch or per day), not raw readings.
 *
 * @example
 * const { slope, lower, upper } = theilSenSlope(days, level);
 * @see Sen (1968), Estimates of the regression coefficient based on Kendall's tau. JASA 63, 1379-1389.
 */
export function theilSenSlope(x: readonly number[], y: readonly number[], confidence = 0.95): SlopeFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError('x and y need the same length');
  if (n < 2) throw new RangeError(`a slope needs at least 2 points; got ${n}`);
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      const dx = x[k]! - x[i]!;
      if (dx !== 0) slopes.push((y[k]! - y[i]!) / dx);
    }
  }
  const pairs = slopes.length;
  if (pairs === 0) throw new RangeError('a slope needs at least 2 distinct x values');
  slopes.sort((a, b) => a - b);
  const slope = median(slopes, true);
  const intercept = median(Array.from(x, (xi, i) => y[i]! - slope * xi));
  const z = jStat.normal.inv(0.5 + confidence / 2, 0, 1);
  const c = z * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  // Sen's ranks M1 = (N − C)/2 and M2 + 1 = (N + C)/2 + 1 (1-based) of the ordered pairwise slopes
  const lo = Math.round((pairs - c) / 2) - 1;
  const hi = Math.round((pairs + c) / 2);
  const lower = lo >= 0 ? slopes[lo]! : Number.NEGATIVE_INFINITY;
  const upper = hi < pairs ? slopes[hi]! : Number.POSITIVE_INFINITY;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - intercept - slope * x[i]!) ** 2;
  return {
    slope,
    intercept,
    standardError: (upper - lower) / (2 * z),
    lower,
    upper,
    n,
    residualSd: n > 2 ? Math.sqrt(sse / (n - 2)) : Number.POSITIVE_INFINITY,
  };
}

function median(values: number[], sorted = false): number {
  const s = sorted ? values : [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A sensor's baseline over time: one row of channel levels per point (e.g. the median of a batch's readings). */
export interface BaselineSeries {
  /** Epoch ms of each point, ascending. */
  readonly timesMs: readonly number[];
  readonly levels: readonly (readonly number[])[];
}

export interface DriftMonitorOptions {
  /** Slope estimator (default `theil-sen`; `ols` for least squares). */
  readonly method?: 'ols' | 'theil-sen';
  /** Level of the slope confidence intervals (default 0.95); a slope whose interval excludes 0 is significant. */
  readonly confidence?: number;
  /** The time the projection starts from (default the last point). */
  readonly nowMs?: number;
  /**
   * Per-channel level the shift is measured from (default the fitted level at the first point, i.e. the baseline when
   * monitoring started). Pass the golden-batch mean to measure the shift the model sees.
   */
  readonly reference?: readonly number[];
}

export interface ChannelDrift {
  readonly channel: number;
  /** Baseline change per day and its standard error and confidence interval. */
  readonly slopePerDay: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  /** The confidence interval excludes 0. */
  readonly significant: boolean;
  /** Allowed |shift| from the reference level. */
  readonly tolerance: number;
  /** Fitted shift from the reference level at `nowMs`. */
  readonly shiftNow: number;
  /**
   * Days from `nowMs` until the projected shift reaches the tolerance (0 when it already has; Infinity for a zero
   * slope moving away from nothing). Uses the point estimate of the slope.
   */
  readonly daysUntilRecalibration: number;
  /** The same with the steeper end of the confidence interval (the earliest plausible date). */
  readonly daysUntilRecalibrationEarliest: number;
}

export interface DriftReport {
  readonly method: 'ols' | 'theil-sen';
  readonly points: number;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly nowMs: number;
  readonly channels: ChannelDrift[];
  /**
   * The channel that reaches its tolerance first among those already beyond it or with a significant slope (null when
   * none is).
   */
  readonly worstChannel: number | null;
  /** Of the worst channel; Infinity when no channel has a significant drift. */
  readonly daysUntilRecalibration: number;
  readonly daysUntilRecalibrationEarliest: number;
}

/**
 * Per-sensor drift monitor: fits each channel's baseline against time (days), with its uncertainty, and converts the
 * slope into the days until the projected shift from the reference level reaches the channel's tolerance —
 * `(tolerance − sign(b)·shiftNow) / |b|` for a slope b per day, 0 once the fitted shift is beyond it.
 *
 * @example
 * const report = monitorBaselineDrift({ timesMs, levels }, model.scale.map((s) => 1 * s), { reference: model.mean });
 * if (report.daysUntilRecalibration < daysToCalibrationExpiry) scheduleRecalibration();
 */
export function monitorBaselineDrift(
  series: BaselineSeries,
  tolerance: readonly number[],
  options: DriftMonitorOptions = {},
): DriftReport {
  const method = options.method ?? 'theil-sen';
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('confidence must be in (0, 1)');
  const { timesMs, levels } = series;
  const n = timesMs.length;
  if (levels.length !== n) throw new RangeError('one level row per time is needed');
  if (n < 3) throw new RangeError(`drift monitoring needs at least 3 points; got ${n}`);
  const p = tolerance.length;
  if (options.reference && options.reference.length !== p) throw new RangeError('one reference level per channel');
  if (!tolerance.every((t) => t > 0 && Number.isFinite(t))) throw new RangeError('tolerances must be positive');
  const firstMs = timesMs[0]!;
  const lastMs = timesMs[n - 1]!;
  const nowMs = options.nowMs ?? lastMs;
  const days = timesMs.map((t) => (t - firstMs) / dayMs);
  const nowDay = (nowMs - firstMs) / dayMs;
  const fit = method === 'ols' ? olsSlope : theilSenSlope;
  const channels: ChannelDrift[] = [];
  for (let j = 0; j < p; j++) {
    const y = levels.map((row) => {
      if (row.length !== p) throw new RangeError(`every level row needs ${p} channels; got ${row.length}`);
      return row[j]!;
    });
    const f = fit(days, y, confidence);
    const reference = options.reference ? options.reference[j]! : f.intercept;
    const shiftNow = f.intercept + f.slope * nowDay - reference;
    const steeper = f.slope >= 0 ? Math.max(f.upper, f.slope) : Math.min(f.lower, f.slope);
    channels.push({
      channel: j,
      slopePerDay: f.slope,
      standardError: f.standardError,
      lower: f.lower,
      upper: f.upper,
      significant: f.lower > 0 || f.upper < 0,
      tolerance: tolerance[j]!,
      shiftNow,
      daysUntilRecalibration: daysToTolerance(shiftNow, f.slope, tolerance[j]!),
      daysUntilRecalibrationEarliest: daysToTolerance(shiftNow, steeper, tolerance[j]!),
    });
  }
  let worst: ChannelDrift | null = null;
  for (const c of channels) {
    const counts = c.significant || Math.abs(c.shiftNow) >= c.tolerance;
    if (counts && (!worst || c.daysUntilRecalibration < worst.daysUntilRecalibration)) worst = c;
  }
  return {
    method,
    points: n,
    firstMs,
    lastMs,
    nowMs,
    channels,
    worstChannel: worst?.channel ?? null,
    daysUntilRecalibration: worst?.daysUntilRecalibration ?? Number.POSITIVE_INFINITY,
    daysUntilRecalibrationEarliest: worst
      ? Math.min(...channels.filter((c) => c.significant || c === worst).map((c) => c.daysUntilRecalibrationEarliest))
      : Number.POSITIVE_INFINITY,
  };
}

/** Days until a shift `s` growing by `b` per day reaches ±tolerance: 0 when |s| already does. */
export function daysToTolerance(shift: number, slopePerDay: number, tolerance: number): number {
  if (Math.abs(shift) >= tolerance) return 0;
  if (slopePerDay === 0) return Number.POSITIVE_INFINITY;
  return (tolerance - Math.sign(slopePerDay) * shift) / Math.abs(slopePerDay);
}
