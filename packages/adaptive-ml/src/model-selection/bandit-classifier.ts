import { check } from '../base/check.js';
import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';
import { registerClass } from '../base/serialization.js';

/** Options of {@link BanditClassifier}. */
export interface BanditClassifierOptions {
  /** The pool (models or pipelines); each is cloned. */
  models: Classifier[];
  /** Arm selection: UCB1 or epsilon-greedy (default `ucb`). */
  policy?: 'ucb' | 'epsilon-greedy';
  /** Exploration rate of epsilon-greedy (default 0.1). */
  epsilon?: number;
  /** Exploration constant of UCB1 (default sqrt 2). */
  c?: number;
  /** Seed (default 42). */
  seed?: number;
}

/**
 * Model selection as a multi-armed bandit: each sample, the policy pulls one model, which predicts (reward 1 when
 * right) and then learns; predictions come from the model with the best mean reward so far.
 *
 * @example
 * const sel = new BanditClassifier({ models: [new GaussianNB(), new HoeffdingTreeClassifier()], policy: 'ucb' });
 * @see P. Auer, N. Cesa-Bianchi, P. Fischer (2002). Finite-time analysis of the multiarmed bandit problem. Mach. Learn.
 */
export class BanditClassifier implements Classifier {
  readonly kind = 'classifier' as const;
  readonly options: Required<BanditClassifierOptions>;
  private models: Classifier[];
  private pulls: Float64Array;
  private rewards: Float64Array;
  private rng: MersenneTwister;
  private t = 0;

  constructor(options: BanditClassifierOptions) {
    this.options = { policy: 'ucb', epsilon: 0.1, c: Math.SQRT2, seed: 42, ...options };
    const o = this.options;
    check(Array.isArray(o.models) && o.models.length >= 1, 'models must be a non-empty array');
    check(['ucb', 'epsilon-greedy'].includes(o.policy), "policy must be 'ucb' or 'epsilon-greedy'");
    check(o.epsilon >= 0 && o.epsilon <= 1, 'epsilon must be in [0, 1]');
    this.models = o.models.map((m) => m.clone());
    this.pulls = new Float64Array(o.models.length);
    this.rewards = new Float64Array(o.models.length);
    this.rng = new MersenneTwister(o.seed);
  }

  private mean(i: number): number {
    return this.pulls[i] > 0 ? this.rewards[i] / this.pulls[i] : 0;
  }

  /** Index of the model with the best mean reward. */
  get bestIndex(): number {
    let best = 0;
    for (let i = 1; i < this.models.length; i++) if (this.mean(i) > this.mean(best)) best = i;
    return best;
  }

  private pull(): number {
    const n = this.models.length;
    for (let i = 0; i < n; i++) if (this.pulls[i] === 0) return i;
    if (this.options.policy === 'epsilon-greedy') {
      return this.rng.random() < this.options.epsilon ? this.rng.randBelow(n) : this.bestIndex;
    }
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const score = this.mean(i) + this.options.c * Math.sqrt(Math.log(this.t) / this.pulls[i]);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  learnOne(x: Features, y: ClassLabel): void {
    this.t++;
    const arm = this.pull();
    const model = this.models[arm];
    this.pulls[arm]++;
    if (model.predictOne(x) === y) this.rewards[arm]++;
    model.learnOne(x, y);
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    return this.models[this.bestIndex].predictProbaOne(x);
  }

  predictOne(x: Features): ClassLabel | undefined {
    return this.models[this.bestIndex].predictOne(x);
  }

  /** Pulls and mean reward of each pool member. */
  arms(): Array<{ pulls: number; meanReward: number }> {
    return this.models.map((_, i) => ({ pulls: this.pulls[i], meanReward: this.mean(i) }));
  }

  clone(): BanditClassifier {
    return new BanditClassifier({ ...this.options, models: this.options.models.map((m) => m.clone()) });
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): BanditClassifier {
    return loadEstimator<BanditClassifier>(json, 'model_selection.BanditClassifier');
  }
}
registerClass('model_selection.BanditClassifier', BanditClassifier);
