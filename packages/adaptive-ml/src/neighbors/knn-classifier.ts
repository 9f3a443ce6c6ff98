import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { sortedLabels } from '../tree/hoeffding-tree-classifier.js';

/** Options of {@link KNNClassifier}. */
export interface KNNClassifierOptions {
  /** Neighbours that vote (default 5). */
  nNeighbors?: number;
  /** Samples kept in the sliding window (default 1000; River's benchmark uses 100). */
  windowSize?: number;
  /** Weight votes by inverse distance (default true). */
  weighted?: boolean;
  /** Minkowski exponent of the distance (default 2). */
  p?: number;
}

/**
 * k-nearest-neighbours classifier over a sliding window of the latest samples (exact brute-force search; missing
 * features count as 0). Weighted votes use 1 / distance; when the nearest sample is an exact match its label takes the
 * whole vote (River's behaviour). Among equal distances the older sample ranks first. The window is stored as dense
 * `Float64Array` rows over the features seen so far, so a search allocates nothing per stored sample.
 *
 * River 0.19's default engine is SWINN, an approximate graph search over a window of 1000 with an unseeded random
 * graph; this class searches the same window exactly (see bench/adaptive-ml for the effect on River's table).
 *
 * @example
 * const knn = new KNNClassifier({ windowSize: 100 }); knn.learnOne({ a: 1 }, 'x'); knn.predictOne({ a: 1.1 }); // 'x'
 */
export class KNNClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<KNNClassifierOptions>;
  /** Feature name -> column of the dense rows. */
  private columns = new Map<string, number>();
  /** Ring buffer of the window: rows and labels, oldest at `start`. */
  private rows: Float64Array[] = [];
  private labels: ClassLabel[] = [];
  private start = 0;
  private classes: ClassLabel[] = [];

  constructor(options: KNNClassifierOptions = {}) {
    this.options = { nNeighbors: 5, windowSize: 1000, weighted: true, p: 2, ...options };
    const o = this.options;
    check(Number.isInteger(o.nNeighbors) && o.nNeighbors >= 1, 'nNeighbors must be a positive integer');
    check(Number.isInteger(o.windowSize) && o.windowSize >= 1, 'windowSize must be a positive integer');
    check(o.p >= 1, 'p must be >= 1');
  }

  /** Dense copy of `x` over the known columns; with `register`, unseen features get new columns. */
  private dense(x: Features, register: boolean): { row: Float64Array; extra: number } {
    let extra = 0;
    if (register) for (const k in x) if (!this.columns.has(k)) this.columns.set(k, this.columns.size);
    const row = new Float64Array(this.columns.size);
    for (const k in x) {
      const c = this.columns.get(k);
      if (c === undefined) extra += Math.abs(x[k]) ** this.options.p;
      else row[c] = x[k];
    }
    return { row, extra };
  }

  private distance(q: Float64Array, extra: number, r: Float64Array): number {
    const p = this.options.p;
    let sum = 0;
    const n = q.length;
    const m = r.length;
    if (p === 2) {
      for (let j = 0; j < n; j++) {
        const d = q[j] - (j < m ? r[j] : 0);
        sum += d * d;
      }
    } else {
      for (let j = 0; j < n; j++) sum += Math.abs(q[j] - (j < m ? r[j] : 0)) ** p;
    }
    return (sum + extra) ** (1 / p);
  }

  learnOne(x: Features, y: ClassLabel): void {
    if (!this.classes.includes(y)) this.classes.push(y);
    const { row } = this.dense(x, true);
    if (this.rows.length < this.options.windowSize) {
      this.rows.push(row);
      this.labels.push(y);
    } else {
      this.rows[this.start] = row;
      this.labels[this.start] = y;
      this.start = (this.start + 1) % this.rows.length;
    }
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const proba = new Map<ClassLabel, number>();
    const size = this.rows.length;
    if (size === 0) return proba;
    for (const c of sortedLabels(this.classes)) proba.set(c, 0);
    const { row: q, extra } = this.dense(x, false);
    const k = Math.min(this.options.nNeighbors, size);
    const bestD = new Float64Array(k);
    const bestI = new Int32Array(k);
    let count = 0;
    for (let t = 0; t < size; t++) {
      const i = (this.start + t) % size;
      const d = this.distance(q, extra, this.rows[i]);
      if (count === k && !(d < bestD[k - 1])) continue;
      let j = count < k ? count++ : k - 1;
      while (j > 0 && bestD[j - 1] > d) {
        bestD[j] = bestD[j - 1];
        bestI[j] = bestI[j - 1];
        j--;
      }
      bestD[j] = d;
      bestI[j] = i;
    }
    const exact = bestD[0] === 0;
    const voters = exact ? 1 : count;
    let total = 0;
    for (let j = 0; j < voters; j++) {
      const vote = this.options.weighted && !exact ? 1 / bestD[j] : 1;
      const label = this.labels[bestI[j]];
      proba.set(label, (proba.get(label) ?? 0) + vote);
      total += vote;
    }
    for (const [c, v] of proba) proba.set(c, v / total);
    return proba;
  }

  predictOne(x: Features): ClassLabel | undefined {
    return argmaxLabel(this.predictProbaOne(x));
  }

  clone(): KNNClassifier {
    return new KNNClassifier(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): KNNClassifier {
    return loadEstimator<KNNClassifier>(json, 'neighbors.KNNClassifier');
  }
}
registerClass('neighbors.KNNClassifier', KNNClassifier);
