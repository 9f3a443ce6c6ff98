import type { ClassLabel } from '../base/estimator.js';
import type { ProbaMetric } from './metric.js';

/** Exact area under the ROC curve of scored pairs (ties count one half): the Mann-Whitney U statistic. */
export function exactAuc(scores: readonly number[], positives: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (positives[order[k]]) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = order.length - nPos;
  if (nPos === 0 || nNeg === 0) return 0;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Options of {@link ROCAUC}. */
export interface ROCAUCOptions {
  /** Positive class (default `true`). */
  posLabel?: ClassLabel;
  /** Keep only the last `windowSize` pairs (rolling AUC); 0 keeps all (default 0). */
  windowSize?: number;
}

/**
 * Exact ROC AUC of the positive-class probability, over the whole stream or over a rolling window.
 *
 * @example
 * const auc = new ROCAUC(); auc.update(true, new Map([[true, 0.9]])); auc.update(false, new Map([[true, 0.2]]));
 * auc.get(); // 1
 */
export class ROCAUC implements ProbaMetric {
  readonly name = 'ROCAUC';
  readonly biggerIsBetter = true;
  readonly needsProba = true;
  readonly options: Required<ROCAUCOptions>;
  private scores: number[] = [];
  private positives: boolean[] = [];

  constructor(options: ROCAUCOptions = {}) {
    this.options = { posLabel: true, windowSize: 0, ...options };
    if (!(Number.isInteger(this.options.windowSize) && this.options.windowSize >= 0)) {
      throw new RangeError('windowSize must be a non-negative integer');
    }
  }

  update(yTrue: ClassLabel, proba: Map<ClassLabel, number>): void {
    this.scores.push(proba.get(this.options.posLabel) ?? 0);
    this.positives.push(yTrue === this.options.posLabel);
    if (this.options.windowSize > 0 && this.scores.length > this.options.windowSize) {
      this.scores.shift();
      this.positives.shift();
    }
  }

  revert(yTrue: ClassLabel, proba: Map<ClassLabel, number>): void {
    const score = proba.get(this.options.posLabel) ?? 0;
    const positive = yTrue === this.options.posLabel;
    for (let i = 0; i < this.scores.length; i++) {
      if (this.scores[i] === score && this.positives[i] === positive) {
        this.scores.splice(i, 1);
        this.positives.splice(i, 1);
        return;
      }
    }
  }

  get(): number {
    return exactAuc(this.scores, this.positives);
  }

  clone(): ROCAUC {
    return new ROCAUC(this.options);
  }
}
