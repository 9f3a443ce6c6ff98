import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link SuccessiveHalvingClassifier}. */
export interface SuccessiveHalvingClassifierOptions {
  /** The pool; each is cloned. */
  models: Classifier[];
  /** Samples over which the pool is narrowed down to one model (default 1000). */
  budget?: number;
  /** Keep the best 1/eta of the models at the end of each round (default 2). */
  eta?: number;
}

/**
 * Successive halving: every surviving model learns every sample and is scored prequentially (accuracy); the budget
 * is split into log_eta(n) equal rounds and after each round only the best ceil(n / eta) survive. Predictions come
 * from the current leader.
 *
 * @example
 * const sh = new SuccessiveHalvingClassifier({ models: [new GaussianNB(), new HoeffdingTreeClassifier()], budget: 500 });
 * @see Z. Karnin, T. Koren, O. Somekh (2013). Almost optimal exploration in multi-armed bandits. ICML.
 */
export class SuccessiveHalvingClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<SuccessiveHalvingClassifierOptions>;
  private models: Classifier[];
  private alive: number[];
  private correct: Float64Array;
  private seen: Float64Array;
  private t = 0;
  private readonly roundLength: number;

  constructor(options: SuccessiveHalvingClassifierOptions) {
    this.options = { budget: 1000, eta: 2, ...options };
    const o = this.options;
    check(Array.isArray(o.models) && o.models.length >= 1, 'models must be a non-empty array');
    check(Number.isInteger(o.budget) && o.budget >= 1, 'budget must be a positive integer');
    check(o.eta > 1, 'eta must be > 1');
    this.models = o.models.map((m) => m.clone());
    this.alive = this.models.map((_, i) => i);
    this.correct = new Float64Array(this.models.length);
    this.seen = new Float64Array(this.models.length);
    const rounds = Math.max(1, Math.ceil(Math.log(this.models.length) / Math.log(o.eta)));
    this.roundLength = Math.max(1, Math.floor(o.budget / rounds));
  }

  private score(i: number): number {
    return this.seen[i] > 0 ? this.correct[i] / this.seen[i] : 0;
  }

  /** Index (in the pool) of the current leader. */
  get bestIndex(): number {
    return this.alive.reduce((best, i) => (this.score(i) > this.score(best) ? i : best), this.alive[0]);
  }

  /** Indices of the surviving models. */
  get survivors(): readonly number[] {
    return this.alive;
  }

  learnOne(x: Features, y: ClassLabel): void {
    this.t++;
    for (const i of this.alive) {
      this.seen[i]++;
      if (this.models[i].predictOne(x) === y) this.correct[i]++;
      this.models[i].learnOne(x, y);
    }
    if (this.alive.length > 1 && this.t % this.roundLength === 0) {
      const keep = Math.max(1, Math.ceil(this.alive.length / this.options.eta));
      this.alive = [...this.alive]
        .sort((a, b) => this.score(b) - this.score(a) || a - b)
        .slice(0, keep)
        .sort((a, b) => a - b);
    }
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    return this.models[this.bestIndex].predictProbaOne(x);
  }

  predictOne(x: Features): ClassLabel | undefined {
    return this.models[this.bestIndex].predictOne(x);
  }

  clone(): SuccessiveHalvingClassifier {
    return new SuccessiveHalvingClassifier({ ...this.options, models: this.options.models.map((m) => m.clone()) });
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): SuccessiveHalvingClassifier {
    return loadEstimator<SuccessiveHalvingClassifier>(json, 'model_selection.SuccessiveHalvingClassifier');
  }
}
registerClass('model_selection.SuccessiveHalvingClassifier', SuccessiveHalvingClassifier);
