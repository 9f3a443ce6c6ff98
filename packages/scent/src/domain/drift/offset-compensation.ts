/**
 * Offset drift compensation from transfer samples: samples of a known reference (the good product or a calibration
 * standard) measured now and at model-building time. Every later reading is shifted by (reference mean then −
 * transfer mean now), channel by channel, which removes additive sensor drift common to all samples.
 */
export class OffsetCompensation {
  readonly #shift: Float64Array;

  constructor(referenceMean: ArrayLike<number>, transferSamples: readonly ArrayLike<number>[]) {
    const p = referenceMean.length;
    this.#shift = new Float64Array(p);
    if (transferSamples.length === 0) return;
    for (const s of transferSamples) {
      if (s.length !== p) throw new RangeError(`transfer samples need ${p} channels; got ${s.length}`);
      for (let j = 0; j < p; j++) this.#shift[j]! -= s[j]! / transferSamples.length;
    }
    for (let j = 0; j < p; j++) this.#shift[j]! += referenceMean[j]!;
  }

  apply(x: ArrayLike<number>, output = new Float64Array(x.length)): Float64Array {
    for (let j = 0; j < x.length; j++) output[j] = x[j]! + this.#shift[j]!;
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
