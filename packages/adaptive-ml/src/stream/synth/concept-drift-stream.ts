import { check } from '../../base/check.js';
import { MersenneTwister } from '../../base/rng.js';
import { Agrawal } from './agrawal.js';
import { Generator, type LabelledSample } from './generator.js';

/** Options of {@link ConceptDriftStream}. */
export interface ConceptDriftStreamOptions {
  /** Stream before the drift (default Agrawal function 0). */
  stream?: Generator;
  /** Stream after the drift (default Agrawal function 2). */
  driftStream?: Generator;
  /** Centre of the drift, 1-based sample index (default 5000). */
  position?: number;
  /** Width of the transition (default 1000); 1 makes it abrupt. */
  width?: number;
  /** Angle of the transition in degrees; when set, overrides width with max(1, int(1 / tan(alpha))). */
  alpha?: number;
  /** Seed of the switching draws (default 0). */
  seed?: number;
}

/**
 * A concept drift between two streams: sample t (1-based) comes from the drift stream with probability
 * 1 / (1 + exp(-4 (t - position) / width)), else from the original (MOA's sigmoid drift).
 *
 * @example
 * const s = new ConceptDriftStream({ position: 1000, width: 1 }); s.take(2000);
 */
export class ConceptDriftStream extends Generator {
  readonly options: Required<Omit<ConceptDriftStreamOptions, 'alpha'>> & { alpha?: number };
  private rng: MersenneTwister;
  private t = 0;

  constructor(options: ConceptDriftStreamOptions = {}) {
    super();
    const width =
      options.alpha !== undefined
        ? Math.max(1, Math.trunc(1 / Math.tan((options.alpha * Math.PI) / 180)))
        : (options.width ?? 1000);
    this.options = {
      stream: new Agrawal({ classificationFunction: 0, seed: 112 }),
      driftStream: new Agrawal({ classificationFunction: 2, seed: 112 }),
      position: 5000,
      seed: 0,
      ...options,
      width,
    };
    check(this.options.width >= 1, 'width must be >= 1');
    check(this.options.position >= 0, 'position must be >= 0');
    this.rng = new MersenneTwister(this.options.seed);
  }

  next(): LabelledSample {
    this.t++;
    const p = 1 / (1 + Math.exp((-4 * (this.t - this.options.position)) / this.options.width));
    return this.rng.random() < p ? this.options.driftStream.next() : this.options.stream.next();
  }
}
