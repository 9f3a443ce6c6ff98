import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import {
  ClassLeaf,
  type LeafPrediction,
  type Node,
  NumericBranch,
  nodeWeight,
  voteLabels,
  voteValues,
} from './internal/nodes.js';
import { hoeffdingBound, InfoGainSplitCriterion } from './internal/split-criterion.js';

/** Parent and branch index of the last descent (module scratch, so a descent allocates nothing). */
const found: { parent: NumericBranch<ClassLeaf> | null; branch: number } = { parent: null, branch: -1 };

/** Options of {@link HoeffdingTreeClassifier}. */
export interface HoeffdingTreeClassifierOptions {
  /** Weight a leaf must see between split attempts (default 200). */
  gracePeriod?: number;
  /** Allowed error of the split decision (default 1e-7). */
  delta?: number;
  /** Tie threshold: split when the Hoeffding bound falls below it (default 0.05). */
  tau?: number;
  /** Leaf prediction: majority class, naive Bayes, or naive-Bayes-adaptive (default `nba`). */
  leafPrediction?: LeafPrediction;
  /** Candidate thresholds per numeric feature (default 10). */
  nSplits?: number;
  /** Minimum weight fraction of at least two branches for a split to count (default 0.01). */
  minBranchFraction?: number;
  /** Maximum depth (default Infinity). */
  maxDepth?: number;
  /** Consider "no split" as a candidate (default true). */
  meritPreprune?: boolean;
  /**
   * A split attempt at a leaf whose majority class holds more than this share is pre-pruned (default 0.99, River's
   * default since 0.19, the release behind its published benchmark table; 1 turns it off).
   */
  maxShareToSplit?: number;
}

/**
 * Hoeffding tree (VFDT) for classification: numeric features observed by per-class Gaussians, information gain,
 * a split once the best candidate beats the second by the Hoeffding bound (or the bound falls below `tau`), and
 * naive-Bayes-adaptive leaves. Mirrors River's `tree.HoeffdingTreeClassifier` defaults.
 *
 * @example
 * const ht = new HoeffdingTreeClassifier(); ht.learnOne({ a: 1 }, 'x'); ht.predictOne({ a: 1 }); // 'x'
 * @see P. Domingos, G. Hulten (2000). Mining high-speed data streams. KDD.
 */
