import { check } from '../base/check.js';
import type { EstimatorJson, Features, Regressor } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { LinearRegression } from '../linear/linear-regression.js';

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

const emptyMoments = (): Moments => ({ n: 0, mean: 0, m2: 0 });

function addMoment(m: Moments, y: number, w: number): void {
  const old = m.mean;
  m.n += w;
  m.mean += (w / m.n) * (y - old);
  m.m2 += w * (y - old) * (y - m.mean);
}

function variance(m: Moments): number {
  return m.n > 1 ? m.m2 / (m.n - 1) : 0;
}

/** Moments of the union of two sets. */
function merge(a: Moments, b: Moments): Moments {
  const n = a.n + b.n;
  if (n === 0) return emptyMoments();
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** Regression leaf: target moments, per-feature exact value summaries, a linear model and their running errors. */
export class RegressionLeaf {
  target = emptyMoments();
  observers = new Map<string, Map<number, Moments>>();
  model: LinearRegression;
  meanError = 0;
  modelError = 0;
  lastSplitAttemptAt = 0;

  constructor(
    readonly depth: number,
    model: LinearRegression,
  ) {
    this.model = model;
  }

  predict(x: Features, mode: 'mean' | 'model' | 'adaptive'): number {
    if (mode === 'mean' || this.target.n === 0) return this.target.mean;
    if (mode === 'model' || this.modelError < this.meanError) return this.model.predictOne(x);
    return this.target.mean;
  }

  learn(x: Features, y: number, w: number): void {
    if (this.target.n > 0) {
      this.meanError += w * Math.abs(y - this.target.mean);
      this.modelError += w * Math.abs(y - this.model.predictOne(x));
    }
    addMoment(this.target, y, w);
    this.model.learnOne(x, y, w);
    for (const feature in x) {
      let obs = this.observers.get(feature);
      if (!obs) {
        obs = new Map();
        this.observers.set(feature, obs);
      }
      const v = x[feature];
      let m = obs.get(v);
      if (!m) {
        m = emptyMoments();
        obs.set(v, m);
      }
      addMoment(m, y, w);
    }
  }

  /** Best variance-reduction threshold per feature. */
  bestSplits(minSamples: number): Array<{ merit: number; feature: string; threshold: number }> {
    const pre = variance(this.target);
    const out: Array<{ merit: number; feature: string; threshold: number }> = [];
    for (const [feature, obs] of this.observers) {
      const values = [...obs.keys()].sort((a, b) => a - b);
      let left = emptyMoments();
      let best = { merit: Number.NEGATIVE_INFINITY, feature, threshold: 0 };
      for (let i = 0; i < values.length - 1; i++) {
        left = merge(left, obs.get(values[i])!);
        const rightN = this.target.n - left.n;
        if (left.n < minSamples || rightN < minSamples) continue;
        const right: Moments = {
          n: rightN,
          mean: (this.target.mean * this.target.n - left.mean * left.n) / rightN,
          m2: 0,
        };
        const d = left.mean - this.target.mean;
        const dr = right.mean - this.target.mean;
        right.m2 = Math.max(0, this.target.m2 - left.m2 - left.n * d * d - rightN * dr * dr);
        const post = (left.n * variance(left) + rightN * variance(right)) / this.target.n;
        const merit = pre - post;
        if (merit > best.merit) best = { merit, feature, threshold: (values[i] + values[i + 1]) / 2 };
      }
      out.push(best);
    }
    return out;
  }
}
registerClass('tree.RegressionLeaf', RegressionLeaf);

/** Branch of a regression tree. */
export class RegressionBranch {
  constructor(
    readonly feature: string,
    readonly threshold: number,
    public children: [RegressionNode, RegressionNode],
    readonly weight: number,
  ) {}
}
registerClass('tree.RegressionBranch', RegressionBranch);

type RegressionNode = RegressionLeaf | RegressionBranch;

/** Options of {@link HoeffdingTreeRegressor}. */
export interface HoeffdingTreeRegressorOptions {
  /** Weight between split attempts (default 200). */
  gracePeriod?: number;
  /** Allowed error of the split decision (default 1e-7). */
  delta?: number;
  /** Tie threshold (default 0.05). */
  tau?: number;
  /** Leaf prediction: target mean, linear model, or whichever has the lower running error (default `adaptive`). */
  leafPrediction?: 'mean' | 'model' | 'adaptive';
  /** Minimum samples in each branch of a split (default 5). */
  minSamplesSplit?: number;
  /** Options of the leaf linear models (default learning rate 0.01). */
  leafModel?: ConstructorParameters<typeof LinearRegression>[0];
  /** Maximum depth (default Infinity). */
  maxDepth?: number;
}

/**
 * Hoeffding tree for regression (FIMT-style): variance-reduction splits decided with the Hoeffding bound on the ratio
 * of the two best merits, exact per-value summaries as candidate thresholds, and mean / linear / adaptive leaves.
 *
 * @example
 * const htr = new HoeffdingTreeRegressor(); htr.learnOne({ a: 1 }, 3); htr.predictOne({ a: 1 });
 * @see E. Ikonomovska, J. Gama, S. Džeroski (2011). Learning model trees from evolving data streams. DMKD 23.
 */
export class HoeffdingTreeRegressor implements Regressor {
  readonly kind = 'regressor' as const;
  readonly options: Required<HoeffdingTreeRegressorOptions>;
  private root: RegressionNode | null = null;

  constructor(options: HoeffdingTreeRegressorOptions = {}) {
    this.options = {
      gracePeriod: 200,
      delta: 1e-7,
      tau: 0.05,
      leafPrediction: 'adaptive',
      minSamplesSplit: 5,
      leafModel: {},
      maxDepth: Number.POSITIVE_INFINITY,
      ...options,
    };
    const o = this.options;
    check(o.gracePeriod > 0, 'gracePeriod must be > 0');
    check(o.delta > 0 && o.delta < 1, 'delta must be in (0, 1)');
    check(
      ['mean', 'model', 'adaptive'].includes(o.leafPrediction),
      "leafPrediction must be 'mean', 'model' or 'adaptive'",
    );
  }

  private newLeaf(depth: number): RegressionLeaf {
    return new RegressionLeaf(depth, new LinearRegression(this.options.leafModel));
  }

  private walk(x: Features): { leaf: RegressionLeaf; parent: RegressionBranch | null; branch: number } {
    let node = this.root!;
    let parent: RegressionBranch | null = null;
    let branch = 0;
    while (node instanceof RegressionBranch) {
      const v = x[node.feature];
      branch = v === undefined ? 0 : v <= node.threshold ? 0 : 1;
      parent = node;
      node = node.children[branch];
    }
    return { leaf: node, parent, branch };
  }

  learnOne(x: Features, y: number, w = 1): void {
    if (this.root === null) this.root = this.newLeaf(0);
    const { leaf, parent, branch } = this.walk(x);
    leaf.learn(x, y, w);
    if (leaf.depth >= this.options.maxDepth) return;
    if (leaf.target.n - leaf.lastSplitAttemptAt < this.options.gracePeriod) return;
    leaf.lastSplitAttemptAt = leaf.target.n;
    const splits = leaf.bestSplits(this.options.minSamplesSplit).filter((s) => s.merit > 0);
    splits.sort((a, b) => a.merit - b.merit);
    if (splits.length === 0) return;
    const best = splits[splits.length - 1];
    const secondMerit = splits.length > 1 ? splits[splits.length - 2].merit : 0;
    const bound = Math.sqrt(Math.log(1 / this.options.delta) / (2 * leaf.target.n));
    if (!(secondMerit / best.merit < 1 - bound || bound < this.options.tau)) return;
    const children: [RegressionLeaf, RegressionLeaf] = [this.newLeaf(leaf.depth + 1), this.newLeaf(leaf.depth + 1)];
    for (const child of children) child.model = structuredCloneModel(leaf.model);
    const node = new RegressionBranch(best.feature, best.threshold, children, leaf.target.n);
    if (parent === null) this.root = node;
    else parent.children[branch] = node;
  }

  predictOne(x: Features): number {
    if (this.root === null) return 0;
    return this.walk(x).leaf.predict(x, this.options.leafPrediction);
  }

  clone(): HoeffdingTreeRegressor {
    return new HoeffdingTreeRegressor(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): HoeffdingTreeRegressor {
    return loadEstimator<HoeffdingTreeRegressor>(json, 'tree.HoeffdingTreeRegressor');
  }
}
registerClass('tree.HoeffdingTreeRegressor', HoeffdingTreeRegressor);

/** Copies a leaf model (children start from the parent's linear model, as FIMT does). */
function structuredCloneModel(model: LinearRegression): LinearRegression {
  return LinearRegression.fromJSON(model.toJSON());
}
