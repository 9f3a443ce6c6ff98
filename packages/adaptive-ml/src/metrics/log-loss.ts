import type { ClassLabel } from '../base/estimator.js';
import type { ProbaMetric } from './metric.js';

/** Mean cross-entropy of the probability given to the true label (clipped to [1e-15, 1 - 1e-15]). */
export class LogLoss implements ProbaMetric {
  readonly name = 'LogLoss';
  readonly biggerIsBetter = false;
  readonly needsProba = true;
  private sum = 0;
  private n = 0;

  private loss(yTrue: ClassLabel, proba: Map<ClassLabel, number>): number {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, proba.get(yTrue) ?? 0));
    return -Math.log(p);
  }

  update(yTrue: ClassLabel, proba: Map<ClassLabel, number>, w = 1): void {
    this.sum += w * this.loss(yTrue, proba);
    this.n += w;
  }

  revert(yTrue: ClassLabel, proba: Map<ClassLabel, number>, w = 1): void {
    this.update(yTrue, proba, -w);
  }

  get(): number {
    return this.n > 0 ? this.sum / this.n : 0;
  }

  clone(): LogLoss {
    return new LogLoss();
  }
}
