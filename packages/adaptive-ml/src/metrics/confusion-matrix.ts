import type { ClassLabel } from '../base/estimator.js';

/** Weighted confusion counts, indexable by (truth, prediction), with per-class totals. */
export class ConfusionMatrix {
  private readonly cells = new Map<ClassLabel, Map<ClassLabel, number>>();
  readonly truthTotals = new Map<ClassLabel, number>();
  readonly predTotals = new Map<ClassLabel, number>();
  total = 0;

  update(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    let row = this.cells.get(yTrue);
    if (!row) {
      row = new Map();
      this.cells.set(yTrue, row);
    }
    row.set(yPred, (row.get(yPred) ?? 0) + w);
    this.truthTotals.set(yTrue, (this.truthTotals.get(yTrue) ?? 0) + w);
    this.predTotals.set(yPred, (this.predTotals.get(yPred) ?? 0) + w);
    this.total += w;
  }

  revert(yTrue: ClassLabel, yPred: ClassLabel, w = 1): void {
    this.update(yTrue, yPred, -w);
  }

  get(yTrue: ClassLabel, yPred: ClassLabel): number {
    return this.cells.get(yTrue)?.get(yPred) ?? 0;
  }

  /** Every label seen as truth or prediction (with non-zero weight). */
  classes(): ClassLabel[] {
    const out = new Set<ClassLabel>();
    for (const [k, v] of this.truthTotals) if (v > 0) out.add(k);
    for (const [k, v] of this.predTotals) if (v > 0) out.add(k);
    return [...out];
  }

  truePositives(label: ClassLabel): number {
    return this.get(label, label);
  }
}
