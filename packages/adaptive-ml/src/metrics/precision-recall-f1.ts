import type { ClassLabel } from '../base/estimator.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import type { ClassificationMetric } from './metric.js';

/** How per-class scores combine: the positive class only, a plain mean, or a support-weighted mean. */
export type Averaging = 'binary' | 'macro' | 'weighted';

/** Options shared by {@link Precision}, {@link Recall} and {@link F1}. */
export interface PRFOptions {
  /** Default `binary`. */
  average?: Averaging;
  /** Positive class for `binary` (default `true`). */
  posLabel?: ClassLabel;
}

type Kind = 'precision' | 'recall' | 'f1';

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

function score(cm: ConfusionMatrix, label: ClassLabel, kind: Kind): number {
  const tp = cm.truePositives(label);
  const p = ratio(tp, cm.predTotals.get(label) ?? 0);
  const r = ratio(tp, cm.truthTotals.get(label) ?? 0);
  if (kind === 'precision') return p;
  if (kind === 'recall') return r;
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

abstract class PRF implements ClassificationMetric {
  abstract readonly name: string;
  readonly biggerIsBetter = true;
  readonly needsProba = false;
  readonly options: Required<PRFOptions>;
  protected cm = new ConfusionMatrix();

  constructor(
    private readonly kindName: Kind,
    options: PRFOptions,
  ) {
    this.options = { average: 'binary', posLabel: true, ...options };
    if (!['binary', 'macro', 'weighted'].includes(this.options.average)) {
      throw new RangeError("average must be 'binary', 'macro' or 'weighted'");
    }
  }

  update(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    this.cm.update(yTrue, yPred, w);
  }

  revert(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    this.cm.revert(yTrue, yPred, w);
  }

  get(): number {
    const { average, posLabel } = this.options;
    if (average === 'binary') return score(this.cm, posLabel, this.kindName);
    const classes = this.cm.classes();
    if (classes.length === 0) return 0;
    if (average === 'macro') {
      let sum = 0;
      for (const c of classes) sum += score(this.cm, c, this.kindName);
      return sum / classes.length;
    }
    let sum = 0;
    let total = 0;
    for (const c of classes) {
      const support = this.cm.truthTotals.get(c) ?? 0;
      sum += support * score(this.cm, c, this.kindName);
      total += support;
    }
    return ratio(sum, total);
  }

  abstract clone(): ClassificationMetric;
}

/** Precision: TP / (TP + FP), per `average`. */
export class Precision extends PRF {
  readonly name = 'Precision';
  constructor(options: PRFOptions = {}) {
    super('precision', options);
  }
  clone(): Precision {
    return new Precision(this.options);
  }
}

/** Recall: TP / (TP + FN), per `average`. */
export class Recall extends PRF {
  readonly name = 'Recall';
  constructor(options: PRFOptions = {}) {
    super('recall', options);
  }
  clone(): Recall {
    return new Recall(this.options);
  }
}

/**
 * F1: harmonic mean of precision and recall, per `average` (`binary` with `posLabel`, `macro`, `weighted`).
 *
 * @example
 * const f1 = new F1({ posLabel: 'UP' }); f1.update('UP', 'UP'); f1.get(); // 1
 */
export class F1 extends PRF {
  readonly name = 'F1';
  constructor(options: PRFOptions = {}) {
    super('f1', options);
  }
  clone(): F1 {
    return new F1(this.options);
  }
}
