export interface SoftmaxRegressionOptions {
  /** L2 penalty on the weights (default 1e-3). */
  readonly l2?: number;
  /** Full-batch Adam iterations (default 300). */
  readonly iterations?: number;
  /** Adam step size (default 0.05). */
  readonly learningRate?: number;
}

/**
 * Multinomial logistic regression on standardised features, fitted by full-batch Adam on the L2-penalised mean
 * cross-entropy. Deterministic (zero initialisation). Labels are any integers; probabilities follow `classes`.
 */
export class SoftmaxRegression {
  readonly classes: number[] = [];
  #w = new Float64Array(0); // (p + 1) × k, last row = bias
  #mean = new Float64Array(0);
  #scale = new Float64Array(0);
  #p = 0;
  readonly #l2: number;
  readonly #iterations: number;
  readonly #lr: number;

  constructor(options: SoftmaxRegressionOptions = {}) {
    this.#l2 = options.l2 ?? 1e-3;
    this.#iterations = options.iterations ?? 300;
    this.#lr = options.learningRate ?? 0.05;
    if (!(this.#l2 >= 0) || !(this.#iterations >= 1) || !(this.#lr > 0))
      throw new RangeError('invalid SoftmaxRegression options');
  }

  /** Fits on rows (n × p) with labels; `weights` optionally weigh samples (default 1). */
  fit(rows: readonly ArrayLike<number>[], labels: readonly number[], weights?: readonly number[]): this {
    const n = rows.length;
    if (n === 0 || labels.length !== n) throw new RangeError('fit needs as many labels as rows (and at least one row)');
    const p = rows[0]!.length;
    this.#p = p;
    this.classes.length = 0;
    this.classes.push(...[...new Set(labels)].sort((a, b) => a - b));
    const k = this.classes.length;
    const index = new Map(this.classes.map((c, i) => [c, i]));
    this.#mean = new Float64Array(p);
    this.#scale = new Float64Array(p);
    for (const r of rows) for (let j = 0; j < p; j++) this.#mean[j]! += r[j]! / n;
    for (const r of rows) for (let j = 0; j < p; j++) this.#scale[j]! += (r[j]! - this.#mean[j]!) ** 2 / n;
    for (let j = 0; j < p; j++) this.#scale[j] = Math.sqrt(this.#scale[j]!) || 1;
    const x = new Float64Array(n * p);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++) x[i * p + j] = (rows[i]![j]! - this.#mean[j]!) / this.#scale[j]!;
    const sw = weights ?? labels.map(() => 1);
    const wsum = sw.reduce((a, b) => a + b, 0);
    const w = new Float64Array((p + 1) * k);
    const grad = new Float64Array(w.length);
    const m = new Float64Array(w.length);
    const v = new Float64Array(w.length);
    const prob = new Float64Array(k);
    const b1 = 0.9;
    const b2 = 0.999;
    for (let it = 1; it <= this.#iterations; it++) {
      grad.fill(0);
      for (let i = 0; i < n; i++) {
        this.#logits(x, i * p, w, p, k, prob);
        softmaxInPlace(prob);
        const yi = index.get(labels[i]!)!;
        const si = sw[i]! / wsum;
        for (let c = 0; c < k; c++) {
          const g = (prob[c]! - (c === yi ? 1 : 0)) * si;
          if (g === 0) continue;
          for (let j = 0; j < p; j++) grad[j * k + c]! += g * x[i * p + j]!;
          grad[p * k + c]! += g;
        }
      }
      for (let q = 0; q < p * k; q++) grad[q]! += this.#l2 * w[q]!;
      const c1 = 1 - b1 ** it;
      const c2 = 1 - b2 ** it;
      for (let q = 0; q < w.length; q++) {
        m[q] = b1 * m[q]! + (1 - b1) * grad[q]!;
        v[q] = b2 * v[q]! + (1 - b2) * grad[q]! * grad[q]!;
        w[q]! -= (this.#lr * (m[q]! / c1)) / (Math.sqrt(v[q]! / c2) + 1e-8);
      }
    }
    this.#w = w;
    return this;
  }

  #logits(x: Float64Array, offset: number, w: Float64Array, p: number, k: number, out: Float64Array): void {
    for (let c = 0; c < k; c++) out[c] = w[p * k + c]!;
    for (let j = 0; j < p; j++) {
      const xj = x[offset + j]!;
      if (xj === 0) continue;
      for (let c = 0; c < k; c++) out[c]! += xj * w[j * k + c]!;
    }
  }

  /** Class probabilities for one row, in the order of `classes`. */
  predictProba(row: ArrayLike<number>): Float64Array {
    const p = this.#p;
    const k = this.classes.length;
    if (k === 0) throw new Error('SoftmaxRegression is not fitted');
    if (row.length !== p) throw new RangeError(`expected ${p} features; got ${row.length}`);
    const z = new Float64Array(p);
    for (let j = 0; j < p; j++) z[j] = (row[j]! - this.#mean[j]!) / this.#scale[j]!;
    const out = new Float64Array(k);
    this.#logits(z, 0, this.#w, p, k, out);
    softmaxInPlace(out);
    return out;
  }

  predict(row: ArrayLike<number>): number {
    const pr = this.predictProba(row);
    let best = 0;
    for (let c = 1; c < pr.length; c++) if (pr[c]! > pr[best]!) best = c;
    return this.classes[best]!;
  }
}

function softmaxInPlace(z: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
}
