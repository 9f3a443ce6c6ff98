import { Matrix, SVD } from 'ml-matrix';
import { chiSquareQuantile, hotellingT2Limit, speLimitBox, speLimitJacksonMudholkar } from './control-limits.js';
import {
  type ChannelIsolation,
  type ExpectedContributions,
  type IsolationOptions,
  type IsolationScore,
  isolateFaultyChannels,
} from './fault-isolation.js';

export interface GoldenBatchOptions {
  /** False-alarm probability per observation for both limits (default 0.01). */
  readonly alpha?: number;
  /** Keep the fewest components whose cumulative explained variance reaches this share (default 0.9). */
  readonly varianceTarget?: number;
  /** Fixed number of components (overrides `varianceTarget`). */
  readonly components?: number;
  /** SPE limit method (default Jackson-Mudholkar). */
  readonly speMethod?: 'jackson-mudholkar' | 'box';
  /**
   * Where the control limits come from (default `theory`): `theory` uses the F-distribution T² limit and the SPE
   * approximation from the residual eigenvalues; `cross-validated` scores every reference observation with a model
   * fitted without it (leave-one-out up to 50 observations, 10 folds above) and fits a scaled χ² g·χ²_h to those
   * statistics by their mean and variance (Box 1954, as Nomikos & MacGregor 1995 do for SPE). With fewer reference
   * observations than channels the residual eigenvalues of the fit are biased towards zero and the theoretical SPE
   * limit flags nearly every new observation; the cross-validated limits do not share that bias. Needs at least 4
   * observations.
   */
  readonly limits?: 'theory' | 'cross-validated';
}

export interface Score {
  readonly t2: number;
  readonly spe: number;
  readonly t2Limit: number;
  readonly speLimit: number;
  /** T² or SPE above its limit. */
  readonly isAnomaly: boolean;
  /** 0..1: 1 at the model centre, 0.5 on the nearer control limit, towards 0 beyond it. */
  readonly similarity: number;
  /** Per-channel contributions; they sum to T² and SPE respectively. */
  readonly t2Contributions: Float64Array;
  readonly speContributions: Float64Array;
  /**
   * Reconstruction-based contributions (Alcala & Qin 2009): how much each statistic drops when that channel is
   * reconstructed from the others. They do not smear a single-channel fault over other channels, so they rank
   * channels for isolation.
   */
  readonly t2Rbc: Float64Array;
  readonly speRbc: Float64Array;
}

export interface GoldenBatchModelJSON {
  readonly kind: 'GoldenBatchModel';
  readonly version: 1;
  readonly n: number;
  readonly channels: number;
  readonly components: number;
  readonly alpha: number;
  readonly speMethod: 'jackson-mudholkar' | 'box';
  /** Absent in documents written before cross-validated limits existed (they are `theory`). */
  readonly limits?: 'theory' | 'cross-validated';
  readonly mean: number[];
  readonly scale: number[];
  readonly loadings: number[];
  readonly eigenvalues: number[];
  readonly t2Limit: number;
  readonly speLimit: number;
}

/**
 * A golden-batch fingerprint: autoscaling + PCA of good-product observations, with Hotelling's T² (inside the model
 * plane) and SPE/Q (distance to it) control limits and per-channel contributions for diagnosis. Fit and score are
 * separate; the fitted model serialises to JSON for versioned storage.
 *
 * @example
 * const model = GoldenBatchModel.fit(rows, { alpha: 0.01 });
 * const { isAnomaly, speContributions } = model.score(newRow);
 * @see MacGregor & Kourti (1995), Statistical process control of multivariate processes.
 */
export class GoldenBatchModel {
  private constructor(
    readonly n: number,
    readonly channels: number,
    readonly components: number,
    readonly alpha: number,
    readonly speMethod: 'jackson-mudholkar' | 'box',
    readonly limits: 'theory' | 'cross-validated',
    private readonly mean: Float64Array,
    private readonly scale: Float64Array,
    /** channels × components, row-major */
    private readonly loadings: Float64Array,
    /** all eigenvalues of the scaled covariance, descending */
    readonly eigenvalues: Float64Array,
    readonly t2Limit: number,
    readonly speLimit: number,
  ) {
    this.#t = new Float64Array(components);
    this.#residualDiag = new Float64Array(channels);
    this.#t2Diag = new Float64Array(channels);
    for (let j = 0; j < channels; j++) {
      let pp = 0;
      let pl = 0;
      for (let a = 0; a < components; a++) {
        const l = loadings[j * components + a]!;
        pp += l * l;
        pl += (l * l) / eigenvalues[a]!;
      }
      this.#residualDiag[j] = Math.max(1 - pp, 1e-12);
      this.#t2Diag[j] = Math.max(pl, 1e-12);
    }
  }

