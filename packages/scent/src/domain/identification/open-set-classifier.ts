import jstatPkg from 'jstat';
import { EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix';

const { jStat } = jstatPkg as unknown as typeof import('jstat');

export interface OpenSetClassifierOptions {
  /** Target rate at which samples of a KNOWN class are rejected as unknown (default 0.05). */
  readonly alpha?: number;
  /** Shrinkage of the pooled covariance towards a scaled identity, 0..1 (default 0.1). */
  readonly shrinkage?: number;
  /** Share of each class held out to calibrate the rejection threshold (default 0.25). */
  readonly calibrationShare?: number;
  /**
   * Keep the fewest principal components of the standardised features reaching this share of the variance
   * (default 0.95). Minor directions carry noise and slow baseline drift, not product identity.
   */
  readonly varianceTarget?: number;
}

export interface OpenSetPrediction {
  /** The identified class, or null when the sample is rejected as unknown. */
  readonly label: string | null;
  /** The nearest class (what a closed-set classifier would answer). */
  readonly nearest: string;
  /** Squared Mahalanobis distance to the nearest class mean. */
  readonly distance: number;
  /** The nearest class's calibrated rejection threshold on that distance. */
  readonly threshold: number;
  /** Posterior of the nearest class among the known classes (equal priors, shared covariance). */
  readonly posterior: number;
}

/**
 * Product / odor identification that can say "unknown": on the leading principal components of the standardised
 * features (`varianceTarget`), linear discriminant analysis (class means, pooled within-class covariance shrunk
 * towards a scaled identity) classifies by the nearest class in Mahalanobis distance,
 * and a sample whose distance to that class exceeds the class's threshold is rejected instead of being forced into
 * the nearest class. The thresholds are calibrated by split conformal prediction: a held-out share of each class
 * gives the ⌈(m+1)(1−α)⌉-th smallest distance, so a new sample of a known class is rejected with probability at most
 * about α (with fewer than 1/α − 1 held-out samples the largest held-out distance is used). Because a quantile of a
 * few held-out samples is itself uncertain, the threshold is never below the Gaussian prediction limit of a new
 * observation, (1 + 1/n)·qν/(ν−q+1)·F(q, ν−q+1; 1−α) with ν the pooled degrees of freedom.
 *
 * @example
 * const clf = OpenSetClassifier.fit(rows, products, { alpha: 0.05 });
 * clf.predict(x).label; // 'orange-juice', or null for an odor it was not trained on
 * @see Vovk, Gammerman & Shafer (2005), Algorithmic Learning in a Random World (conformal prediction).
 */
export class OpenSetClassifier {
  private constructor(
    readonly classes: readonly string[],
    readonly alpha: number,
    private readonly mean: Float64Array,
    private readonly scale: Float64Array,
    /** p × q principal directions of the standardised features, row-major */
    private readonly projection: Float64Array,
    /** classes × q, in the component space */
    private readonly centroids: Float64Array,
    /** q × q inverse of the shrunk pooled covariance */
    private readonly precision: Float64Array,
    readonly thresholds: readonly number[],
    /** Held-out samples per class behind each threshold. */
    readonly calibrationSizes: readonly number[],
  ) {}

  get features(): number {
    return this.mean.length;
  }

  static fit(
    rows: readonly ArrayLike<number>[],
    labels: readonly string[],
    options: OpenSetClassifierOptions = {},
  ): OpenSetClassifier {
    const alpha = options.alpha ?? 0.05;
    const lambda = options.shrinkage ?? 0.1;
    const share = options.calibrationShare ?? 0.25;
    const varianceTarget = options.varianceTarget ?? 0.95;
    if (!(varianceTarget > 0 && varianceTarget <= 1)) throw new RangeError('varianceTarget must be in (0, 1]');
    if (!(alpha > 0 && alpha < 1)) throw new RangeError('alpha must be in (0, 1)');
    if (!(lambda >= 0 && lambda <= 1)) throw new RangeError('shrinkage must be in [0, 1]');
    if (!(share > 0 && share < 1)) throw new RangeError('calibrationShare must be in (0, 1)');
    if (rows.length === 0 || rows.length !== labels.length) throw new RangeError('one label per row is needed');
    const p = rows[0]!.length;
    const classes = [...new Set(labels)].sort();
    const every = Math.max(2, Math.round(1 / share));
    const fitIdx: number[][] = classes.map(() => []);
    const calIdx: number[][] = classes.map(() => []);
    const seen = classes.map(() => 0);
    for (const [i, row] of rows.entries()) {
      if (row.length !== p) throw new RangeError(`every row needs ${p} features; got ${row.length}`);
      for (let j = 0; j < p; j++) if (!Number.isFinite(row[j]!)) throw new RangeError('features must be finite');
      const c = classes.indexOf(labels[i]!);
      (seen[c]! % every === every - 1 ? calIdx : fitIdx)[c]!.push(i);
      seen[c]!++;
    }
    for (const [c, name] of classes.entries()) {
      if (fitIdx[c]!.length < 2 || calIdx[c]!.length < 1) {
        throw new RangeError(`class ${name} needs at least ${every + 1} samples; got ${seen[c]}`);
      }
    }
    const nFit = fitIdx.reduce((s, ix) => s + ix.length, 0);
    if (nFit - classes.length < 1) throw new RangeError('too few samples for a pooled covariance');
    const mean = new Float64Array(p);
    const scale = new Float64Array(p);
    for (const ix of fitIdx) for (const i of ix) for (let j = 0; j < p; j++) mean[j]! += rows[i]![j]! / nFit;
    for (const ix of fitIdx)
      for (const i of ix) for (let j = 0; j < p; j++) scale[j]! += (rows[i]![j]! - mean[j]!) ** 2 / nFit;
    for (let j = 0; j < p; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
    const standardise = (row: ArrayLike<number>) =>
      Float64Array.from({ length: p }, (_, j) => (row[j]! - mean[j]!) / scale[j]!);
    const total = new Matrix(p, p);
    for (const ix of fitIdx) {
      for (const i of ix) {
        const zi = standardise(rows[i]!);
        for (let a = 0; a < p; a++)
          for (let b = 0; b < p; b++) total.set(a, b, total.get(a, b) + (zi[a]! * zi[b]!) / nFit);
      }
    }
    const evd = new EigenvalueDecomposition(total, { assumeSymmetric: true });
    const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
    const varSum = order.reduce((acc, [v]) => acc + Math.max(v, 0), 0);
    let q = 0;
    for (let cum = 0; q < p && (q === 0 || cum < varianceTarget * varSum - 1e-12); q++)
      cum += Math.max(order[q]![0], 0);
    const projection = new Float64Array(p * q);
    for (let j = 0; j < p; j++)
      for (let a = 0; a < q; a++) projection[j * q + a] = evd.eigenvectorMatrix.get(j, order[a]![1]);
    const z = (row: ArrayLike<number>) => {
      const zi = standardise(row);
      const t = new Float64Array(q);
      for (let j = 0; j < p; j++) for (let a = 0; a < q; a++) t[a]! += zi[j]! * projection[j * q + a]!;
      return t;
    };
    const centroids = new Float64Array(classes.length * q);
    for (const [c, ix] of fitIdx.entries()) {
      for (const i of ix) {
        const zi = z(rows[i]!);
        for (let j = 0; j < q; j++) centroids[c * q + j]! += zi[j]! / ix.length;
      }
    }
    const cov = new Matrix(q, q);
    for (const [c, ix] of fitIdx.entries()) {
      for (const i of ix) {
        const zi = z(rows[i]!);
        for (let a = 0; a < q; a++) {
          const da = zi[a]! - centroids[c * q + a]!;
          for (let b = a; b < q; b++) cov.set(a, b, cov.get(a, b) + da * (zi[b]! - centroids[c * q + b]!));
        }
      }
    }
    let trace = 0;
    for (let a = 0; a < q; a++) {
      for (let b = a; b < q; b++) {
        const v = cov.get(a, b) / (nFit - classes.length);
        cov.set(a, b, v);
        cov.set(b, a, v);
      }
      trace += cov.get(a, a);
    }
    const ridge = Math.max(trace / q, 1e-12);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) cov.set(a, b, (1 - lambda) * cov.get(a, b) + (a === b ? lambda * ridge : 0));
      cov.set(a, a, cov.get(a, a) + 1e-9 * ridge);
    }
    const inv = inverse(cov);
    const precision = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) precision[a * q + b] = inv.get(a, b);
    const provisional = new OpenSetClassifier(classes, alpha, mean, scale, projection, centroids, precision, [], []);
    const nu = nFit - classes.length;
    const thresholds = calIdx.map((ix, c) => {
      const scores = ix.map((i) => provisional.#distances(rows[i]!)[c]!).sort((a, b) => a - b);
      const k = Math.ceil((scores.length + 1) * (1 - alpha));
      const conformal = scores[Math.min(k, scores.length) - 1]!;
      // the Gaussian prediction limit of a new observation guards thresholds from few held-out samples
      const parametric =
        nu - q + 1 >= 1
          ? (1 + 1 / fitIdx[c]!.length) * ((q * nu) / (nu - q + 1)) * jStat.centralF.inv(1 - alpha, q, nu - q + 1)
          : 0;
      return Math.max(conformal, parametric);
    });
    return new OpenSetClassifier(
      classes,
      alpha,
      mean,
      scale,
      projection,
      centroids,
      precision,
      thresholds,
      calIdx.map((ix) => ix.length),
    );
  }

  /** Squared Mahalanobis distance of a row to every class mean, in the order of `classes`. */
  #distances(row: ArrayLike<number>): Float64Array {
    const p = this.mean.length;
    if (row.length !== p) throw new RangeError(`expected ${p} features; got ${row.length}`);
    const q = this.projection.length / p;
    const t = new Float64Array(q);
    for (let j = 0; j < p; j++) {
      const zj = (row[j]! - this.mean[j]!) / this.scale[j]!;
      for (let a = 0; a < q; a++) t[a]! += zj * this.projection[j * q + a]!;
    }
    const d = new Float64Array(q);
    const out = new Float64Array(this.classes.length);
    for (let c = 0; c < this.classes.length; c++) {
      for (let a = 0; a < q; a++) d[a] = t[a]! - this.centroids[c * q + a]!;
      let sum = 0;
      for (let a = 0; a < q; a++) {
        let s = 0;
        for (let b = 0; b < q; b++) s += this.precision[a * q + b]! * d[b]!;
        sum += d[a]! * s;
      }
      out[c] = sum;
    }
    return out;
  }

  predict(row: ArrayLike<number>): OpenSetPrediction {
    const d = this.#distances(row);
    let best = 0;
    for (let c = 1; c < d.length; c++) if (d[c]! < d[best]!) best = c;
    let norm = 0;
    for (let c = 0; c < d.length; c++) norm += Math.exp(-(d[c]! - d[best]!) / 2);
    const threshold = this.thresholds[best]!;
    return {
      label: d[best]! <= threshold ? this.classes[best]! : null,
      nearest: this.classes[best]!,
      distance: d[best]!,
      threshold,
      posterior: 1 / norm,
    };
  }
}
