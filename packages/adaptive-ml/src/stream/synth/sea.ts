import { check } from '../../base/check.js';
import { MersenneTwister } from '../../base/rng.js';
import { Generator, type LabelledSample } from './generator.js';

const thresholds = [8, 9, 7, 9.5];

/** Options of {@link SEA}. */
export interface SEAOptions {
  /** Concept 0..3 (thresholds 8, 9, 7, 9.5; default 0). */
  variant?: number;
  /** Probability of flipping the label (default 0). */
  noise?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * SEA concepts (Street & Kim 2001): three features U(0, 10), label `x0 + x1 > threshold`. Draw order follows River's
 * `datasets.synth.SEA`, so `new SEA({ seed: 42 }).next()` is `{0: 6.39426.., 1: 0.25010.., 2: 2.75029..} -> false`.
 *
 * @example
 * new SEA({ variant: 0, seed: 42 }).next().y; // false
 */
export class SEA extends Generator {
  readonly options: Required<SEAOptions>;
  private rng: MersenneTwister;

  constructor(options: SEAOptions = {}) {
    super();
    this.options = { variant: 0, noise: 0, seed: 0, ...options };
    check([0, 1, 2, 3].includes(this.options.variant), 'variant must be 0, 1, 2 or 3');
    check(this.options.noise >= 0 && this.options.noise <= 1, 'noise must be in [0, 1]');
    this.rng = new MersenneTwister(this.options.seed);
  }

  next(): LabelledSample {
    const x = { 0: this.rng.uniform(0, 10), 1: this.rng.uniform(0, 10), 2: this.rng.uniform(0, 10) };
    let y = x[0] + x[1] > thresholds[this.options.variant];
    if (this.options.noise > 0 && this.rng.random() < this.options.noise) y = !y;
    return { x, y };
  }
}