  /** diag(I − PPᵀ) and diag(PΛ⁻¹Pᵀ), the denominators of reconstruction-based contributions. */
  readonly #residualDiag: Float64Array;
  readonly #t2Diag: Float64Array;

  readonly #t: Float64Array;

  /** Fits on reference rows (each a vector of `channels` values). Needs at least `components + 2` rows. */
  static fit(rows: readonly ArrayLike<number>[], options: GoldenBatchOptions = {}): GoldenBatchModel {
    const alpha = options.alpha ?? 0.01;
    const varianceTarget = options.varianceTarget ?? 0.9;
    const speMethod = options.speMethod ?? 'jackson-mudholkar';
    const limits = options.limits ?? 'theory';
    const n = rows.length;
    if (limits === 'cross-validated' && n < 4) {
      throw new RangeError(`cross-validated limits need at least 4 reference observations; got ${n}`);
    }
    if (n < 3) throw new RangeError(`a golden-batch model needs at least 3 reference observations; got ${n}`);
    const p = rows[0]!.length;
    if (p < 1) throw new RangeError('observations must have at least one channel');
    if (!(varianceTarget > 0 && varianceTarget <= 1)) throw new RangeError('varianceTarget must be in (0, 1]');
    const mean = new Float64Array(p);
    const scale = new Float64Array(p);
    for (const row of rows) {
      if (row.length !== p) throw new RangeError(`every observation needs ${p} channels; got ${row.length}`);
      for (let j = 0; j < p; j++) {
        const v = row[j]!;
        if (!Number.isFinite(v)) throw new RangeError('observations must be finite numbers');
        mean[j]! += v;
      }
    }
    for (let j = 0; j < p; j++) mean[j]! /= n;
    for (const row of rows) for (let j = 0; j < p; j++) scale[j]! += (row[j]! - mean[j]!) ** 2;
    for (let j = 0; j < p; j++) {
      const sd = Math.sqrt(scale[j]! / (n - 1));
      scale[j] = sd > 1e-12 ? sd : 1;
    }
    const x = new Matrix(n, p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x.set(i, j, (rows[i]![j]! - mean[j]!) / scale[j]!);
    const svd = new SVD(x, {
      computeLeftSingularVectors: false,
      computeRightSingularVectors: true,
      autoTranspose: true,
    });
    const singular = svd.diagonal;
    const rank = Math.min(n - 1, p);
    const eigenvalues = new Float64Array(p);
    for (let a = 0; a < Math.min(singular.length, p); a++) eigenvalues[a] = a < rank ? singular[a]! ** 2 / (n - 1) : 0;
    const total = eigenvalues.reduce((s, v) => s + v, 0);
    let components = options.components ?? 0;
    if (components === 0) {
      let cum = 0;
      for (let a = 0; a < rank; a++) {
        cum += eigenvalues[a]!;
        components = a + 1;
        if (total === 0 || cum / total >= varianceTarget - 1e-12) break;
      }
    }
    components = Math.max(1, Math.min(components, rank, n - 2));
    const v = svd.rightSingularVectors;
    const loadings = new Float64Array(p * components);
    for (let j = 0; j < p; j++) for (let a = 0; a < components; a++) loadings[j * components + a] = v.get(j, a);
    const residual = eigenvalues.subarray(components);
    let t2Limit = hotellingT2Limit(n, components, alpha);
    let speLimit = speMethod === 'box' ? speLimitBox(residual, alpha) : speLimitJacksonMudholkar(residual, alpha);
    if (limits === 'cross-validated') {
      const cv = crossValidatedStatistics(rows, components, options);
      t2Limit = scaledChiSquareLimit(cv.t2, alpha);
      speLimit = scaledChiSquareLimit(cv.spe, alpha);
    }
    return new GoldenBatchModel(
      n,
      p,
      components,
      alpha,
      speMethod,
      limits,
      mean,
      scale,
      loadings,
      eigenvalues,
      t2Limit,
      speLimit,
    );
  }

  /** Explained variance share of each kept component. */
  explainedVariance(): number[] {
    const total = this.eigenvalues.reduce((s, v) => s + v, 0);
    return Array.from(this.eigenvalues.subarray(0, this.components), (l) => (total > 0 ? l / total : 0));
  }

  /**
   * Scores one observation. T², SPE and the alarm are computed at once; the per-channel contributions and RBC are
   * computed from the kept scaled observation and residual the first time they are read (most observations are never
   * diagnosed).
   */
  score(x: ArrayLike<number>): Score {
    const p = this.channels;
    const A = this.components;
    if (x.length !== p) throw new RangeError(`expected ${p} channels; got ${x.length}`);
    const mean = this.mean;
    const scale = this.scale;
    const loadings = this.loadings;
    const eigenvalues = this.eigenvalues;
    // z (scaled observation) and e (residual) share one allocation, kept for the lazy contributions
    const ze = new Float64Array(2 * p);
    const t = this.#t;
    t.fill(0);
    for (let j = 0; j < p; j++) {
      const zj = (x[j]! - mean[j]!) / scale[j]!;
      ze[j] = zj;
      const row = j * A;
      for (let a = 0; a < A; a++) t[a]! += zj * loadings[row + a]!;
    }
    let t2 = 0;
    for (let a = 0; a < A; a++) t2 += (t[a]! * t[a]!) / eigenvalues[a]!;
    let spe = 0;
    for (let j = 0; j < p; j++) {
      const row = j * A;
      let recon = 0;
      for (let a = 0; a < A; a++) recon += t[a]! * loadings[row + a]!;
      const e = ze[j]! - recon;
      ze[p + j] = e;
      spe += e * e;
    }
    return new LazyScore(
      t2,
      spe,
      this.t2Limit,
      this.speLimit,
      ze,
      t.slice(),
      loadings,
      eigenvalues,
      this.#residualDiag,
      this.#t2Diag,
    );
  }

  /**
   * Channel indices, most suspect first, from one score: T² and SPE contributions, each standardised by its in-control
   * expected value and divided by its statistic's limit, added (`isolateChannels([score], { window: 1 })`). On the
   * simulated line this names the faulty channel first more often than the reconstruction-based contributions of the
   * statistic most over its limit (bench/scent/isolation). With a history, prefer {@link isolateChannels}.
   */
  rankChannels(score: Score): number[] {
    return this.isolateChannels([score], { window: 1 }).ranking;
  }

  /**
   * In-control expected value of each channel's contributions, from the reference covariance (scaled data have unit
   * variance: cov = VΛVᵀ): SPE contribution E[e_j²] = 1 − Σ_a λ_a p_ja², T² contribution E[c_j z_j] = Σ_a p_ja²,
   * T² RBC 1 and SPE RBC E[e_j²] / (1 − Σ_a p_ja²). Dividing by them gives every channel the same in-control scale.
   */
  expectedContributions(): ExpectedContributions {
    if (this.#expected) return this.#expected;
    const p = this.channels;
    const A = this.components;
    const spe = new Float64Array(p);
    const t2 = new Float64Array(p);
    const t2Rbc = new Float64Array(p).fill(1);
    const speRbc = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let explained = 0;
      let pp = 0;
      for (let a = 0; a < A; a++) {
        const l = this.loadings[j * A + a]!;
        explained += this.eigenvalues[a]! * l * l;
        pp += l * l;
      }
      spe[j] = Math.max(1 - explained, 1e-9);
      t2[j] = Math.max(pp, 1e-9);
      speRbc[j] = spe[j]! / this.#residualDiag[j]!;
    }
    this.#expected = { t2, spe, t2Rbc, speRbc };
    return this.#expected;
  }

  #expected?: ExpectedContributions;

  /**
   * Channels most likely behind an alarm, from the latest scores of this model (oldest first): standardised SPE
   * contributions summed over the last 10 scores by default; see {@link isolateFaultyChannels}.
   */
  isolateChannels(scores: readonly IsolationScore[], options?: IsolationOptions): ChannelIsolation {
    return isolateFaultyChannels(scores, this.expectedContributions(), options);
  }

  toJSON(): GoldenBatchModelJSON {
    return {
      kind: 'GoldenBatchModel',
      version: 1,
      n: this.n,
      channels: this.channels,
      components: this.components,
      alpha: this.alpha,
      speMethod: this.speMethod,
      limits: this.limits,
      mean: Array.from(this.mean),
      scale: Array.from(this.scale),
      loadings: Array.from(this.loadings),
      eigenvalues: Array.from(this.eigenvalues),
      t2Limit: this.t2Limit,
      speLimit: this.speLimit,
    };
  }

  static fromJSON(json: GoldenBatchModelJSON): GoldenBatchModel {
    if (json.kind !== 'GoldenBatchModel' || json.version !== 1) {
      throw new TypeError(`not a GoldenBatchModel v1 document (kind ${json.kind}, version ${json.version})`);
    }
    const p = json.channels;
    const A = json.components;
    if (json.mean.length !== p || json.scale.length !== p || json.loadings.length !== p * A) {
      throw new RangeError('GoldenBatchModel document has inconsistent shapes');
    }
    return new GoldenBatchModel(
      json.n,
      p,
      A,
      json.alpha,
      json.speMethod,
      json.limits ?? 'theory',
      Float64Array.from(json.mean),
      Float64Array.from(json.scale),
      Float64Array.from(json.loadings),
      Float64Array.from(json.eigenvalues),
      json.t2Limit,
      json.speLimit,
    );
  }
}

/**
 * T² and SPE of every reference observation under a model fitted without it: leave-one-out up to 50 observations,
 * 10 interleaved folds above. Each fold model keeps `components` (at most its own n − 2) and the same scaling rules.
 */
function crossValidatedStatistics(
  rows: readonly ArrayLike<number>[],
  components: number,
  options: GoldenBatchOptions,
): { t2: number[]; spe: number[] } {
  const n = rows.length;
  const folds = n <= 50 ? n : 10;
  const t2: number[] = [];
  const spe: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((_, i) => i % folds !== f);
    const model = GoldenBatchModel.fit(train, {
      ...options,
      limits: 'theory',
      components: Math.min(components, train.length - 2),
    });
    for (let i = f; i < n; i += folds) {
      const s = model.score(rows[i]!);
      t2.push(s.t2);
      spe.push(s.spe);
    }
  }
  return { t2, spe };
}

