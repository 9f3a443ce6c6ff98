import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { registerClass } from '../base/serialization.js';
import { ADWIN } from '../drift/adwin.js';
import { Mean } from '../stats/mean.js';
import { type HoeffdingTreeClassifierOptions, sortedLabels } from './hoeffding-tree-classifier.js';
import { ClassLeaf, NumericBranch, nodeWeight } from './internal/nodes.js';
import { hoeffdingBound, InfoGainSplitCriterion } from './internal/split-criterion.js';

/** A leaf that also monitors its error rate: ADWIN for changes, a running mean restarted after an error decrease. */
export class HATLeaf extends ClassLeaf {
  detector = new ADWIN();
  meanError = new Mean();
}
registerClass('tree.HATLeaf', HATLeaf);

/**
 * A branch with an error monitor (ADWIN plus a running mean restarted at every detected change) and, after a
 * detected increase, an alternate subtree grown beside it.
 */
export class HATBranch extends NumericBranch<HATLeaf> {
  detector = new ADWIN();
  meanError = new Mean();
  alternate: HATNode | null = null;
}
registerClass('tree.HATBranch', HATBranch);

type HATNode = HATLeaf | HATBranch;

/** Options of {@link HoeffdingAdaptiveTreeClassifier}. */
export interface HoeffdingAdaptiveTreeClassifierOptions extends HoeffdingTreeClassifierOptions {
  /** Weight each sample by Poisson(1) at the leaves (default true). */
  bootstrapSampling?: boolean;
  /** Both error windows must be longer than this before an alternate subtree can replace a branch (default 300). */
  driftWindowThreshold?: number;
  /** Significance of the switch test (default 0.05). */
  switchSignificance?: number;
  /** Seed of the bootstrap draws (default 42). */
  seed?: number;
  /**
   * Predict with the sum of the leaves reached in the main tree and in alternate subtrees, each weighted by the
   * inverse square of its error rate (default true, River 0.19's `predict_proba_one`); false uses the main leaf only.
   */
  combineAlternates?: boolean;
}

/**
 * Hoeffding adaptive tree (HAT-ADWIN): a Hoeffding tree whose nodes monitor their error with ADWIN; when a branch's
 * error rises, an alternate subtree starts growing there and replaces the branch once it is significantly better
 * (or is dropped once it is significantly worse). The update path is River 0.19's: error rates are running means
 * restarted at each detected change, an alternate subtree learns in its host branch's position (when a single-leaf
 * alternate splits, the new split takes the host's place), a switched-out subtree drops its alternates but still
 * learns the current sample, and a prediction sums the main and alternate leaves, each weighted by the inverse square
 * of its error rate. With it, River's published Elec2 checkpoint timeline is reproduced exactly (bench/adaptive-ml).
 *
 * @example
 * const hat = new HoeffdingAdaptiveTreeClassifier({ seed: 1 }); hat.learnOne({ a: 1 }, 'x');
 * @see A. Bifet, R. Gavaldà (2009). Adaptive learning from evolving data streams. IDA.
 */
export class HoeffdingAdaptiveTreeClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<HoeffdingAdaptiveTreeClassifierOptions>;
  private root: HATNode | null = null;
  private classes: ClassLabel[] = [];
  private rng: MersenneTwister;
  /** Alternate subtrees started, switched in, and pruned. */
  nAlternateTrees = 0;
  nSwitchedAlternateTrees = 0;
  nPrunedAlternateTrees = 0;

  constructor(options: HoeffdingAdaptiveTreeClassifierOptions = {}) {
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
      bootstrapSampling: true,
      driftWindowThreshold: 300,
      switchSignificance: 0.05,
      seed: 42,
      combineAlternates: true,
      ...options,
    };
    const o = this.options;
    check(o.gracePeriod > 0, 'gracePeriod must be > 0');
    check(o.delta > 0 && o.delta < 1, 'delta must be in (0, 1)');
    check(o.switchSignificance > 0 && o.switchSignificance < 1, 'switchSignificance must be in (0, 1)');
    check(['mc', 'nb', 'nba'].includes(o.leafPrediction), "leafPrediction must be 'mc', 'nb' or 'nba'");
    this.rng = new MersenneTwister(o.seed);
  }

  private newLeaf(stats: Map<ClassLabel, number>, depth: number): HATLeaf {
    return new HATLeaf(stats, depth, this.options.nSplits);
  }

  private leafOf(node: HATNode, x: Features): HATLeaf {
    while (node instanceof HATBranch) {
      let b = node.branchNo(x);
      if (b < 0) b = nodeWeight(node.children[0]) >= nodeWeight(node.children[1]) ? 0 : 1;
      node = node.children[b] as HATNode;
    }
    return node;
  }

  learnOne(x: Features, y: ClassLabel, w = 1): void {
    if (!this.classes.includes(y)) this.classes = sortedLabels([...this.classes, y]);
    if (this.root === null) this.root = this.newLeaf(new Map(), 0);
    this.learnNode(this.root, x, y, w, true, (n) => {
      this.root = n;
    });
  }

  /**
   * A leaf's class distribution scaled by 1 / (sum x error rate^2) (River's `AdaLeafClassifier.prediction`; left as
   * is when that factor is 0); empty without observations.
   */
  private leafVotes(leaf: HATLeaf, x: Features): Map<ClassLabel, number> {
    const dist =
      leaf.stats.size === 0 ? new Map<ClassLabel, number>() : leaf.prediction(x, this.options.leafPrediction);
    let sum = 0;
    for (const v of dist.values()) sum += v;
    const error = leaf.meanError.get();
    const factor = sum * error * error;
    if (factor === 0 || Number.isNaN(factor)) return dist;
    const scale = 1 / factor;
    for (const [c, v] of dist) dist.set(c, v * scale);
    return dist;
  }

  /**
   * River's `kill_tree_children` on a switched-out branch: every branch below it drops its alternate. The detached
   * subtree still learns the current sample, so this decides which alternates draw from the shared random stream.
   */
  private dropDescendantAlternates(node: HATBranch): void {
    for (const child of node.children as HATNode[]) {
      if (child instanceof HATBranch) {
        child.alternate = null;
        this.dropDescendantAlternates(child);
      }
    }
  }

  /** 0 when the leaf's vote names `y`, else 1 (also 1 for a leaf without observations). */
  private errorOf(leaf: HATLeaf, x: Features, y: ClassLabel): number {
    return argmaxLabel(this.leafVotes(leaf, x)) === y ? 0 : 1;
  }

  /**
   * River 0.19's update path (`AdaBranchClassifier.learn_one` / `AdaLeafClassifier.learn_one`), including its order of
   * random draws: a branch scores the leaf its own subtree reaches, updates its monitors, starts, switches in or
   * prunes an alternate, lets the alternate learn in the branch's position (so a splitting alternate leaf replaces the
   * branch), then passes the sample down. After a switch the detached subtree still learns the sample, as in River.
   */
  private learnNode(
    node: HATNode,
    x: Features,
    y: ClassLabel,
    w: number,
    atRoot: boolean,
    replace: (n: HATNode) => void,
  ): void {
    if (node instanceof HATBranch) {
      const detecIn = this.errorOf(this.leafOf(node, x), x, y);
      const oldError = node.meanError.get();
      node.detector.update(detecIn);
      node.meanError.update(detecIn);
      let errorChange = node.detector.driftDetected;
      if (errorChange && oldError > node.meanError.get()) {
        node.meanError = new Mean();
        errorChange = false;
      }
      if (errorChange) {
        node.meanError = new Mean();
        node.alternate = this.newLeaf(new Map(), node.depth);
        this.nAlternateTrees++;
      } else if (node.alternate) {
        const alt = node.alternate;
        const altN = alt.meanError.n;
        const n = node.meanError.n;
        const threshold = this.options.driftWindowThreshold;
        if (altN > threshold && n > threshold) {
          const oldRate = node.meanError.get();
          const altRate = alt.meanError.get();
          const fN = 1 / altN + 1 / n;
          const bound = Math.sqrt(2 * oldRate * (1 - oldRate) * Math.log(2 / this.options.switchSignificance) * fN);
          if (bound < oldRate - altRate) {
            this.nSwitchedAlternateTrees++;
            this.dropDescendantAlternates(node);
            replace(alt);
            // River clears the reference only below the root; a switched-in root keeps learning through it.
            if (!atRoot) node.alternate = null;
          } else if (bound < altRate - oldRate) {
            node.alternate = null;
            this.nPrunedAlternateTrees++;
          }
        }
      }
      if (node.alternate) this.learnNode(node.alternate, x, y, w, atRoot, replace);
      let b = node.branchNo(x);
      if (b < 0) b = nodeWeight(node.children[0]) >= nodeWeight(node.children[1]) ? 0 : 1;
      this.learnNode(node.children[b] as HATNode, x, y, w, false, (n) => {
        node.children[b] = n;
      });
      return;
    }
    const leaf = node;
    if (this.options.bootstrapSampling) {
      const k = this.rng.poisson(1);
      if (k > 0) w *= k;
    }
    const detecIn = this.errorOf(leaf, x, y);
    const oldError = leaf.meanError.get();
    leaf.detector.update(detecIn);
    leaf.meanError.update(detecIn);
    if (leaf.detector.driftDetected && oldError > leaf.meanError.get()) leaf.meanError = new Mean();
    leaf.learnOne(x, y, w, this.options.leafPrediction);
    const seen = leaf.totalWeight;
    if (seen - leaf.lastSplitAttemptAt >= this.options.gracePeriod) {
      if (leaf.depth >= this.options.maxDepth) leaf.deactivate();
      else if (leaf.active) {
        this.attemptSplit(leaf, replace);
        leaf.lastSplitAttemptAt = seen;
      }
    }
  }

  private attemptSplit(leaf: HATLeaf, replace: (n: HATNode) => void): void {
    if (leaf.isPure()) return;
    const criterion = new InfoGainSplitCriterion(this.options.minBranchFraction);
    const suggestions = leaf.bestSplits(criterion, this.options.meritPreprune, this.options.maxShareToSplit);
    suggestions.sort((a, b) => (a.merit < b.merit ? -1 : a.merit > b.merit ? 1 : 0));
    let shouldSplit = suggestions.length === 1;
    if (suggestions.length >= 2) {
      const bound = hoeffdingBound(criterion.rangeOfMerit(leaf.stats), this.options.delta, leaf.totalWeight);
      const best = suggestions[suggestions.length - 1];
      const second = suggestions[suggestions.length - 2];
      shouldSplit = best.merit - second.merit > bound || bound < this.options.tau;
    }
    if (!shouldSplit) return;
    const decision = suggestions[suggestions.length - 1];
    if (decision.feature === null) leaf.deactivate();
    else {
      const children = decision.children.map((s) => this.newLeaf(s, leaf.depth + 1)) as [HATLeaf, HATLeaf];
      replace(new HATBranch(decision.feature, decision.threshold, leaf.depth, children, leaf.stats));
    }
    this.reactivateLeaves();
  }

  /**
   * River's memory manager after a decided split attempt: with the default budget every inactive leaf above
   * `maxDepth` is re-activated with fresh observers (see `HoeffdingTreeClassifier`). As in River's
   * `AdaBranchClassifier.iter_leaves`, the walk covers the alternate subtrees of the root's descendants, not the
   * root's own alternate.
   */
  private reactivateLeaves(): void {
    const visit = (node: HATNode): void => {
      if (node instanceof HATBranch) {
        for (const child of node.children as HATNode[]) {
          visit(child);
          if (child instanceof HATBranch && child.alternate) visit(child.alternate);
        }
      } else if (!node.active && node.depth < this.options.maxDepth) node.activate();
    };
    if (this.root) visit(this.root);
  }

  /**
   * The leaves `x` reaches, in River's `traverse` order: the alternate of every branch on the main path (top down;
   * an alternate is a leaf, since a splitting alternate replaces its branch), then the main leaf.
   */
  private reachedLeaves(node: HATNode, x: Features, out: HATLeaf[]): HATLeaf[] {
    while (node instanceof HATBranch) {
      if (node.alternate) this.reachedLeaves(node.alternate, x, out);
      let b = node.branchNo(x);
      if (b < 0) b = nodeWeight(node.children[0]) >= nodeWeight(node.children[1]) ? 0 : 1;
      node = node.children[b] as HATNode;
    }
    out.push(node);
    return out;
  }

  /** Sums the error-weighted votes of every reached leaf (main and alternate), then normalises (River 0.19's HAT). */
  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const proba = new Map<ClassLabel, number>();
    for (const c of this.classes) proba.set(c, 0);
    if (this.root === null) return proba;
    const leaves = this.options.combineAlternates ? this.reachedLeaves(this.root, x, []) : [this.leafOf(this.root, x)];
    for (const leaf of leaves) {
      for (const [c, p] of this.leafVotes(leaf, x)) proba.set(c, (proba.get(c) ?? 0) + p);
    }
    let total = 0;
    for (const p of proba.values()) total += p;
    if (total !== 0 && !Number.isNaN(total)) {
      const scale = 1 / total;
      for (const [c, p] of proba) proba.set(c, p * scale);
    }
    return proba;
  }

  predictOne(x: Features): ClassLabel | undefined {
    return argmaxLabel(this.predictProbaOne(x));
  }

  clone(): HoeffdingAdaptiveTreeClassifier {
    return new HoeffdingAdaptiveTreeClassifier(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): HoeffdingAdaptiveTreeClassifier {
    return loadEstimator<HoeffdingAdaptiveTreeClassifier>(json, 'tree.HoeffdingAdaptiveTreeClassifier');
  }
}
registerClass('tree.HoeffdingAdaptiveTreeClassifier', HoeffdingAdaptiveTreeClassifier);
