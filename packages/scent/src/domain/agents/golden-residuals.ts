import type { GoldenBatchModelJSON } from '../mspc/golden-batch-model.js';

export interface GoldenResiduals {
  /** Per reading, per channel: the autoscaled value minus its reconstruction from the model plane. */
  readonly residuals: number[][];
  /**
   * Per channel: the residual variance of the reference data, 1 − Σₐ λₐ pⱼₐ² over the kept components (the
   * autoscaled reference has unit variance per channel).
   */
  readonly referenceVariance: number[];
}

/**
 * Residuals of readings against a golden-batch model, channel by channel: what the model's principal components
 * (the product's correlated variation: concentration, environment) do not explain. A noisy channel inflates its own
 * residual variance while a change of odor moves the residuals of several channels together, so the sensor-health
 * agent judges noise on these rather than on raw variability.
 *
 * @example
 * const { residuals, referenceVariance } = goldenResiduals(model.toJSON(), window);
 */
export function goldenResiduals(model: GoldenBatchModelJSON, rows: readonly (readonly number[])[]): GoldenResiduals {
  const p = model.channels;
  const A = model.components;
  const referenceVariance = Array.from({ length: p }, (_, j) => {
    let explained = 0;
    for (let a = 0; a < A; a++) explained += model.eigenvalues[a]! * model.loadings[j * A + a]! ** 2;
    return Math.max(1 - explained, 1e-9);
  });
  const z = new Float64Array(p);
  const t = new Float64Array(A);
  const residuals = rows.map((x) => {
    if (x.length !== p) throw new RangeError(`expected ${p} channels; got ${x.length}`);
    for (let j = 0; j < p; j++) z[j] = (x[j]! - model.mean[j]!) / model.scale[j]!;
    t.fill(0);
    for (let j = 0; j < p; j++) for (let a = 0; a < A; a++) t[a]! += z[j]! * model.loadings[j * A + a]!;
    return Array.from({ length: p }, (_, j) => {
      let recon = 0;
      for (let a = 0; a < A; a++) recon += t[a]! * model.loadings[j * A + a]!;
      return z[j]! - recon;
    });
  });
  return { residuals, referenceVariance };
}
