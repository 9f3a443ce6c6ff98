import type { Series } from '../statistics.js';
import { demandSizesAndIntervals } from './intermittent.js';

export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no_demand';

export interface DemandClassification {
  readonly class: DemandClass;
  /** Average inter-demand interval (periods per demand occurrence). */
  readonly adi: number;
  /** Squared coefficient of variation of the non-zero demand sizes. */
  readonly cv2: number;
  readonly demandPeriods: number;
}

/**
 * Syntetos–Boylan–Croston classification by ADI (cut-off 1.32) and CV² of demand sizes (cut-off 0.49).
 *
 * @see A. Syntetos, J. Boylan, J. Croston, JORS 56(5), 2005.
 */
export function classifyDemand(y: Series, o: { adiCutoff?: number; cv2Cutoff?: number } = {}): DemandClassification {
  const { sizes, intervals } = demandSizesAndIntervals(y);
  if (sizes.length === 0)
    return { class: 'no_demand', adi: Number.POSITIVE_INFINITY, cv2: Number.NaN, demandPeriods: 0 };
  let si = 0;
  let ss = 0;
  for (let i = 0; i < sizes.length; i++) {
    si += intervals[i]!;
    ss += sizes[i]!;
  }
  const adi = si / sizes.length;
  const m = ss / sizes.length;
  let v = 0;
  for (let i = 0; i < sizes.length; i++) v += (sizes[i]! - m) ** 2;
  const cv2 = m === 0 ? 0 : v / sizes.length / (m * m);
  const highAdi = adi >= (o.adiCutoff ?? 1.32);
  const highCv = cv2 >= (o.cv2Cutoff ?? 0.49);
  const cls: DemandClass = highAdi ? (highCv ? 'lumpy' : 'intermittent') : highCv ? 'erratic' : 'smooth';
  return { class: cls, adi, cv2, demandPeriods: sizes.length };
}
