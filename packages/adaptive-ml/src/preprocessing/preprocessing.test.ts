import { describe, expect, it } from 'vitest';
import { FeatureHasher } from './feature-hasher.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { PolynomialExtender } from './polynomial-extender.js';
import { StandardScaler } from './standard-scaler.js';
import { TargetAgg } from './target-agg.js';

describe('preprocessing', () => {
  it('StandardScaler uses the population variance learned so far', () => {
    const s = new StandardScaler();
    for (const a of [1, 2, 3, 4]) s.learnOne({ a });
    // mean 2.5, population variance 1.25
    expect(s.transformOne({ a: 4 }).a).toBeCloseTo(1.5 / Math.sqrt(1.25), 12);
    expect(new StandardScaler().transformOne({ a: 7 })).toEqual({ a: 0 });
  });

  it('MinMaxScaler maps into [0, 1]', () => {
    const s = new MinMaxScaler();
    s.learnOne({ a: 0 });
    s.learnOne({ a: 4 });
    expect(s.transformOne({ a: 1 })).toEqual({ a: 0.25 });
  });

  it('OneHotEncoder encodes codes and passes other features through', () => {
    const e = new OneHotEncoder({ features: ['c'], dense: true });
    e.learnOne({ c: 1 });
    e.learnOne({ c: 2 });
    expect(e.transformOne({ c: 1, z: 5 })).toEqual({ 'c=1': 1, 'c=2': 0, z: 5 });
  });

  it('FeatureHasher keeps total magnitude in a fixed number of buckets', () => {
    const out = new FeatureHasher({ nFeatures: 4 }).transformOne({ a: 1, b: 1, c: 1, d: 1, e: 1 });
    expect(Object.keys(out).every((k) => Number(k) < 4)).toBe(true);
  });

  it('PolynomialExtender adds squares and pairwise products', () => {
    expect(new PolynomialExtender().transformOne({ a: 2, b: 3 })).toEqual({ a: 2, b: 3, 'a*a': 4, 'a*b': 6, 'b*b': 9 });
    expect(new PolynomialExtender({ interactionOnly: true }).transformOne({ a: 2, b: 3 })).toEqual({
      a: 2,
      b: 3,
      'a*b': 6,
    });
  });

  it('TargetAgg smooths group means towards the global mean', () => {
    const t = new TargetAgg({ by: ['shop'], smoothing: 1 });
    t.learnOne({ shop: 1 }, 10);
    t.learnOne({ shop: 2 }, 0);
    // global mean 5; shop 1: (10 + 1 * 5) / (1 + 1) = 7.5; unseen shop: global mean
    expect(t.transformOne({ shop: 1 })).toEqual({ shop_target: 7.5 });
    expect(t.transformOne({ shop: 3 })).toEqual({ shop_target: 5 });
  });
});
