import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { registerClass } from '../base/serialization.js';
import { ADWIN } from '../drift/adwin.js';
import { HoeffdingTreeClassifier, type HoeffdingTreeClassifierOptions } from '../tree/hoeffding-tree-classifier.js';
import { addVotes, normaliseVotes } from './internal/vote.js';

/** A Hoeffding tree whose leaves each split on a random subset of `maxFeatures` features. */
export class RandomSubspaceTree extends HoeffdingTreeClassifier {
  private rng: MersenneTwister;

  constructor(
    readonly maxFeatures: number | 'sqrt',
    readonly seed: number,
    treeOptions: HoeffdingTreeClassifierOptions,
  ) {
    super(treeOptions);
    this.rng = new MersenneTwister(seed);
  }

  protected override sampleFeatures(keys: string[]): string[] {
    const m = this.maxFeatures === 'sqrt' ? Math.max(1, Math.round(Math.sqrt(keys.length))) : this.maxFeatures;
    if (m >= keys.length) return keys;
    return this.rng.sample(keys.length, m).map((i) => keys[i]);
  }

  override clone(): RandomSubspaceTree {
    return new RandomSubspaceTree(this.maxFeatures, this.seed, this.options);
  }
}
registerClass('ensemble.RandomSubspaceTree', RandomSubspaceTree);

/** Options of {@link AdaptiveRandomForestClassifier}. */
export interface AdaptiveRandomForestClassifierOptions {
  /** Trees (default 10). */
  nModels?: number;
  /** Features per leaf: a count or `sqrt` (default `sqrt`). */
  maxFeatures?: number | 'sqrt';
  /** Poisson rate of the resampling weights (default 6). */
  lambda?: number;
  /** ADWIN delta of the warning monitors (default 0.01). */
  warningDelta?: number;
  /** ADWIN delta of the drift monitors (default 0.001). */
  driftDelta?: number;
  /** Weight votes by each tree's running accuracy (default true). */
  weightedVote?: boolean;
  /** Options of the member trees (default grace period 50, delta 0.01, tau 0.05, NBA leaves). */
  tree?: HoeffdingTreeClassifierOptions;
  /** Seed (default 42). */
  seed?: number;
}

class ForestMember {
  warning: ADWIN;
  drift: ADWIN;
  background: RandomSubspaceTree | null = null;
  correct = 0;
  seen = 0;
  constructor(
    public tree: RandomSubspaceTree,
    warningDelta: number,
    driftDelta: number,
  ) {
    this.warning = new ADWIN({ delta: warningDelta });
    this.drift = new ADWIN({ delta: driftDelta });
  }
}
registerClass('ensemble.ForestMember', ForestMember);

/**
 * Adaptive random forest (Gomes et al.): random-subspace Hoeffding trees trained with Poisson(lambda) weights; per
 * tree an ADWIN warning monitor starts a background tree and an ADWIN drift monitor swaps it in; accuracy-weighted
 * votes.
 *
 * @example
 * const arf = new AdaptiveRandomForestClassifier({ nModels: 5, seed: 1 }); arf.learnOne({ a: 1, b: 2 }, 'x');
 * @see H. M. Gomes et al. (2017). Adaptive random forests for evolving data stream classification. Mach. Learn. 106.
 */
export class AdaptiveRandomForestClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<AdaptiveRandomForestClassifierOptions>;
  private members: ForestMember[];
  private rng: MersenneTwister;
  /** Drifts handled so far. */
  nDrifts = 0;
  /** Warnings that started a background tree. */
  nWarnings = 0;

  constructor(options: AdaptiveRandomForestClassifierOptions = {}) {
    this.options = {
      nModels: 10,
      maxFeatures: 'sqrt',
      lambda: 6,
      warningDelta: 0.01,
      driftDelta: 0.001,
      weightedVote: true,
      seed: 42,
      ...options,
      tree: { gracePeriod: 50, delta: 0.01, tau: 0.05, leafPrediction: 'nba', ...options.tree },
    };
    const o = this.options;
    check(Number.isInteger(o.nModels) && o.nModels >= 1, 'nModels must be a positive integer');
    check(
      o.maxFeatures === 'sqrt' || (Number.isInteger(o.maxFeatures) && o.maxFeatures >= 1),
      "maxFeatures must be 'sqrt' or a positive integer",
    );
    check(o.lambda > 0, 'lambda must be > 0');
    this.rng = new MersenneTwister(o.seed);
    this.members = Array.from(
      { length: o.nModels },
      () => new ForestMember(this.newTree(), o.warningDelta, o.driftDelta),
    );
  }

  private newTree(): RandomSubspaceTree {
    return new RandomSubspaceTree(this.options.maxFeatures, this.rng.randBelow(0x7fffffff), this.options.tree);
  }

  learnOne(x: Features, y: ClassLabel): void {
    for (const m of this.members) {
      const correct = m.tree.predictOne(x) === y;
      m.seen++;
      if (correct) m.correct++;
      const k = this.rng.poisson(this.options.lambda);
      if (k > 0) {
        m.tree.learnOne(x, y, k);
        m.background?.learnOne(x, y, k);
      }
      const error = correct ? 0 : 1;
      m.warning.update(error);
      if (m.warning.driftDetected) {
        this.nWarnings++;
        m.background = this.newTree();
        m.warning = new ADWIN({ delta: this.options.warningDelta });
      }
      m.drift.update(error);
      if (m.drift.driftDetected) {
        this.nDrifts++;
        m.tree = m.background ?? this.newTree();
        m.background = null;
        m.correct = 0;
        m.seen = 0;
        m.warning = new ADWIN({ delta: this.options.warningDelta });
        m.drift = new ADWIN({ delta: this.options.driftDelta });
      }
    }
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const votes = new Map<ClassLabel, number>();
    for (const m of this.members) {
      const accuracy = m.seen > 0 ? m.correct / m.seen : 0;
      const weight = this.options.weightedVote && accuracy > 0 ? accuracy : 1;
      addVotes(votes, normaliseVotes(m.tree.predictProbaOne(x)), weight);
    }
    return normaliseVotes(votes);
  }

  predictOne(x: Features): ClassLabel | undefined {
    return argmaxLabel(this.predictProbaOne(x));
  }

  clone(): AdaptiveRandomForestClassifier {
    return new AdaptiveRandomForestClassifier(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): AdaptiveRandomForestClassifier {
    return loadEstimator<AdaptiveRandomForestClassifier>(json, 'ensemble.AdaptiveRandomForestClassifier');
  }
}
registerClass('ensemble.AdaptiveRandomForestClassifier', AdaptiveRandomForestClassifier);
