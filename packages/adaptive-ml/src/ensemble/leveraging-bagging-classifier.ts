import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { registerClass } from '../base/serialization.js';
import { ADWIN } from '../drift/adwin.js';
import { HoeffdingTreeClassifier } from '../tree/hoeffding-tree-classifier.js';
import { addVotes, normaliseVotes } from './internal/vote.js';

/** Options of {@link LeveragingBaggingClassifier}. */
export interface LeveragingBaggingClassifierOptions {
  /** Base model, cloned for each member (default a `HoeffdingTreeClassifier`). */
  model?: Classifier;
  /** Members (default 10). */
  nModels?: number;
  /** Poisson rate of the resampling weights (default 6). */
  w?: number;
  /** ADWIN delta of the members' error monitors (default 0.002). */
  adwinDelta?: number;
  /** Seed (default 42). */
  seed?: number;
}

/**
 * Leveraging bagging (Bifet et al.): Poisson(w) sample weights and one ADWIN per member on its errors; when any
 * monitor detects an increase, the member with the highest error is replaced by a fresh one.
 *
 * @example
 * const lb = new LeveragingBaggingClassifier({ nModels: 3, seed: 1 }); lb.learnOne({ a: 1 }, 'x');
 * @see A. Bifet, G. Holmes, B. Pfahringer (2010). Leveraging bagging for evolving data streams. ECML PKDD.
 */
export class LeveragingBaggingClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<LeveragingBaggingClassifierOptions>;
  private models: Classifier[];
  private detectors: ADWIN[];
  private rng: MersenneTwister;
  /** Members replaced after a detected change. */
  nDetectedChanges = 0;

  constructor(options: LeveragingBaggingClassifierOptions = {}) {
    this.options = {
      model: new HoeffdingTreeClassifier(),
      nModels: 10,
      w: 6,
      adwinDelta: 0.002,
      seed: 42,
      ...options,
    };
    const o = this.options;
    check(Number.isInteger(o.nModels) && o.nModels >= 1, 'nModels must be a positive integer');
    check(o.w > 0, 'w must be > 0');
    this.models = Array.from({ length: o.nModels }, () => o.model.clone());
    this.detectors = Array.from({ length: o.nModels }, () => new ADWIN({ delta: o.adwinDelta }));
    this.rng = new MersenneTwister(o.seed);
  }

  learnOne(x: Features, y: ClassLabel): void {
    let changed = false;
    for (let i = 0; i < this.models.length; i++) {
      const model = this.models[i];
      const detector = this.detectors[i];
      const before = detector.estimation;
      const yPred = model.predictOne(x);
      detector.update(yPred === y ? 0 : 1);
      if (detector.driftDetected && detector.estimation > before) changed = true;
      const k = this.rng.poisson(this.options.w);
      if (k > 0) model.learnOne(x, y, k);
    }
    if (changed) {
      this.nDetectedChanges++;
      let worst = 0;
      for (let i = 1; i < this.detectors.length; i++) {
        if (this.detectors[i].estimation > this.detectors[worst].estimation) worst = i;
      }
      this.models[worst] = this.options.model.clone();
      this.detectors[worst] = new ADWIN({ delta: this.options.adwinDelta });
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

  clone(): LeveragingBaggingClassifier {
    return new LeveragingBaggingClassifier({ ...this.options, model: this.options.model.clone() });
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): LeveragingBaggingClassifier {
    return loadEstimator<LeveragingBaggingClassifier>(json, 'ensemble.LeveragingBaggingClassifier');
  }
}
registerClass('ensemble.LeveragingBaggingClassifier', LeveragingBaggingClassifier);
