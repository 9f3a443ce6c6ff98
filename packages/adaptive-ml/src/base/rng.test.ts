import { describe, expect, it } from 'vitest';
import { MersenneTwister } from './rng.js';

describe('MersenneTwister', () => {
  it("reproduces CPython's random.Random(42) draws", () => {
    const rng = new MersenneTwister(42);
    // Python: random.Random(42).random() -> 0.6394267984578837, then 0.025010755222666936, 0.27502931836911926
    expect(rng.random()).toBe(0.6394267984578837);
    expect(rng.random()).toBe(0.025010755222666936);
    expect(rng.random()).toBe(0.27502931836911926);
  });

  it('reproduces CPython randrange and sample', () => {
    // Python: random.Random(0).randrange(10) x5 -> 6 6 0 4 8
    const rng = new MersenneTwister(0);
    expect(Array.from({ length: 5 }, () => rng.randBelow(10))).toEqual([6, 6, 0, 4, 8]);
  });

  it('clones into an independent generator in the same state', () => {
    const a = new MersenneTwister(7);
    a.random();
    const b = a.clone();
    expect(b.random()).toBe(a.random());
    expect(() => new MersenneTwister(1.5)).toThrow(TypeError);
  });
});
