import { check } from '../base/check.js';
import type { EstimatorJson, Features, Transformer } from '../base/estimator.js';
import { dumpEstimator, loadEstimator } from '../base/estimator.js';
import { registerClass } from '../base/serialization.js';

/** 32-bit MurmurHash3 of a string's UTF-16 code units. */
function murmur3(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Options of {@link FeatureHasher}. */
export interface FeatureHasherOptions {
  /** Output dimension (default 2^20). */
  nFeatures?: number;
  /** Hash seed (default 0). */
  seed?: number;
}

/**
 * The hashing trick: each feature name is hashed to one of `nFeatures` buckets with a hash-derived sign, so unbounded
 * vocabularies map to a fixed space. Stateless.
 *
 * @example
 * new FeatureHasher({ nFeatures: 16 }).transformOne({ 'word=cat': 1 }); // { '<bucket>': ±1 }
 */
export class FeatureHasher implements Transformer {
  readonly kind = 'transformer' as const;
  readonly supervised = false;
  readonly options: Required<FeatureHasherOptions>;

  constructor(options: FeatureHasherOptions = {}) {
    this.options = { nFeatures: 2 ** 20, seed: 0, ...options };
    check(
      Number.isInteger(this.options.nFeatures) && this.options.nFeatures >= 1,
      'nFeatures must be a positive integer',
    );
  }

  learnOne(): void {}

  transformOne(x: Features): Features {
    const out: Features = {};
    for (const k in x) {
      const h = murmur3(k, this.options.seed);
      const bucket = String(h % this.options.nFeatures);
      const sign = murmur3(k, this.options.seed + 1) & 1 ? -1 : 1;
      out[bucket] = (out[bucket] ?? 0) + sign * x[k];
    }
    return out;
  }

  clone(): FeatureHasher {
    return new FeatureHasher(this.options);
  }

  toJSON(): EstimatorJson {
    return dumpEstimator(this);
  }

  static fromJSON(json: EstimatorJson): FeatureHasher {
    return loadEstimator<FeatureHasher>(json, 'preprocessing.FeatureHasher');
  }
}
registerClass('preprocessing.FeatureHasher', FeatureHasher);