export class HoeffdingTreeClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<HoeffdingTreeClassifierOptions>;
  protected root: Node<ClassLeaf> | null = null;
  /** Labels seen so far, kept in sorted order. */
  protected classes: ClassLabel[] = [];

  constructor(options: HoeffdingTreeClassifierOptions = {}) {
    this.options = {
      gracePeriod: 200,
      delta: 1e-7,
      tau: 0.05,
      leafPrediction: 'nba',
      nSplits: 10,
      minBranchFraction: 0.01,
      maxDepth: Number.POSITIVE_INFINITY,
      meritPreprune: true,
      maxShareToSplit: 0.99,
      ...options,
    };
    const o = this.options;
    check(o.gracePeriod > 0, 'gracePeriod must be > 0');
    check(o.delta > 0 && o.delta < 1, 'delta must be in (0, 1)');
    check(o.tau >= 0, 'tau must be >= 0');
    check(['mc', 'nb', 'nba'].includes(o.leafPrediction), "leafPrediction must be 'mc', 'nb' or 'nba'");
    check(Number.isInteger(o.nSplits) && o.nSplits >= 1, 'nSplits must be a positive integer');
    check(o.maxDepth >= 0, 'maxDepth must be >= 0');
  }

  protected newLeaf(stats: Map<ClassLabel, number>, depth: number): ClassLeaf {
    return new ClassLeaf(stats, depth, this.options.nSplits);
  }

  /** Hook for random-subspace trees: which features a new leaf may split on (all by default). */
  protected sampleFeatures?(keys: string[]): string[];

  private get sampler(): ((keys: string[]) => string[]) | undefined {
    return this.sampleFeatures ? (keys) => this.sampleFeatures!(keys) : undefined;
  }

  /** Follows `x` down to its leaf; returns the leaf, its parent and the branch index taken. */
  protected findLeaf(x: Features): { leaf: ClassLeaf; parent: NumericBranch<ClassLeaf> | null; branch: number } {
    const leaf = this.descend(x);
    return { leaf, parent: found.parent, branch: found.branch };
  }

  /** Follows `x` down to its leaf; the parent and branch index taken are left in `found` (no allocation). */
  private descend(x: Features): ClassLeaf {
    let node = this.root!;
    let parent: NumericBranch<ClassLeaf> | null = null;
    let branch = -1;
    while (node instanceof NumericBranch) {
      let b = node.branchNo(x);
      if (b < 0) b = nodeWeight(node.children[0]) >= nodeWeight(node.children[1]) ? 0 : 1;
      parent = node;
      branch = b;
      node = node.children[b];
    }
    found.parent = parent;
    found.branch = branch;
    return node;
  }

  learnOne(x: Features, y: ClassLabel, w = 1): void {
    if (!this.classes.includes(y)) this.classes = sortedLabels([...this.classes, y]);
    if (this.root === null) this.root = this.newLeaf(new Map(), 0);
    const leaf = this.descend(x);
    const parent = found.parent;
    const branch = found.branch;
    leaf.learnOne(x, y, w, this.options.leafPrediction, this.sampler);
    if (!leaf.active) return;
    if (leaf.depth >= this.options.maxDepth) {
      leaf.deactivate();
      return;
    }
    const seen = leaf.totalWeight;
    if (seen - leaf.lastSplitAttemptAt >= this.options.gracePeriod) {
      this.attemptSplit(leaf, parent, branch);
      leaf.lastSplitAttemptAt = seen;
    }
  }

  protected attemptSplit(leaf: ClassLeaf, parent: NumericBranch<ClassLeaf> | null, branch: number): boolean {
    if (leaf.isPure()) return false;
    const criterion = new InfoGainSplitCriterion(this.options.minBranchFraction);
    const suggestions = leaf.bestSplits(criterion, this.options.meritPreprune, this.options.maxShareToSplit);
    suggestions.sort((a, b) => (a.merit < b.merit ? -1 : a.merit > b.merit ? 1 : 0));
    let shouldSplit = false;
    if (suggestions.length < 2) shouldSplit = suggestions.length > 0;
    else {
      const bound = hoeffdingBound(criterion.rangeOfMerit(leaf.stats), this.options.delta, leaf.totalWeight);
      const best = suggestions[suggestions.length - 1];
      const second = suggestions[suggestions.length - 2];
      if (best.merit - second.merit > bound || bound < this.options.tau) shouldSplit = true;
    }
    if (!shouldSplit) return false;
    const decision = suggestions[suggestions.length - 1];
    let split = false;
    if (decision.feature === null) leaf.deactivate();
    else {
      const children = decision.children.map((stats) => this.newLeaf(stats, leaf.depth + 1)) as [ClassLeaf, ClassLeaf];
      const node = new NumericBranch<ClassLeaf>(decision.feature, decision.threshold, leaf.depth, children, leaf.stats);
      if (parent === null) this.root = node;
      else parent.children[branch] = node;
      split = true;
    }
    this.reactivateLeaves();
    return split;
  }

  /**
   * River's memory manager (`_enforce_size_limit`), run after every decided split attempt. With the default 100 MB
   * budget and leaf-size estimates that are only computed every million samples, every leaf fits, so the manager
   * re-activates every inactive leaf above `maxDepth` with fresh attribute observers. In effect a pre-pruned leaf
   * (null split or `maxShareToSplit`) restarts its observers rather than stopping for good; the table River
   * published for Elec2 depends on this.
   */
  protected reactivateLeaves(): void {
    const walk = (node: Node<ClassLeaf>): void => {
      if (node instanceof NumericBranch) {
        walk(node.children[0]);
        walk(node.children[1]);
      } else if (!node.active && node.depth < this.options.maxDepth) node.activate();
    };
    if (this.root) walk(this.root);
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const proba = new Map<ClassLabel, number>();
    for (const c of this.classes) proba.set(c, 0);
    if (this.root === null) return proba;
    const n = this.descend(x).votesInto(x, this.options.leafPrediction);
    for (let i = 0; i < n; i++) proba.set(voteLabels[i], voteValues[i]);
    return proba;
  }

  /** `argmaxLabel(predictProbaOne(x))` (first of the sorted classes on ties), without building the Map. */
  predictOne(x: Features): ClassLabel | undefined {
    if (this.root === null) return argmaxLabel(this.predictProbaOne(x));
    const n = this.descend(x).votesInto(x, this.options.leafPrediction);
    let best: ClassLabel | undefined;
    let bestP = Number.NEGATIVE_INFINITY;
    for (const c of this.classes) {
      let p = 0;
      for (let i = n - 1; i >= 0; i--) {
        if (voteLabels[i] === c) {
          p = voteValues[i];
          break;
        }
      }
      if (p > bestP) {
        best = c;
        bestP = p;
      }
    }
    return best;
  }

  /** Number of leaves and depth of the tree. */
  summary(): { leaves: number; branches: number; depth: number } {
    let leaves = 0;
    let branches = 0;
    let depth = 0;
    const walk = (node: Node<ClassLeaf>, d: number) => {
      depth = Math.max(depth, d);
      if (node instanceof NumericBranch) {
        branches++;
        walk(node.children[0], d + 1);
        walk(node.children[1], d + 1);
      } else leaves++;
    };
    if (this.root) walk(this.root, 0);
    return { leaves, branches, depth };
  }

  clone(): HoeffdingTreeClassifier {
    return new HoeffdingTreeClassifier(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): HoeffdingTreeClassifier {
    return loadEstimator<HoeffdingTreeClassifier>(json, 'tree.HoeffdingTreeClassifier');
  }
}
registerClass('tree.HoeffdingTreeClassifier', HoeffdingTreeClassifier);

/** Labels in Python's sorted order (false < true, numbers ascending, strings by code point). */
export function sortedLabels(labels: readonly ClassLabel[]): ClassLabel[] {
  return [...labels].sort((a, b) => {
    if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
    return String(a) < String(b) ? -1 : 1;
  });
}
