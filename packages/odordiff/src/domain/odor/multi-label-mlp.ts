import { createRng, type Rng, shuffleInPlace } from '../internal/rng.js';

/** One example: a sparse block (indices + values) followed by a dense block. */
export interface MlpInput {
  readonly sparseIdx: Uint32Array;
  readonly sparseVal: Float64Array;
  readonly dense: Float64Array;
}

/** Options of {@link MultiLabelMlp}; every field has a default. */
export interface MultiLabelMlpOptions {
  readonly sparseDim?: number;
  readonly denseDim?: number;
  readonly hidden?: number;
  readonly outputs?: number;
  readonly dropout?: number;
  readonly learningRate?: number;
  readonly weightDecay?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly seed?: number;
}

const defaults: Required<MultiLabelMlpOptions> = {
  sparseDim: 2048,
  denseDim: 0,
  hidden: 256,
  outputs: 1,
  dropout: 0.3,
  learningRate: 1e-3,
  weightDecay: 1e-4,
  epochs: 30,
  batchSize: 64,
  seed: 1,
};

/** Serialised weights (Float32 is enough precision for storage). */
export interface MlpWeights {
  readonly options: Required<MultiLabelMlpOptions>;
  readonly w1s: Float32Array;
  readonly w1d: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

/**
 * A one-hidden-layer perceptron for multi-label classification (sigmoid outputs, binary cross-entropy), trained with
 * Adam and decoupled weight decay, ReLU and inverted dropout. The first layer takes a sparse block (count
 * fingerprints) and a dense block (descriptors); only the touched sparse rows are updated per batch ("lazy" Adam).
 *
 * @example
 * const mlp = new MultiLabelMlp({ sparseDim: 2048, denseDim: 20, outputs: 138 });
 * mlp.fit(inputs, labels); mlp.predictLogits(inputs[0]);
 * @see Kingma & Ba, "Adam" (2015); Loshchilov & Hutter, "Decoupled weight decay" (2019)
 */
export class MultiLabelMlp {
  readonly options: Required<MultiLabelMlpOptions>;
  readonly #w1s: Float64Array;
  readonly #w1d: Float64Array;
  readonly #b1: Float64Array;
  readonly #w2: Float64Array;
  readonly #b2: Float64Array;
  readonly #h: Float64Array;

  constructor(options: MultiLabelMlpOptions = {}) {
    const o = { ...defaults, ...options };
    for (const k of ['sparseDim', 'hidden', 'outputs', 'epochs', 'batchSize'] as const)
      if (!Number.isInteger(o[k]) || o[k] < 1) throw new RangeError(`MultiLabelMlp: ${k} must be a positive integer`);
    if (!(o.dropout >= 0 && o.dropout < 1)) throw new RangeError('MultiLabelMlp: dropout must be in [0, 1)');
    this.options = o;
    const rng = createRng(o.seed);
    const fanIn = Math.sqrt(2 / (40 + o.denseDim));
    this.#w1s = randn(o.sparseDim * o.hidden, fanIn, rng);
    this.#w1d = randn(o.denseDim * o.hidden, fanIn, rng);
    this.#b1 = new Float64Array(o.hidden);
    this.#w2 = randn(o.hidden * o.outputs, Math.sqrt(1 / o.hidden), rng);
    this.#b2 = new Float64Array(o.outputs);
    this.#h = new Float64Array(o.hidden);
  }

  /** A fresh, untrained model with the same options. */
  clone(): MultiLabelMlp {
    return new MultiLabelMlp(this.options);
  }

