import type { ClassLabel } from '../base/estimator.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import type { ClassificationMetric } from './metric.js';

/** Share of correct predictions. */
export class Accuracy implements ClassificationMetric {
  readonly name = 'Accuracy';
  readonly biggerIsBetter = true;
  readonly needsProba = false;
  private correct = 0;
  private total = 0;

  update(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    if (yTrue === yPred) this.correct += w;
    this.total += w;
  }

  revert(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    this.update(yTrue, yPred, -w);
  }

  get(): number {
    return this.total > 0 ? this.correct / this.total : 0;
  }

  clone(): Accuracy {
    return new Accuracy();
  }
}

/** Mean of the per-class recalls (robust to class imbalance). */
export class BalancedAccuracy implements ClassificationMetric {
  readonly name = 'BalancedAccuracy';
  readonly biggerIsBetter = true;
  readonly needsProba = false;
  private cm = new ConfusionMatrix();

  update(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    this.cm.update(yTrue, yPred, w);
  }

  revert(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    this.cm.revert(yTrue, yPred, w);
  }

  get(): number {
    let sum = 0;
    let n = 0;
    for (const [label, support] of this.cm.truthTotals) {
      if (support <= 0) continue;
      sum += this.cm.truePositives(label) / support;
      n++;
    }
    return n > 0 ? sum / n : 0;
  }

  clone(): BalancedAccuracy {
    return new BalancedAccuracy();
  }
}
