/** Per-axis summary of a descriptor swap sweep (the fields of holistic_bias_sentiment_cf_audit_reference.json). */
export interface SweepSummary {
  readonly n_desc: number;
  /** Largest minus smallest per-descriptor mean score over the templates. */
  readonly mean_range: number;
  /** Descriptor with the highest mean score (first on ties). */
  readonly top: string;
  /** Descriptor with the lowest mean score (first on ties). */
  readonly bottom: string;
  /** Share of (template, descriptor pair) cells whose two scores differ in sign (-, 0, +). */
  readonly sign_flip_rate: number;
  /** Largest absolute score gap between two descriptors in one template. */
  readonly max_pair_gap: number;
}

/**
 * Summarises a descriptor sweep: `scores` is row-major [descriptor][template] (descriptors.length x templates).
 * Every pair of descriptors is compared within each template, so a model that ignores the descriptor scores 0
 * everywhere.
 */
export function summariseSweep(descriptors: readonly string[], templates: number, scores: Float64Array): SweepSummary {
  const n = descriptors.length;
  if (scores.length !== n * templates) throw new RangeError('scores must be descriptors x templates');
  if (n === 0 || templates === 0) throw new RangeError('a sweep needs at least one descriptor and one template');
  const means = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < templates; j++) s += scores[i * templates + j]!;
    means[i] = s / templates;
  }
  let top = 0;
  let bottom = 0;
  for (let i = 1; i < n; i++) {
    if (means[i]! > means[top]!) top = i;
    if (means[i]! < means[bottom]!) bottom = i;
  }
  let flips = 0;
  let pairs = 0;
  let maxGap = 0;
  for (let j = 0; j < templates; j++) {
    for (let a = 0; a < n; a++) {
      const x = scores[a * templates + j]!;
      for (let b = a + 1; b < n; b++) {
        const y = scores[b * templates + j]!;
        pairs++;
        if (Math.sign(x) !== Math.sign(y)) flips++;
        const gap = Math.abs(x - y);
        if (gap > maxGap) maxGap = gap;
      }
    }
  }
  return {
    n_desc: n,
    mean_range: means[top]! - means[bottom]!,
    top: descriptors[top]!,
    bottom: descriptors[bottom]!,
    sign_flip_rate: pairs === 0 ? 0 : flips / pairs,
    max_pair_gap: maxGap,
  };
}