  /**
   * Trains on `inputs` with row-major 0/1 `labels` (`inputs.length x outputs`). `onEpoch` receives the mean loss.
   */
  fit(inputs: readonly MlpInput[], labels: Float64Array, onEpoch?: (epoch: number, loss: number) => void): void {
    const o = this.options;
    const { hidden: H, outputs: L, denseDim: D } = o;
    if (labels.length !== inputs.length * L) throw new RangeError('MultiLabelMlp.fit: labels shape mismatch');
    const rng = createRng(o.seed + 7919);
    const m1s = new Float64Array(this.#w1s.length);
    const v1s = new Float64Array(this.#w1s.length);
    const m1d = new Float64Array(this.#w1d.length);
    const v1d = new Float64Array(this.#w1d.length);
    const mb1 = new Float64Array(H);
    const vb1 = new Float64Array(H);
    const m2 = new Float64Array(this.#w2.length);
    const v2 = new Float64Array(this.#w2.length);
    const mb2 = new Float64Array(L);
    const vb2 = new Float64Array(L);
    const g1s = new Float64Array(this.#w1s.length);
    const g1d = new Float64Array(this.#w1d.length);
    const gb1 = new Float64Array(H);
    const g2 = new Float64Array(this.#w2.length);
    const gb2 = new Float64Array(L);
    const h = new Float64Array(H);
    const mask = new Float64Array(H);
    const dz = new Float64Array(L);
    const dh = new Float64Array(H);
    const touched = new Uint8Array(o.sparseDim);
    const touchedList: number[] = [];
    const order = Array.from({ length: inputs.length }, (_, i) => i);
    const beta1 = 0.9;
    const beta2 = 0.999;
    const eps = 1e-8;
    let t = 0;
    const keep = 1 - o.dropout;

    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffleInPlace(order, rng);
      let lossSum = 0;
      for (let start = 0; start < order.length; start += o.batchSize) {
        const end = Math.min(order.length, start + o.batchSize);
        const bs = end - start;
        g1d.fill(0);
        gb1.fill(0);
        g2.fill(0);
        gb2.fill(0);
        touchedList.length = 0;
        for (let s = start; s < end; s++) {
          const idx = order[s];
          const x = inputs[idx];
          this.#hidden(x, h);
          for (let j = 0; j < H; j++) {
            mask[j] = h[j] > 0 && rng.next() < keep ? 1 / keep : 0;
            h[j] *= mask[j];
          }
          const yOff = idx * L;
          for (let k = 0; k < L; k++) {
            let z = this.#b2[k];
            const wOff = k * H;
            for (let j = 0; j < H; j++) z += this.#w2[wOff + j] * h[j];
            const y = labels[yOff + k];
            lossSum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
            dz[k] = 1 / (1 + Math.exp(-z)) - y;
          }
          dh.fill(0);
          for (let k = 0; k < L; k++) {
            const d = dz[k];
            gb2[k] += d;
            const wOff = k * H;
            for (let j = 0; j < H; j++) {
              g2[wOff + j] += d * h[j];
              dh[j] += d * this.#w2[wOff + j];
            }
          }
          for (let j = 0; j < H; j++) dh[j] *= mask[j];
          for (let j = 0; j < H; j++) gb1[j] += dh[j];
          for (let q = 0; q < x.sparseIdx.length; q++) {
            const row = x.sparseIdx[q];
            const v = x.sparseVal[q];
            if (!touched[row]) {
              touched[row] = 1;
              touchedList.push(row);
              g1s.fill(0, row * H, row * H + H);
            }
            const off = row * H;
            for (let j = 0; j < H; j++) g1s[off + j] += v * dh[j];
          }
          for (let d = 0; d < D; d++) {
            const v = x.dense[d];
            if (v === 0) continue;
            const off = d * H;
            for (let j = 0; j < H; j++) g1d[off + j] += v * dh[j];
          }
        }
        t++;
        const lr = o.learningRate;
        const scale = 1 / bs;
        const bc1 = 1 - beta1 ** t;
        const bc2 = 1 - beta2 ** t;
        const adam = (
          w: Float64Array,
          g: Float64Array,
          m: Float64Array,
          v: Float64Array,
          from: number,
          to: number,
          decay: boolean,
        ) => {
          for (let i = from; i < to; i++) {
            const gi = g[i] * scale;
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            w[i] -= lr * (m[i] / bc1 / (Math.sqrt(v[i] / bc2) + eps) + (decay ? o.weightDecay * w[i] : 0));
          }
        };
        for (const row of touchedList) {
          adam(this.#w1s, g1s, m1s, v1s, row * H, row * H + H, true);
          touched[row] = 0;
        }
        adam(this.#w1d, g1d, m1d, v1d, 0, this.#w1d.length, true);
        adam(this.#b1, gb1, mb1, vb1, 0, H, false);
        adam(this.#w2, g2, m2, v2, 0, this.#w2.length, true);
        adam(this.#b2, gb2, mb2, vb2, 0, L, false);
      }
      onEpoch?.(epoch, lossSum / (order.length * L));
    }
  }

  #hidden(x: MlpInput, out: Float64Array): void {
    const H = this.options.hidden;
    out.set(this.#b1);
    for (let q = 0; q < x.sparseIdx.length; q++) {
      const off = x.sparseIdx[q] * H;
      const v = x.sparseVal[q];
      for (let j = 0; j < H; j++) out[j] += v * this.#w1s[off + j];
    }
    for (let d = 0; d < this.options.denseDim; d++) {
      const v = x.dense[d];
      if (v === 0) continue;
      const off = d * H;
      for (let j = 0; j < H; j++) out[j] += v * this.#w1d[off + j];
    }
    for (let j = 0; j < H; j++) if (out[j] < 0) out[j] = 0;
  }

  /** Hidden-layer activations (the learned odor embedding), length `hidden`. */
  embed(x: MlpInput, output: Float64Array = new Float64Array(this.options.hidden)): Float64Array {
    this.#hidden(x, output);
    return output;
  }

  /** Raw logits for every label. */
  predictLogits(x: MlpInput, output: Float64Array = new Float64Array(this.options.outputs)): Float64Array {
    const { hidden: H, outputs: L } = this.options;
    this.#hidden(x, this.#h);
    for (let k = 0; k < L; k++) {
      let z = this.#b2[k];
      const off = k * H;
      for (let j = 0; j < H; j++) z += this.#w2[off + j] * this.#h[j];
      output[k] = z;
    }
    return output;
  }

  /** Weights for storage. */
  toWeights(): MlpWeights {
    return {
      options: this.options,
      w1s: Float32Array.from(this.#w1s),
      w1d: Float32Array.from(this.#w1d),
      b1: Float32Array.from(this.#b1),
      w2: Float32Array.from(this.#w2),
      b2: Float32Array.from(this.#b2),
    };
  }

  /** Rebuilds a trained model from {@link MultiLabelMlp.toWeights}; throws on shape mismatch. */
  static fromWeights(w: MlpWeights): MultiLabelMlp {
    const mlp = new MultiLabelMlp(w.options);
    const copy = (dst: Float64Array, src: Float32Array, name: string) => {
      if (dst.length !== src.length)
        throw new RangeError(`MultiLabelMlp.fromWeights: ${name} has ${src.length} values, expected ${dst.length}`);
      for (let i = 0; i < dst.length; i++) dst[i] = src[i];
    };
    copy(mlp.#w1s, w.w1s, 'w1s');
    copy(mlp.#w1d, w.w1d, 'w1d');
    copy(mlp.#b1, w.b1, 'b1');
    copy(mlp.#w2, w.w2, 'w2');
    copy(mlp.#b2, w.b2, 'b2');
    return mlp;
  }
}

function randn(n: number, scale: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * scale;
  return out;
}
