import type { ClassLabel, Features } from '../../base/estimator.js';
import { registerClass } from '../../base/serialization.js';
import { GaussianSplitter, nullSplit, type SplitSuggestion } from './gaussian-splitter.js';
import type { ClassDist, InfoGainSplitCriterion } from './split-criterion.js';

/** Naive-Bayes vote of a leaf: log prior plus log likelihoods, normalised (MOA's `doNaiveBayesPrediction`). */
export function naiveBayesPrediction(
  x: Features,
  stats: ClassDist,
  splitters: Map<string, GaussianSplitter>,
): Map<ClassLabel, number> {
  let total = 0;
  for (const v of stats.values()) total += v;
  const votes = new Map<ClassLabel, number>();
  if (stats.size === 0 || total === 0) return votes;
  for (const [c, weight] of stats) {
    if (!(weight > 0)) {
      votes.set(c, 0);
      continue;
    }
    let ll = Math.log(weight / total);
    for (const [feature, splitter] of splitters) {
      if (!(feature in x)) continue;
      const p = splitter.condProba(x[feature], c);
      ll += p > 0 ? Math.log(p) : 0;
    }
    votes.set(c, ll);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const v of votes.values()) max = Math.max(max, v);
  let sum = 0;
  for (const [c, v] of votes) {
    const e = Math.exp(v - max);
    votes.set(c, e);
    sum += e;
  }
  if (sum > 0) for (const [c, v] of votes) votes.set(c, v / sum);
  return votes;
}

/** Class distribution normalised to sum 1. */
export function normalise(stats: ClassDist): Map<ClassLabel, number> {
  let total = 0;
  for (const v of stats.values()) total += v;
  const out = new Map<ClassLabel, number>();
  for (const [k, v] of stats) out.set(k, total > 0 ? v / total : 0);
  return out;
}

/** Leaf prediction strategy. */
export type LeafPrediction = 'mc' | 'nb' | 'nba';

/** A leaf of a Hoeffding classification tree, with naive-Bayes-adaptive prediction. */
export class ClassLeaf {
  readonly type = 'leaf';
  stats: ClassDist;
  splitters = new Map<string, GaussianSplitter>();
  active = true;
  lastSplitAttemptAt: number;
  mcCorrect = 0;
  nbCorrect = 0;
  /** Features this leaf may split on (random subspace of ARF trees); null means all. */
  features: string[] | null = null;

  constructor(
    stats: ClassDist,
    readonly depth: number,
    readonly nSplits: number,
  ) {
    this.stats = new Map(stats);
    this.lastSplitAttemptAt = this.totalWeight;
  }

  get totalWeight(): number {
    let s = 0;
    for (const v of this.stats.values()) s += v;
    return s;
  }

  isPure(): boolean {
    let count = 0;
    for (const v of this.stats.values()) {
      if (v !== 0) count++;
      if (count === 2) break;
    }
    return count < 2;
  }

  private majority(): ClassLabel | undefined {
    let best: ClassLabel | undefined;
    let bestW = Number.NEGATIVE_INFINITY;
    for (const [k, v] of this.stats) {
      if (v > bestW) {
        best = k;
        bestW = v;
      }
    }
    return best;
  }

  learnOne(
    x: Features,
    y: ClassLabel,
    w: number,
    mode: LeafPrediction,
    sampleFeatures?: (keys: string[]) => string[],
  ): void {
    if (this.active && mode === 'nba') {
      if (this.stats.size === 0 || this.majority() === y) this.mcCorrect += w;
      const nb = naiveBayesPrediction(x, this.stats, this.splitters);
      if (nb.size > 0) {
        let best: ClassLabel | undefined;
        let bestP = Number.NEGATIVE_INFINITY;
        for (const [k, p] of nb) {
          if (p > bestP) {
            best = k;
            bestP = p;
          }
        }
        if (best === y) this.nbCorrect += w;
      }
    }
    this.stats.set(y, (this.stats.get(y) ?? 0) + w);
    if (!this.active) return;
    if (sampleFeatures && this.features === null) this.features = sampleFeatures(Object.keys(x).sort());
    if (this.features === null) {
      for (const feature in x) this.updateSplitter(feature, x[feature], y, w);
    } else {
      for (const feature of this.features) if (feature in x) this.updateSplitter(feature, x[feature], y, w);
    }
  }

  private updateSplitter(feature: string, value: number, y: ClassLabel, w: number): void {
    let splitter = this.splitters.get(feature);
    if (!splitter) {
      splitter = new GaussianSplitter(this.nSplits);
      this.splitters.set(feature, splitter);
    }
    splitter.update(value, y, w);
  }

  prediction(x: Features, mode: LeafPrediction): Map<ClassLabel, number> {
    if (this.active && (mode === 'nb' || (mode === 'nba' && this.nbCorrect >= this.mcCorrect))) {
      return naiveBayesPrediction(x, this.stats, this.splitters);
    }
    return normalise(this.stats);
  }

  bestSplits(criterion: InfoGainSplitCriterion, prePrune: boolean, maxShareToSplit: number): SplitSuggestion[] {
    let majority = 0;
    for (const v of this.stats.values()) majority = Math.max(majority, v);
    if (majority && majority / this.totalWeight > maxShareToSplit) return [nullSplit()];
    const out: SplitSuggestion[] = [];
    if (prePrune) out.push(nullSplit());
    for (const [feature, splitter] of this.splitters) out.push(splitter.bestSplit(criterion, this.stats, feature));
    return out;
  }

  deactivate(): void {
    this.active = false;
    this.splitters = new Map();
  }

  /** Lets an inactive leaf grow again, with fresh attribute observers (River's `HTLeaf.activate`). */
  activate(): void {
    if (this.active) return;
    this.active = true;
    this.splitters = new Map();
  }
}
registerClass('tree.ClassLeaf', ClassLeaf);

/** A binary numeric test `x[feature] <= threshold` (left) else right. */
export class NumericBranch<L> {
  readonly type = 'branch';
  constructor(
    readonly feature: string,
    readonly threshold: number,
    readonly depth: number,
    public children: [Node<L>, Node<L>],
    readonly stats: ClassDist | null,
  ) {}

  /** Child index for `x`, or -1 when the feature is missing. */
  branchNo(x: Features): number {
    const v = x[this.feature];
    if (v === undefined) return -1;
    return v <= this.threshold ? 0 : 1;
  }
}
registerClass('tree.NumericBranch', NumericBranch);

/** A tree node: a leaf of type L or a branch. */
export type Node<L> = L | NumericBranch<L>;

/** Weight under a node (sum over its leaves' stats). */
export function nodeWeight(node: Node<ClassLeaf>): number {
  if (node instanceof NumericBranch) return nodeWeight(node.children[0]) + nodeWeight(node.children[1]);
  return node.totalWeight;
}
