import type { Series } from '../statistics.js';
import { type ForecastMethod, type ForecastOptions, forecast } from './forecast.js';

export interface BacktestOptions {
  /** Training length at the first origin (default: half the series, at least 3). */
  readonly minTrain?: number;
  readonly horizon?: number;
  /** Distance between origins (default 1). */
  readonly step?: number;
  /** Lead time (periods) whose cumulative forecast error is collected (default = horizon). */
  readonly leadTime?: number;
  readonly forecastOptions?: ForecastOptions;
}

export interface MethodAccuracy {
  readonly method: ForecastMethod;
  readonly rmse: number;
  /** Root mean squared scaled error: RMSE over the in-sample RMS of one-step naive changes (M5). */
  readonly rmsse: number;
  /** Mean error (actual − forecast); positive = under-forecast. */
  readonly me: number;
  readonly mae: number;
  /** RMS of the cumulative error over the lead time: the lead-time demand uncertainty of this method. */
  readonly leadTimeRmse: number;
  readonly errors: number;
}

export interface BacktestResult {
  readonly methods: readonly MethodAccuracy[];
  /** Method with the lowest RMSSE. */
  readonly best: MethodAccuracy | undefined;
  readonly origins: number;
}

function naiveScale(y: Series, end: number): number {
  let s = 0;
  let k = 0;
  for (let t = 1; t < end; t++) {
    s += (y[t]! - y[t - 1]!) ** 2;
    k++;
  }
  const scale = k > 0 ? s / k : 0;
  if (scale > 0) return scale;
  // a constant training series: fall back to the squared level so the error stays scale-free
  let m = 0;
  for (let t = 0; t < end; t++) m += y[t]! * y[t]!;
  return end > 0 && m > 0 ? m / end : 1;
}

/**
 * Rolling-origin evaluation: for each origin o = minTrain, minTrain + step, …, fit on y[0, o) and score the
 * forecasts of y[o, o + horizon). RMSSE (not MAE) ranks methods, because MAE rewards all-zero forecasts on
 * intermittent demand.
 *
 * @see R. J. Hyndman, G. Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.10; M5 guidelines.
 */
export function rollingOriginBacktest(
  y: Series,
  methods: readonly ForecastMethod[],
  o: BacktestOptions = {},
): BacktestResult {
  const n = y.length;
  const horizon = Math.max(1, o.horizon ?? 1);
  const minTrain = Math.max(2, o.minTrain ?? Math.max(3, Math.floor(n / 2)));
  const step = Math.max(1, o.step ?? 1);
  const leadTime = Math.max(1, Math.min(o.leadTime ?? horizon, horizon));
  const scale = naiveScale(y, minTrain);
  const results: MethodAccuracy[] = [];
  let origins = 0;
  for (const method of methods) {
    let se = 0;
    let e1 = 0;
    let ae = 0;
    let count = 0;
    let ltSe = 0;
    let ltCount = 0;
    origins = 0;
    for (let origin = minTrain; origin + 1 <= n; origin += step) {
      const h = Math.min(horizon, n - origin);
      const path = forecast(method, Array.prototype.slice.call(y, 0, origin) as number[], h, o.forecastOptions);
      let cumulative = 0;
      for (let j = 0; j < h; j++) {
        const e = y[origin + j]! - path[j]!;
        se += e * e;
        e1 += e;
        ae += Math.abs(e);
        count++;
        if (j < leadTime) cumulative += e;
      }
      if (h >= leadTime) {
        ltSe += cumulative * cumulative;
        ltCount++;
      }
      origins++;
    }
    const mse = count > 0 ? se / count : Number.NaN;
    results.push({
      method,
      rmse: Math.sqrt(mse),
      rmsse: Math.sqrt(mse / scale),
      me: e1 / count,
      mae: ae / count,
      leadTimeRmse: ltCount > 0 ? Math.sqrt(ltSe / ltCount) : Number.NaN,
      errors: count,
    });
  }
  let best: MethodAccuracy | undefined;
  for (const r of results) if (Number.isFinite(r.rmsse) && (!best || r.rmsse < best.rmsse)) best = r;
  return { methods: results, best, origins };
}
