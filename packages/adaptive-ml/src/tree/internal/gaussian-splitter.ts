import type { ClassLabel } from '../../base/estimator.js';
import { registerClass } from '../../base/serialization.js';
import { Gaussian } from '../../stats/gaussian.js';
import type { ClassDist, InfoGainSplitCriterion } from './split-criterion.js';

/** A candidate binary split `feature <= threshold`, with the class distributions it would create. */
export interface SplitSuggestion {
  merit: number;
  feature: string | null;
  threshold: number;
  children: ClassDist[];
}

/** The "do not split" candidate (merit -Infinity). */
export function nullSplit(): SplitSuggestion {
  return { merit: Number.NEGATIVE_INFINITY, feature: null, threshold: 0, children: [] };
}

/**
 * Numeric attribute observer of the Hoeffding trees: a Gaussian per class plus per-class min and max; candidate
 * thresholds are `nSplits` equally spaced points between the overall min and max, and branch weights come from the
 * Gaussian CDFs (MOA's / River's `GaussianSplitter`).
 */
export class GaussianSplitter {
  private perClass = new Map<ClassLabel, Gaussian>();
  private mins = new Map<ClassLabel, number>();
  private maxs = new Map<ClassLabel, number>();

  constructor(readonly nSplits = 10) {}

  update(value: number, y: ClassLabel, w: number): void {
    let g = this.perClass.get(y);
    if (!g) {
      g = new Gaussian();
      this.perClass.set(y, g);
      this.mins.set(y, value);
      this.maxs.set(y, value);
    } else {
      if (value < this.mins.get(y)!) this.mins.set(y, value);
      if (value > this.maxs.get(y)!) this.maxs.set(y, value);
    }
    g.update(value, w);
  }

  /** Likelihood of `value` under class `y`'s Gaussian (0 for an unseen class). */
  condProba(value: number, y: ClassLabel): number {
    return this.perClass.get(y)?.pdf(value) ?? 0;
  }

  private candidates(): number[] {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const k of this.perClass.keys()) {
      if (this.mins.get(k)! < min) min = this.mins.get(k)!;
      if (this.maxs.get(k)! > max) max = this.maxs.get(k)!;
    }
    const out: number[] = [];
    if (min < Number.POSITIVE_INFINITY) {
      const bin = (max - min) / (this.nSplits + 1);
      for (let i = 0; i < this.nSplits; i++) {
        const v = min + bin * (i + 1);
        if (min < v && v < max) out.push(v);
      }
    }
    return out;
  }

  private binarySplit(threshold: number): ClassDist[] {
    const lhs: ClassDist = new Map();
    const rhs: ClassDist = new Map();
    for (const [k, g] of this.perClass) {
      if (threshold < this.mins.get(k)!) rhs.set(k, g.n);
      else if (threshold >= this.maxs.get(k)!) lhs.set(k, g.n);
      else {
        const left = g.cdf(threshold) * g.n;
        lhs.set(k, left);
        rhs.set(k, g.n - left);
      }
    }
    return [lhs, rhs];
  }

  bestSplit(criterion: InfoGainSplitCriterion, pre: ClassDist, feature: string): SplitSuggestion {
    let best = nullSplit();
    for (const threshold of this.candidates()) {
      const children = this.binarySplit(threshold);
      const merit = criterion.meritOfSplit(pre, children);
      if (merit > best.merit) best = { merit, feature, threshold, children };
    }
    return best;
  }
}
registerClass('tree.GaussianSplitter', GaussianSplitter);
