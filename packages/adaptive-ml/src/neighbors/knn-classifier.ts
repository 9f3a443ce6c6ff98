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
 * k-nearest-neighbours classifier over a sliding window of the latest samples (brute-force search; missing features
 * count as 0). Weighted votes use 1 / distance; when the nearest sample is an exact match its label takes the whole
 * vote (River's behaviour).
 *
 * @example
 * const knn = new KNNClassifier({ windowSize: 100 }); knn.learnOne({ a: 1 }, 'x'); knn.predictOne({ a: 1.1 }); // 'x'
 */
export class KNNClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<KNNClassifierOptions>;
  private window: Array<{ x: Features; y: ClassLabel }> = [];
  private classes: ClassLabel[] = [];

  constructor(options: KNNClassifierOptions = {}) {
    this.options = { nNeighbors: 5, windowSize: 1000, weighted: true, p: 2, ...options };
    const o = this.options;
    check(Number.isInteger(o.nNeighbors) && o.nNeighbors >= 1, 'nNeighbors must be a positive integer');
    check(Number.isInteger(o.windowSize) && o.windowSize >= 1, 'windowSize must be a positive integer');
    check(o.p >= 1, 'p must be >= 1');
  }

  private distance(a: Features, b: Features): number {
    const p = this.options.p;
    let sum = 0;
    for (const k in a) sum += Math.abs(a[k] - (b[k] ?? 0)) ** p;
    for (const k in b) if (!(k in a)) sum += Math.abs(b[k]) ** p;
    return sum ** (1 / p);
  }

  learnOne(x: Features, y: ClassLabel): void {
    if (!this.classes.includes(y)) this.classes.push(y);
    this.window.push({ x: { ...x }, y });
    if (this.window.length > this.options.windowSize) this.window.shift();
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const proba = new Map<ClassLabel, number>();
    if (this.window.length === 0) return proba;
    for (const c of sortedLabels(this.classes)) proba.set(c, 0);
    const scored = this.window.map((s) => ({ y: s.y, d: this.distance(x, s.x) }));
    scored.sort((a, b) => a.d - b.d);
    const nearest = scored.slice(0, this.options.nNeighbors);
    const exact = nearest[0].d === 0;
    const voters = exact ? [nearest[0]] : nearest;
    let total = 0;
    for (const n of voters) {
      const vote = this.options.weighted && !exact ? 1 / n.d : 1;
      proba.set(n.y, (proba.get(n.y) ?? 0) + vote);
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
