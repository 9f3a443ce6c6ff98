import type { ClassLabel, Features } from '../../base/estimator.js';
import { registerClass } from '../../base/serialization.js';
import { GaussianSplitter, nullSplit, type SplitSuggestion } from './gaussian-splitter.js';
import type { ClassDist, InfoGainSplitCriterion } from './split-criterion.js';

/**
 * Scratch buffers of the leaf votes: `voteLabels[i]` gets `voteValues[i]`. Filled by {@link naiveBayesVotes} and
 * {@link ClassLeaf.votesInto} and valid until the next call (JavaScript is single-threaded), so the per-sample path
 * allocates no Map.
 */
export const voteLabels: ClassLabel[] = [];
export let voteValues = new Float64Array(8);

function reserveVotes(n: number): void {
  if (voteValues.length < n) voteValues = new Float64Array(2 * n);
}

/**
 * Naive-Bayes vote of a leaf into the scratch buffers: log prior plus log likelihoods, normalised (MOA's
 * `doNaiveBayesPrediction`). Returns the number of votes (0 without observations).
 */
export function naiveBayesVotes(
  x: Features,
  stats: ClassDist,
  splitters: Map<string, GaussianSplitter>,
  features: readonly string[] = [...splitters.keys()],
  observers: readonly GaussianSplitter[] = [...splitters.values()],
): number {
  let total = 0;
  for (const v of stats.values()) total += v;
  if (stats.size === 0 || total === 0) return 0;
  reserveVotes(stats.size);
  const values = voteValues;
  let n = 0;
  for (const [c, weight] of stats) {
    voteLabels[n] = c;
    if (!(weight > 0)) {
      values[n++] = 0;
      continue;
    }
    let ll = Math.log(weight / total);
    for (let j = 0; j < features.length; j++) {
      const feature = features[j];
      if (!(feature in x)) continue;
      const p = observers[j].condProba(x[feature], c);
      ll += p > 0 ? Math.log(p) : 0;
    }
    values[n++] = ll;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) max = Math.max(max, values[i]);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(values[i] - max);
    values[i] = e;
    sum += e;
  }
  if (sum > 0) for (let i = 0; i < n; i++) values[i] /= sum;
  return n;
}

/** The first label with the highest vote among the `n` scratch votes (undefined when none is above -Infinity). */
export function argmaxVotes(n: number): ClassLabel | undefined {
  let best: ClassLabel | undefined;
  let bestP = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (voteValues[i] > bestP) {
      best = voteLabels[i];
      bestP = voteValues[i];
    }
  }
  return best;
}

function votesToMap(n: number): Map<ClassLabel, number> {
  const out = new Map<ClassLabel, number>();
  for (let i = 0; i < n; i++) out.set(voteLabels[i], voteValues[i]);
  return out;
}

/** Naive-Bayes vote of a leaf as a Map (see {@link naiveBayesVotes}). */
export function naiveBayesPrediction(
  x: Features,
  stats: ClassDist,
  splitters: Map<string, GaussianSplitter>,
): Map<ClassLabel, number> {
  return votesToMap(naiveBayesVotes(x, stats, splitters));
}

/** Class distribution normalised to sum 1 into the scratch buffers; returns the number of classes. */
function normaliseVotes(stats: ClassDist): number {
  let total = 0;
  for (const v of stats.values()) total += v;
  reserveVotes(stats.size);
  let n = 0;
  for (const [k, v] of stats) {
    voteLabels[n] = k;
    voteValues[n++] = total > 0 ? v / total : 0;
  }
  return n;
}

/** Class distribution normalised to sum 1. */
export function normalise(stats: ClassDist): Map<ClassLabel, number> {
  return votesToMap(normaliseVotes(stats));
}

/** Leaf prediction strategy. */
export type LeafPrediction = 'mc' | 'nb' | 'nba';

/** The leaf's observers as parallel arrays, in `splitters` order (symbol key: not part of the persisted state). */
const OBSERVERS = Symbol('observers');

/**
 * The leaf's last naive-Bayes vote and the feature values it was computed from (symbol key: not persisted). The vote
 * depends only on the leaf's statistics, its observers and those values, so predict-then-learn on one sample computes
 * it once; any change of the leaf clears it.
 */
const NB_MEMO = Symbol('naiveBayesMemo');

interface NaiveBayesMemo {
  inputs: number[];
  labels: ClassLabel[];
  votes: Float64Array;
}

/** A leaf of a Hoeffding classification tree, with naive-Bayes-adaptive prediction. */
export class ClassLeaf {
  private [OBSERVERS]?: { features: string[]; splitters: GaussianSplitter[] };
  private [NB_MEMO]?: NaiveBayesMemo;

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
      const n = this.naiveBayes(x);
      if (n > 0 && argmaxVotes(n) === y) this.nbCorrect += w;
    }
    this.stats.set(y, (this.stats.get(y) ?? 0) + w);
    this[NB_MEMO] = undefined;
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
      this[OBSERVERS] = undefined;
    }
    splitter.update(value, y, w);
  }

  /** Naive-Bayes votes into the scratch buffers, over cached arrays of the observers (memoised per input values). */
  private naiveBayes(x: Features): number {
    let obs = this[OBSERVERS];
    if (obs === undefined) {
      obs = { features: [...this.splitters.keys()], splitters: [...this.splitters.values()] };
      this[OBSERVERS] = obs;
    }
    const features = obs.features;
    const memo = this[NB_MEMO];
    if (memo !== undefined) {
      let same = true;
      for (let j = 0; j < features.length; j++) {
        if (x[features[j]] !== memo.inputs[j]) {
          same = false;
          break;
        }
      }
      if (same) {
        const n = memo.labels.length;
        reserveVotes(n);
        for (let i = 0; i < n; i++) {
          voteLabels[i] = memo.labels[i];
          voteValues[i] = memo.votes[i];
        }
        return n;
      }
    }
    const n = naiveBayesVotes(x, this.stats, this.splitters, features, obs.splitters);
    // Only inputs whose every observed feature is a number are memoised (a missing one reads as undefined).
    const inputs: number[] = [];
    for (let j = 0; j < features.length; j++) {
      const v = x[features[j]];
      if (typeof v !== 'number') {
        this[NB_MEMO] = undefined;
        return n;
      }
      inputs.push(v);
    }
    this[NB_MEMO] = { inputs, labels: voteLabels.slice(0, n), votes: voteValues.slice(0, n) };
    return n;
  }

  prediction(x: Features, mode: LeafPrediction): Map<ClassLabel, number> {
    return votesToMap(this.votesInto(x, mode));
  }

  /** The leaf's prediction into the scratch buffers `voteLabels` / `voteValues`; returns the number of votes. */
  votesInto(x: Features, mode: LeafPrediction): number {
    if (this.active && (mode === 'nb' || (mode === 'nba' && this.nbCorrect >= this.mcCorrect))) {
      return this.naiveBayes(x);
    }
    return normaliseVotes(this.stats);
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
    this[OBSERVERS] = undefined;
    this[NB_MEMO] = undefined;
  }

  /** Lets an inactive leaf grow again, with fresh attribute observers (River's `HTLeaf.activate`). */
  activate(): void {
    if (this.active) return;
    this.active = true;
    this.splitters = new Map();
    this[OBSERVERS] = undefined;
    this[NB_MEMO] = undefined;
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
