import { check } from '../../base/check.js';
import { MersenneTwister } from '../../base/rng.js';
import { Generator, type LabelledSample } from './generator.js';

/** Options of {@link STAGGER}. */
export interface STAGGEROptions {
  /** Concept 0, 1 or 2 (default 0). */
  classificationFunction?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * STAGGER concepts (Schlimmer & Granger 1986): size, colour and shape codes in {0, 1, 2}; concept 0 is
 * `size = small and colour = red`, concept 1 `colour = green or shape = circle`, concept 2 `size = medium or large`.
 * Abrupt drift = switching the concept.
 *
 * @example
 * new STAGGER({ classificationFunction: 1, seed: 1 }).next();
 */
export class STAGGER extends Generator {
  readonly options: Required<STAGGEROptions>;
  private rng: MersenneTwister;

  constructor(options: STAGGEROptions = {}) {
    super();
    this.options = { classificationFunction: 0, seed: 0, ...options };
    check([0, 1, 2].includes(this.options.classificationFunction), 'classificationFunction must be 0, 1 or 2');
    this.rng = new MersenneTwister(this.options.seed);
  }

  next(): LabelledSample {
    const size = this.rng.randInt(0, 2);
    const color = this.rng.randInt(0, 2);
    const shape = this.rng.randInt(0, 2);
    const f = this.options.classificationFunction;
    const y = f === 0 ? size === 0 && color === 0 : f === 1 ? color === 2 || shape === 1 : size === 1 || size === 2;
    return { x: { size, color, shape }, y };
  }
}