/** Upper 1 − α quantile of g·χ²_h matched to the mean m and variance v of `values`: g = v/(2m), h = 2m²/v. */
export function scaledChiSquareLimit(values: readonly number[], alpha: number): number {
  const n = values.length;
  const m = values.reduce((s, v) => s + v, 0) / n;
  const v = values.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
  if (!(m > 0)) return 0;
  if (!(v > 0)) return m;
  const g = v / (2 * m);
  const h = (2 * m * m) / v;
  return g * chiSquareQuantile(1 - alpha, h);
}

/** A {@link Score} whose contribution vectors are computed on first access. */
class LazyScore implements Score {
  readonly isAnomaly: boolean;
  readonly similarity: number;
  #t2Contributions?: Float64Array;
  #speContributions?: Float64Array;
  #t2Rbc?: Float64Array;
  #speRbc?: Float64Array;

  constructor(
    readonly t2: number,
    readonly spe: number,
    readonly t2Limit: number,
    readonly speLimit: number,
    /** scaled observation z (first half) and residual e (second half) */
    private readonly ze: Float64Array,
    private readonly t: Float64Array,
    private readonly loadings: Float64Array,
    private readonly eigenvalues: Float64Array,
    private readonly residualDiag: Float64Array,
    private readonly t2Diag: Float64Array,
  ) {
    this.isAnomaly = t2 > t2Limit || spe > speLimit;
    this.similarity = 1 / (1 + Math.max(t2 / t2Limit, speLimit > 0 ? spe / speLimit : 0));
  }

