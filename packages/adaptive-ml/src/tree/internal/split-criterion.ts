import type { ClassLabel } from '../../base/estimator.js';

/** Class -> weight. */
export type ClassDist = Map<ClassLabel, number>;

function sumValues(d: ClassDist): number {
  let s = 0;
  for (const v of d.values()) s += v;
  return s;
}

/** Entropy (bits) of a class distribution. */
export function entropy(dist: ClassDist): number {
  let h = 0;
  let total = 0;
  for (const d of dist.values()) {
    if (d > 0) {
      h -= d * Math.log2(d);
      total += d;
    }
  }
  return total > 0 ? (h + total * Math.log2(total)) / total : 0;
}

/** Weighted mean entropy of the branches of a split. */
export function splitEntropy(dists: readonly ClassDist[]): number {
  let total = 0;
  let h = 0;
  for (const d of dists) {
    const w = sumValues(d);
    total += w;
    h += w * entropy(d);
  }
  return h / total;
}

/**
 * Information gain with a minimum branch fraction: a split that leaves fewer than two branches holding more than
 * `minBranchFraction` of the weight scores -Infinity.
 */
export class InfoGainSplitCriterion {
  constructor(readonly minBranchFraction = 0.01) {}

  meritOfSplit(pre: ClassDist, post: readonly ClassDist[]): number {
    if (this.branchesAboveFraction(post) < 2) return Number.NEGATIVE_INFINITY;
    return entropy(pre) - splitEntropy(post);
  }

  rangeOfMerit(pre: ClassDist): number {
    return Math.log2(Math.max(pre.size, 2));
  }

  private branchesAboveFraction(post: readonly ClassDist[]): number {
    const sums = post.map(sumValues);
    const total = sums.reduce((a, b) => a + b, 0);
    if (!(total > 0)) return 0;
    let n = 0;
    for (const s of sums) if (s / total > this.minBranchFraction) n++;
    return n;
  }
}

/** Variance reduction for regression trees, over (n, mean, m2) summaries. */
export interface TargetStats {
  n: number;
  mean: number;
  m2: number;
}

/** Hoeffding bound for a merit with the given range after `n` samples. */
export function hoeffdingBound(range: number, confidence: number, n: number): number {
  return Math.sqrt((range * range * Math.log(1 / confidence)) / (2 * n));
}
