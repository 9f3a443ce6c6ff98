import type { Classifier, ClassLabel, EstimatorJson, Features } from '../base/estimator.js';
import { argmaxLabel, dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';
import { Gaussian } from '../stats/gaussian.js';

/**
 * Gaussian naive Bayes: one online normal distribution per (class, feature); the joint log-likelihood sums
 * `log(1e-9 + pdf)` over the features plus the log class prior, as River's `naive_bayes.GaussianNB`.
 *
 * @example
 * const nb = new GaussianNB(); nb.learnOne({ a: -1 }, 1); nb.learnOne({ a: -2 }, 1); nb.learnOne({ a: 2 }, 2);
 */
export class GaussianNB implements Classifier {
  readonly kind = 'classifier' as const;
  private classCounts = new Map<ClassLabel, number>();
  private gaussians = new Map<ClassLabel, Map<string, Gaussian>>();
  private total = 0;

  learnOne(x: Features, y: ClassLabel, w = 1): void {
    this.classCounts.set(y, (this.classCounts.get(y) ?? 0) + w);
    this.total += w;
    let byFeature = this.gaussians.get(y);
    if (!byFeature) {
      byFeature = new Map();
      this.gaussians.set(y, byFeature);
    }
    for (const key in x) {
      let g = byFeature.get(key);
      if (!g) {
        g = new Gaussian();
        byFeature.set(key, g);
      }
      g.update(x[key], w);
    }
  }

  /** Class -> joint log-likelihood of `x`. */
  jointLogLikelihood(x: Features): Map<ClassLabel, number> {
    const out = new Map<ClassLabel, number>();
    for (const [c, byFeature] of this.gaussians) {
      let ll = Math.log((this.classCounts.get(c) ?? 0) / this.total);
      for (const key in x) ll += Math.log(1e-9 + (byFeature.get(key)?.pdf(x[key]) ?? 0));
      out.set(c, ll);
    }
    return out;
  }

  predictProbaOne(x: Features): Map<ClassLabel, number> {
    const jll = this.jointLogLikelihood(x);
    if (jll.size === 0) return jll;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of jll.values()) max = Math.max(max, v);
    let sum = 0;
    for (const v of jll.values()) sum += Math.exp(v - max);
    const lse = max + Math.log(sum);
    const out = new Map<ClassLabel, number>();
    for (const [c, v] of jll) out.set(c, Math.exp(v - lse));
    return out;
  }

  predictOne(x: Features): ClassLabel | undefined {
    return argmaxLabel(this.predictProbaOne(x));
  }

  clone(): GaussianNB {
    return new GaussianNB();
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): GaussianNB {
    return loadEstimator<GaussianNB>(json, 'naive_bayes.GaussianNB');
  }
}
registerClass('naive_bayes.GaussianNB', GaussianNB);
