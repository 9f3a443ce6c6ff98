import type { Classifier, ClassLabel, EstimatorJson, Features, Regressor, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

type Final = Classifier | Regressor;

/** Options of {@link Pipeline}. */
export interface PipelineOptions {
  /**
   * Update unsupervised transformers in `predictOne` (River's `compose.learn_during_predict()`, and its behaviour
   * before 0.19) instead of in `learnOne`. Default false.
   */
  learnDuringPredict?: boolean;
}

/**
 * A chain of transformers ending in a classifier or regressor, with River's update order: in `learnOne` each
 * unsupervised transformer first learns the sample and then transforms it (so the model trains on features scaled
 * with the sample included); a supervised transformer transforms first and learns after (no target leakage).
 * `predictOne` only transforms. With this order `StandardScaler | LogisticRegression` reproduces River's published
 * progressive-validation results exactly.
 *
 * @example
 * const model = pipe(new StandardScaler(), new LogisticRegression());
 * model.learnOne({ a: 1 }, true); model.predictOne({ a: 1 });
 */
export class Pipeline<F extends Final = Final> {
  readonly kind: F['kind'];
  readonly steps: readonly [...Transformer[], F];
  readonly options: Required<PipelineOptions>;

  constructor(steps: [...Transformer[], F], options: PipelineOptions = {}) {
    this.options = { learnDuringPredict: false, ...options };
    if (steps.length === 0) throw new RangeError('a pipeline needs at least one step');
    for (const step of steps.slice(0, -1)) {
      if ((step as Transformer).kind !== 'transformer')
        throw new TypeError('every step but the last must be a transformer');
    }
    this.steps = steps;
    this.kind = (steps[steps.length - 1] as F).kind;
  }

  private get final(): F {
    return this.steps[this.steps.length - 1] as F;
  }

  private transform(x: Features): Features {
    const learn = this.options.learnDuringPredict;
    for (let i = 0; i < this.steps.length - 1; i++) {
      const t = this.steps[i] as Transformer;
      if (learn && !t.supervised) t.learnOne(x);
      x = t.transformOne(x);
    }
    return x;
  }

  learnOne(x: Features, y: ClassLabel | number, w = 1): void {
    for (let i = 0; i < this.steps.length - 1; i++) {
      const t = this.steps[i] as Transformer;
      if (t.supervised) {
        const before = x;
        x = t.transformOne(x);
        t.learnOne(before, y);
      } else {
        if (!this.options.learnDuringPredict) t.learnOne(x);
        x = t.transformOne(x);
      }
    }
    (this.final as Classifier).learnOne(x, y as ClassLabel, w);
  }

  predictOne(x: Features): ReturnType<F['predictOne']> {
    return this.final.predictOne(this.transform(x)) as ReturnType<F['predictOne']>;
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const final = this.final;
    if (final.kind !== 'classifier') throw new TypeError('predictProbaOne needs a classifier as the last step');
    return final.predictProbaOne(this.transform(x));
  }

  /** The sample as it leaves each step, and the final prediction: a readable trace of one prediction. */
  debugOne(x: Features, decimals = 5): string {
    const fmt = (v: Features) =>
      Object.keys(v)
        .sort()
        .map((k) => `${k}: ${Number.isInteger(v[k]) ? v[k] : v[k].toFixed(decimals)}`)
        .join('\n');
    const parts = [`0. Input\n--------\n${fmt(x)}`];
    for (let i = 0; i < this.steps.length - 1; i++) {
      const t = this.steps[i] as Transformer;
      x = t.transformOne(x);
      const title = `${i + 1}. ${t.constructor.name}`;
      parts.push(`${title}\n${'-'.repeat(title.length)}\n${fmt(x)}`);
    }
    const final = this.final;
    const title = `${this.steps.length}. ${final.constructor.name}`;
    const prediction =
      final.kind === 'classifier'
        ? [...final.predictProbaOne(x)].map(([k, p]) => `${String(k)}: ${p.toFixed(decimals)}`).join('\n')
        : `Prediction: ${final.predictOne(x).toFixed(decimals)}`;
    parts.push(`${title}\n${'-'.repeat(title.length)}\n${prediction}`);
    return parts.join('\n\n');
  }

  clone(): Pipeline<F> {
    return new Pipeline<F>(this.steps.map((s) => s.clone()) as [...Transformer[], F], this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): Pipeline {
    return loadEstimator<Pipeline>(json, 'compose.Pipeline');
  }
}
registerClass('compose.Pipeline', Pipeline);

/** Chains transformers and a final model into a {@link Pipeline}. */
export function pipe<F extends Final>(...steps: [...Transformer[], F]): Pipeline<F> {
  return new Pipeline<F>(steps);
}
