import { check } from '../../base/check.js';
import { MersenneTwister } from '../../base/rng.js';
import { Generator, type LabelledSample } from './generator.js';

interface Centroid {
  centre: Float64Array;
  label: number;
  std: number;
  weight: number;
  velocity: Float64Array;
}

/** Options of {@link RandomRBF}. */
export interface RandomRBFOptions {
  /** Dimensions (default 10). */
  nFeatures?: number;
  /** Classes (default 2). */
  nClasses?: number;
  /** Centroids (default 50). */
  nCentroids?: number;
  /** Distance each drifting centroid moves per sample (default 0: no drift). */
  changeSpeed?: number;
  /** How many centroids drift (default all). */
  nDriftCentroids?: number;
  /** Seed of the model (centroids) (default 0). */
  seedModel?: number;
  /** Seed of the samples (default 0). */
  seedSample?: number;
}

/**
 * Random radial basis function stream: weighted Gaussian centroids with random classes; with `changeSpeed > 0` the
 * first `nDriftCentroids` centroids move along random directions, bouncing off the unit cube (RandomRBFGeneratorDrift).
 *
 * @example
 * new RandomRBF({ changeSpeed: 0.0001, seedModel: 1, seedSample: 2 }).take(10);
 */
export class RandomRBF extends Generator {
  readonly options: Required<RandomRBFOptions>;
  private sampleRng: MersenneTwister;
  private centroids: Centroid[];
  private totalWeight: number;

  constructor(options: RandomRBFOptions = {}) {
    super();
    const nCentroids = options.nCentroids ?? 50;
    this.options = {
      nFeatures: 10,
      nClasses: 2,
      nCentroids,
      changeSpeed: 0,
      nDriftCentroids: nCentroids,
      seedModel: 0,
      seedSample: 0,
      ...options,
    };
    const o = this.options;
    check(Number.isInteger(o.nFeatures) && o.nFeatures >= 1, 'nFeatures must be a positive integer');
    check(Number.isInteger(o.nClasses) && o.nClasses >= 2, 'nClasses must be an integer >= 2');
    check(Number.isInteger(o.nCentroids) && o.nCentroids >= 1, 'nCentroids must be a positive integer');
    check(o.nDriftCentroids >= 0 && o.nDriftCentroids <= o.nCentroids, 'nDriftCentroids must be in [0, nCentroids]');
    const modelRng = new MersenneTwister(o.seedModel);
    this.centroids = Array.from({ length: o.nCentroids }, () => {
      const centre = Float64Array.from({ length: o.nFeatures }, () => modelRng.random());
      const label = modelRng.randBelow(o.nClasses);
      const std = modelRng.random();
      const weight = modelRng.random();
      const direction = Float64Array.from({ length: o.nFeatures }, () => modelRng.gauss(0, 1));
      const norm = Math.hypot(...direction) || 1;
      return { centre, label, std, weight, velocity: direction.map((d) => (d / norm) * o.changeSpeed) };
    });
    this.totalWeight = this.centroids.reduce((s, c) => s + c.weight, 0);
    this.sampleRng = new MersenneTwister(o.seedSample);
  }

  next(): LabelledSample {
    const rng = this.sampleRng;
    let pick = rng.random() * this.totalWeight;
    let c = this.centroids[this.centroids.length - 1];
    for (const candidate of this.centroids) {
      pick -= candidate.weight;
      if (pick <= 0) {
        c = candidate;
        break;
      }
    }
    const dims = this.options.nFeatures;
    const direction = Array.from({ length: dims }, () => rng.uniform(-1, 1));
    const norm = Math.hypot(...direction) || 1;
    const magnitude = rng.gauss(0, 1) * c.std;
    const x: Record<string, number> = {};
    for (let i = 0; i < dims; i++) x[i] = c.centre[i] + (direction[i] / norm) * magnitude;
    if (this.options.changeSpeed > 0) {
      for (let k = 0; k < this.options.nDriftCentroids; k++) {
        const d = this.centroids[k];
        for (let i = 0; i < dims; i++) {
          d.centre[i] += d.velocity[i];
          if (d.centre[i] > 1 || d.centre[i] < 0) {
            d.centre[i] = d.centre[i] > 1 ? 2 - d.centre[i] : -d.centre[i];
            d.velocity[i] *= -1;
          }
        }
      }
    }
    return { x, y: c.label };
  }
}
