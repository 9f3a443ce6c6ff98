/** The EMA smoothing factors of the UCI gas sensor drift dataset. */
export const uciEmaAlphas = [0.001, 0.01, 0.1] as const;

/** Number of features per sensor in the UCI layout: ΔR, |ΔR|/R, 3 rising EMA, 3 decaying EMA. */
export const uciFeaturesPerSensor = 8;

export interface TransientFeatureOptions {
  /** Samples at the start that form the baseline R0 (their mean; default 1 = the first sample). */
  readonly baselineSamples?: number;
  /**
   * Index of the first sample of the decaying (cleaning) phase. Default: the sample after the largest excursion from
   * the baseline, which is where a gas pulse ends for a response that rises then recovers.
   */
  readonly decayStart?: number;
  readonly alphas?: readonly number[];
}

/**
 * Features of one sensor's response to a gas pulse, as defined for the UCI Gas Sensor Array Drift dataset:
 * `[ΔR, |ΔR|/R0, max EMA rising (α…), min EMA decaying (α…)]`, where ΔR = r_peak − R0 (peak = largest excursion
 * from baseline) and the EMA filter is y[k] = (1−α)·y[k−1] + α·(r[k] − r[k−1]), y[0] = 0, run over the whole
 * response; its maximum over the rising phase and its minimum over the decaying phase are the transient features.
 *
 * @example
 * extractTransientFeatures(resistance, { baselineSamples: 10 }); // Float64Array(8)
 * @see Vergara et al. (2012), Chemical gas sensor drift compensation using classifier ensembles, Sens. Actuators B 166.
 * @see Muezzinoglu et al. (2009), Acceleration of chemo-sensory information processing using transient features.
 */
export function extractTransientFeatures(
  response: ArrayLike<number>,
  options: TransientFeatureOptions = {},
  output?: Float64Array,
): Float64Array {
  const alphas = options.alphas ?? uciEmaAlphas;
  const n = response.length;
  const baselineSamples = options.baselineSamples ?? 1;
  if (n < 3) throw new RangeError(`a transient needs at least 3 samples; got ${n}`);
  if (!Number.isInteger(baselineSamples) || baselineSamples < 1 || baselineSamples >= n) {
    throw new RangeError(`baselineSamples must be an integer in [1, ${n - 1}]`);
  }
  const out = output ?? new Float64Array(2 + 2 * alphas.length);
  if (out.length !== 2 + 2 * alphas.length) throw new RangeError(`output must have ${2 + 2 * alphas.length} elements`);

  let r0 = 0;
  for (let k = 0; k < baselineSamples; k++) r0 += response[k]!;
  r0 /= baselineSamples;
  let peak = 0;
  for (let k = 1; k < n; k++) if (Math.abs(response[k]! - r0) > Math.abs(response[peak]! - r0)) peak = k;
  const decayStart = options.decayStart ?? Math.min(peak + 1, n - 1);
  if (!Number.isInteger(decayStart) || decayStart < 1 || decayStart >= n) {
    throw new RangeError(`decayStart must be an integer in [1, ${n - 1}]`);
  }
  const deltaR = response[peak]! - r0;
  out[0] = deltaR;
  out[1] = r0 !== 0 ? Math.abs(deltaR) / Math.abs(r0) : 0;

  for (let i = 0; i < alphas.length; i++) {
    const a = alphas[i]!;
    if (!(a > 0 && a < 1)) throw new RangeError(`EMA alpha must be in (0, 1); got ${a}`);
    let y = 0;
    let rise = 0;
    let decay = 0;
    for (let k = 1; k < n; k++) {
      y = (1 - a) * y + a * (response[k]! - response[k - 1]!);
      if (k < decayStart) {
        if (y > rise) rise = y;
      } else if (y < decay) decay = y;
    }
    out[2 + i] = rise;
    out[2 + alphas.length + i] = decay;
  }
  return out;
}

/**
 * Features of a multi-channel recording (`channels` series of equal length) in the UCI sensor-major layout:
 * channel 0's 8 features, then channel 1's, and so on.
 */
export function extractArrayFeatures(
  series: readonly ArrayLike<number>[],
  options: TransientFeatureOptions = {},
): Float64Array {
  const per = 2 + 2 * (options.alphas ?? uciEmaAlphas).length;
  const out = new Float64Array(series.length * per);
  for (let c = 0; c < series.length; c++)
    extractTransientFeatures(series[c]!, options, out.subarray(c * per, (c + 1) * per));
  return out;
}
