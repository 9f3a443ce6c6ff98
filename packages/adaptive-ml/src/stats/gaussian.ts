import { erf } from '@quintessence/numeric';
import { registerClass } from '../base/serialization.js';
import { Variance } from './variance.js';

/**
 * A univariate normal distribution fitted online (weighted Welford, sample variance): River's `proba.Gaussian`.
 * `pdf` and `cdf` return 0 while the variance is still 0.
 *
 * @example
 * const g = new Gaussian(); g.update(6); g.update(7); g.pdf(6.5); // 0.5641895835
 */
/** Cached variance and normalising constant of the pdf (symbol keys: not part of the persisted state). */
const PDF_VAR = Symbol('pdfVariance');
const PDF_NORM = Symbol('pdfNorm');

export class Gaussian {
  private readonly variance = new Variance(1);
  private [PDF_VAR]?: number;
  private [PDF_NORM]?: number;

  get n(): number {
    return this.variance.n;
  }

  get mu(): number {
    return this.variance.mean;
  }

  get sigma(): number {
    return Math.sqrt(this.variance.get());
  }

  update(x: number, w = 1): void {
    this.variance.update(x, w);
    this[PDF_VAR] = undefined;
  }

  revert(x: number, w = 1): void {
    this.variance.revert(x, w);
    this[PDF_VAR] = undefined;
  }

  pdf(x: number): number {
    let v = this[PDF_VAR];
    let norm = this[PDF_NORM]!;
    if (v === undefined) {
      v = this.variance.get();
      norm = Math.sqrt(2 * Math.PI * v);
      this[PDF_VAR] = v;
      this[PDF_NORM] = norm;
    }
    if (!v) return 0;
    const d = x - this.mu;
    return Math.exp((d * d) / (-2 * v)) / norm;
  }

  cdf(x: number): number {
    const s = this.sigma;
    if (!s) return 0;
    return 0.5 * (1 + erf((x - this.mu) / (s * Math.SQRT2)));
  }
}
registerClass('stats.Gaussian', Gaussian);