  get t2Contributions(): Float64Array {
    if (!this.#t2Contributions) this.#t2Parts();
    return this.#t2Contributions!;
  }

  get t2Rbc(): Float64Array {
    if (!this.#t2Rbc) this.#t2Parts();
    return this.#t2Rbc!;
  }

  get speContributions(): Float64Array {
    if (!this.#speContributions) this.#speParts();
    return this.#speContributions!;
  }

  get speRbc(): Float64Array {
    if (!this.#speRbc) this.#speParts();
    return this.#speRbc!;
  }

  #t2Parts(): void {
    const p = this.ze.length / 2;
    const A = this.t.length;
    const contributions = new Float64Array(p);
    const rbc = new Float64Array(p);
    const scaled = new Float64Array(A);
    for (let a = 0; a < A; a++) scaled[a] = this.t[a]! / this.eigenvalues[a]!;
    for (let j = 0; j < p; j++) {
      const row = j * A;
      let c = 0;
      for (let a = 0; a < A; a++) c += scaled[a]! * this.loadings[row + a]!;
      contributions[j] = c * this.ze[j]!;
      rbc[j] = (c * c) / this.t2Diag[j]!;
    }
    this.#t2Contributions = contributions;
    this.#t2Rbc = rbc;
  }

  #speParts(): void {
    const p = this.ze.length / 2;
    const contributions = new Float64Array(p);
    const rbc = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const e = this.ze[p + j]!;
      contributions[j] = e * e;
      rbc[j] = (e * e) / this.residualDiag[j]!;
    }
    this.#speContributions = contributions;
    this.#speRbc = rbc;
  }
}
