import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { registerClass } from '../base/serialization.js';
import { HoeffdingTreeClassifier } from '../tree/hoeffding-tree-classifier.js';
import { addVotes, normaliseVotes } from './internal/vote.js';

/** Options of {@link BaggingClassifier}. */
export interface BaggingClassifierOptions {
  /** Base model, cloned for each member (default a `HoeffdingTreeClassifier`). */
  model?: Classifier;
  /** Members (default 10). */
  nModels?: number;
  /** Seed of the Poisson draws (default 42). */
  seed?: number;
}

/**
 * Online bagging (Oza & Russell): each member learns each sample k ~ Poisson(1) times; predictions average the
 * members' probabilities.
 *
 * @example
 * const bag = new BaggingClassifier({ nModels: 5, seed: 1 }); bag.learnOne({ a: 1 }, 'x');
 * @see N. Oza, S. Russell (2001). Online bagging and boosting. AISTATS.
 */
export class BaggingClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<BaggingClassifierOptions>;
  protected models: Classifier[];
  protected rng: MersenneTwister;

  constructor(options: BaggingClassifierOptions = {}) {
    this.options = { model: new HoeffdingTreeClassifier(), nModels: 10, seed: 42, ...options };
    check(Number.isInteger(this.options.nModels) && this.options.nModels >= 1, 'nModels must be a positive integer');
    this.models = Array.from({ length: this.options.nModels }, () => this.options.model.clone());
    this.rng = new MersenneTwister(this.options.seed);
  }

  learnOne(x: Features, y: ClassLabel): void {
    for (const model of this.models) {
      const k = this.rng.poisson(1);
      for (let i = 0; i < k; i++) model.learnOne(x, y);
    }
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const votes = new Map<ClassLabel, number>();
    for (const model of this.models) addVotes(votes, model.predictProbaOne(x));
    return normaliseVotes(votes);
  }

  predictOne(x: Features): ClassLabel | undefined {
    return argmaxLabel(this.predictProbaOne(x));
  }

  clone(): BaggingClassifier {
    return new BaggingClassifier({ ...this.options, model: this.options.model.clone() });
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): BaggingClassifier {
    return loadEstimator<BaggingClassifier>(json, 'ensemble.BaggingClassifier');
  }
}
registerClass('ensemble.BaggingClassifier', BaggingClassifier);
