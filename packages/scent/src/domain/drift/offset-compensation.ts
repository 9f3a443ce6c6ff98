/**
 * Offset drift compensation from transfer samples: samples of a known reference (the good product or a calibration
 * standard) measured now and at model-building time. Every later reading is shifted by (reference mean then −
 * transfer mean now), channel by channel, which removes additive sensor drift common to all samples.
 *
 * With `scaleForTransferError`, the compensated deviation from the reference mean is also divided by √(1 + 1/K):
 * after the shift, x − μ_ref equals x − x̄_K, whose covariance is Σ·(1 + 1/K) when x̄_K is the mean of K independent
 * transfer samples; the division brings it back to the Σ a golden-batch model was fitted for, so its limits keep their
 * false-alarm rate instead of absorbing the noise of the transfer mean as alarms.
 *
 * @example
 * const comp = new OffsetCompensation(referenceMean, transferRows, { scaleForTransferError: true });
 * model.score(comp.apply(reading));
 */
export class OffsetCompensation {
  readonly #shift: Float64Array;
  readonly #reference: Float64Array;
  readonly #factor: number;

  constructor(
    referenceMean: ArrayLike<number>,
    transferSamples: readonly ArrayLike<number>[],
    options: { readonly scaleForTransferError?: boolean } = {},
  ) {
    const p = referenceMean.length;
    this.#shift = new Float64Array(p);
    this.#reference = Float64Array.from(referenceMean);
    const k = transferSamples.length;
    this.#factor = options.scaleForTransferError && k > 0 ? 1 / Math.sqrt(1 + 1 / k) : 1;
    if (k === 0) return;
    for (const s of transferSamples) {
      if (s.length !== p) throw new RangeError(`transfer samples need ${p} channels; got ${s.length}`);
      for (let j = 0; j < p; j++) this.#shift[j]! -= s[j]! / k;
    }
    for (let j = 0; j < p; j++) this.#shift[j]! += referenceMean[j]!;
  }

  apply(x: ArrayLike<number>, output = new Float64Array(x.length)): Float64Array {
    const f = this.#factor;
    for (let j = 0; j < x.length; j++) {
      const r = this.#reference[j]!;
      output[j] = r + (x[j]! + this.#shift[j]! - r) * f;
    }
    return output;
  }
}

/** Column means of rows. */
export function columnMeans(rows: readonly ArrayLike<number>[]): Float64Array {
  const p = rows[0]?.length ?? 0;
  const out = new Float64Array(p);
  for (const r of rows) for (let j = 0; j < p; j++) out[j]! += r[j]! / rows.length;
  return out;
}
