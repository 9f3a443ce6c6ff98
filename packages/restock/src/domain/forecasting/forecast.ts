import { mean, type Series } from '../statistics.js';
import { adida, croston, imapa, tsb } from './intermittent.js';
import { etsAnn, holtDamped, sesLevel } from './smoothing.js';

/** Every forecasting method by name. */
export const forecastMethods = [
  'naive',
  'seasonal_naive',
  'moving_average',
  'ses',
  'holt',
  'croston',
  'sba',
  'tsb',
  'adida',
  'imapa',
  'ets_ann',
] as const;
export type ForecastMethod = (typeof forecastMethods)[number];

export function isForecastMethod(name: string): name is ForecastMethod {
  return (forecastMethods as readonly string[]).includes(name);
}

export interface ForecastOptions {
  /** Smoothing constant for SES, Croston/SBA, TSB sizes, ADIDA, IMAPA (default 0.1, as R forecast). */
  readonly alpha?: number;
  /** TSB probability smoothing (default 0.1). */
  readonly beta?: number;
  /** Moving-average window (default 3). */
  readonly window?: number;
  /** Season length for seasonal naive (default 12). */
  readonly seasonLength?: number;
  /** Holt damped parameters. */
  readonly holt?: { alpha?: number; beta?: number; phi?: number };
}

/**
 * Forecasts `horizon` periods ahead with the named method. Flat methods repeat one value; `holt` and
 * `seasonal_naive` return a path.
 *
 * @example forecast('croston', [0, 2, 0, 0, 3], 3) // Float64Array [x, x, x]
 */
export function forecast(method: ForecastMethod, y: Series, horizon: number, o: ForecastOptions = {}): Float64Array {
  const out = new Float64Array(horizon);
  const n = y.length;
  if (n === 0) return out.fill(Number.NaN);
  const alpha = o.alpha ?? 0.1;
  switch (method) {
    case 'naive':
      return out.fill(y[n - 1]!);
    case 'seasonal_naive': {
      const m = o.seasonLength ?? 12;
      if (n < m) return out.fill(y[n - 1]!);
      for (let h = 0; h < horizon; h++) out[h] = y[n - m + (h % m)]!;
      return out;
    }
    case 'moving_average': {
      const w = Math.min(o.window ?? 3, n);
      let s = 0;
      for (let t = n - w; t < n; t++) s += y[t]!;
      return out.fill(s / w);
    }
    case 'ses':
      return out.fill(sesLevel(y, alpha));
    case 'holt':
      return holtDamped(y, horizon, o.holt);
    case 'croston':
      return out.fill(croston(y, { alpha }));
    case 'sba':
      return out.fill(croston(y, { alpha, variant: 'sba' }));
    case 'tsb':
      return out.fill(tsb(y, { alpha, beta: o.beta }));
    case 'adida':
      return out.fill(adida(y, { alpha }));
    case 'imapa':
      return out.fill(imapa(y, { alpha }));
    case 'ets_ann':
      return out.fill(etsAnn(y).level);
  }
}

/** The flat summary of a forecast path: its mean over the horizon. */
export function flatForecast(method: ForecastMethod, y: Series, horizon: number, o: ForecastOptions = {}): number {
  return mean(forecast(method, y, Math.max(1, horizon), o));
}
