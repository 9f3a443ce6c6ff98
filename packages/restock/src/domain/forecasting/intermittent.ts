import type { Series } from '../statistics.js';
import { sesLevel } from './smoothing.js';

/** Non-zero demand sizes and the intervals between them (the first interval is the 1-based index of the first demand). */
export function demandSizesAndIntervals(y: Series): { sizes: Float64Array; intervals: Float64Array } {
  let count = 0;
  for (let t = 0; t < y.length; t++) if (y[t]! !== 0) count++;
  const sizes = new Float64Array(count);
  const intervals = new Float64Array(count);
  let last = -1;
  let k = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t]! !== 0) {
      sizes[k] = y[t]!;
      intervals[k] = t - last;
      last = t;
      k++;
    }
  }
  return { sizes, intervals };
}

export type CrostonVariant = 'classic' | 'sba' | 'sbj';

/**
 * Croston's method with the semantics of R forecast and statsforecast: demand sizes and inter-demand intervals are
 * each smoothed by SES seeded at their first value; forecast = size level / interval level. `sba` multiplies by
 * 1 − α/2 (Syntetos–Boylan approximation), `sbj` by 1 − α/(2 − α). Returns 0 for a series without demand.
 *
 * @example croston([0, 0, 3, 0, 2], { alpha: 0.1 }) // sizes 3,2 → 2.9; intervals 3,2 → 2.9; forecast 1
 * @see J. D. Croston, Operational Research Quarterly 23(3), 1972; Syntetos & Boylan, IJF 21(2), 2005.
 */
export function croston(y: Series, o: { alpha?: number; variant?: CrostonVariant } = {}): number {
  const alpha = o.alpha ?? 0.1;
  const { sizes, intervals } = demandSizesAndIntervals(y);
  if (sizes.length === 0) return 0;
  const f = sesLevel(sizes, alpha) / sesLevel(intervals, alpha);
  if (o.variant === 'sba') return f * (1 - alpha / 2);
  if (o.variant === 'sbj') return f * (1 - alpha / (2 - alpha));
  return f;
}

/**
 * Teunter–Syntetos–Babai: the demand probability is smoothed every period (β), the size on demand periods (α);
 * forecast = probability × size. Seeds: probability at the first period's indicator, size at the first demand.
 *
 * @see R. Teunter, A. Syntetos, M. Babai, EJOR 214(3), 2011.
 */
export function tsb(y: Series, o: { alpha?: number; beta?: number } = {}): number {
  const alpha = o.alpha ?? 0.1;
  const beta = o.beta ?? 0.1;
  let first = -1;
  for (let t = 0; t < y.length; t++)
    if (y[t]! !== 0) {
      first = t;
      break;
    }
  if (first < 0) return 0;
  let p = y[0]! !== 0 ? 1 : 0;
  let z = y[first]!;
  for (let t = 1; t < y.length; t++) {
    const occurred = y[t]! !== 0 ? 1 : 0;
    p += beta * (occurred - p);
    if (occurred && t > first) z += alpha * (y[t]! - z);
  }
  return p * z;
}

/**
 * ADIDA: sum the series into non-overlapping buckets of `level` periods (aligned to the end), forecast the buckets
 * with SES (α) and spread the bucket forecast evenly. Default level = round(mean inter-demand interval).
 *
 * @see K. Nikolopoulos et al., JORS 62(3), 2011.
 */
export function adida(y: Series, o: { alpha?: number; level?: number } = {}): number {
  const alpha = o.alpha ?? 0.1;
  const { intervals } = demandSizesAndIntervals(y);
  if (intervals.length === 0) return 0;
  let adi = 0;
  for (let i = 0; i < intervals.length; i++) adi += intervals[i]!;
  adi /= intervals.length;
  const level = Math.max(1, Math.min(o.level ?? Math.round(adi), y.length));
  const buckets = Math.floor(y.length / level);
  const start = y.length - buckets * level;
  const agg = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) {
    let s = 0;
    for (let j = 0; j < level; j++) s += y[start + b * level + j]!;
    agg[b] = s;
  }
  return sesLevel(agg, alpha) / level;
}

/**
 * IMAPA: the mean of ADIDA forecasts over aggregation levels 1..round(mean inter-demand interval).
 *
 * @see F. Petropoulos and N. Kourentzes, JORS 66(6), 2015.
 */
export function imapa(y: Series, o: { alpha?: number } = {}): number {
  const { intervals } = demandSizesAndIntervals(y);
  if (intervals.length === 0) return 0;
  let adi = 0;
  for (let i = 0; i < intervals.length; i++) adi += intervals[i]!;
  const maxLevel = Math.max(1, Math.min(Math.round(adi / intervals.length), y.length));
  let s = 0;
  for (let k = 1; k <= maxLevel; k++) s += adida(y, { alpha: o.alpha, level: k });
  return s / maxLevel;
}
