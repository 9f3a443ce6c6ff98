import { check } from '../../base/check.js';
import { MersenneTwister } from '../../base/rng.js';
import { Generator, type LabelledSample } from './generator.js';

/** Options of {@link Hyperplane}. */
export interface HyperplaneOptions {
  /** Dimensions (default 10). */
  nFeatures?: number;
  /** How many weights drift (default 2). */
  nDriftFeatures?: number;
  /** Weight change per sample (default 0). */
  magChange?: number;
  /** Probability of reversing a drift direction per sample (default 0.1). */
  sigma?: number;
  /** Label noise in [0, 1] (default 0.05). */
  noise?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Rotating hyperplane (Hulten et al. 2001): x ~ U(0, 1)^d, label `sum w_i x_i >= sum w_i / 2`; incremental drift by
 * moving `nDriftFeatures` weights by `magChange` each sample, each direction reversing with probability `sigma`.
 *
 * @example
 * new Hyperplane({ magChange: 0.001, seed: 1 }).take(5);
 */
export class Hyperplane extends Generator {
  readonly options: Required<HyperplaneOptions>;
  private rng: MersenneTwister;
  private weights: Float64Array;
  private directions: Float64Array;

  constructor(options: HyperplaneOptions = {}) {
    super();
    this.options = { nFeatures: 10, nDriftFeatures: 2, magChange: 0, sigma: 0.1, noise: 0.05, seed: 0, ...options };
    const o = this.options;
    check(Number.isInteger(o.nFeatures) && o.nFeatures >= 2, 'nFeatures must be an integer >= 2');
    check(o.nDriftFeatures >= 0 && o.nDriftFeatures <= o.nFeatures, 'nDriftFeatures must be in [0, nFeatures]');
    check(o.noise >= 0 && o.noise <= 1, 'noise must be in [0, 1]');
    this.rng = new MersenneTwister(o.seed);
    this.weights = Float64Array.from({ length: o.nFeatures }, () => this.rng.random());
    this.directions = new Float64Array(o.nFeatures).fill(1);
  }

  next(): LabelledSample {
    const { nFeatures, nDriftFeatures, magChange, sigma, noise } = this.options;
    const x: Record<string, number> = {};
    let sum = 0;
    let wsum = 0;
    for (let i = 0; i < nFeatures; i++) {
      const v = this.rng.random();
      x[i] = v;
      sum += this.weights[i] * v;
      wsum += this.weights[i];
    }
    let y = sum >= wsum / 2;
    if (noise > 0 && this.rng.random() < noise) y = !y;
    for (let i = 0; i < nDriftFeatures; i++) {
      this.weights[i] += this.directions[i] * magChange;
      if (this.rng.random() < sigma) this.directions[i] *= -1;
    }
    return { x, y };
  }
}
