import { describe, expect, it } from 'vitest';
import { Agrawal } from './agrawal.js';
import { ConceptDriftStream } from './concept-drift-stream.js';
import { Hyperplane } from './hyperplane.js';
import { RandomRBF } from './random-rbf.js';
import { SEA } from './sea.js';
import { STAGGER } from './stagger.js';

describe('synthetic generators', () => {
  it("SEA(variant 0, seed 42) draws River's first sample exactly", () => {
    const { x, y } = new SEA({ variant: 0, seed: 42 }).next();
    // random.Random(42).uniform(0, 10) x3 in CPython; the spec prints them rounded as 6.39426, 0.25010, 2.75029
    expect(x[0]).toBe(6.394267984578837);
    expect(x[1]).toBe(0.25010755222666936);
    expect(x[2]).toBe(2.7502931836911926);
    expect(y).toBe(false);
  });

  it('SEA labels follow x0 + x1 > threshold per variant', () => {
    for (const [variant, threshold] of [
      [0, 8],
      [1, 9],
      [2, 7],
      [3, 9.5],
    ]) {
      for (const { x, y } of new SEA({ variant, seed: 1 }).take(200)) expect(y).toBe(x[0] + x[1] > threshold);
    }
  });

  it('Agrawal function 0 is the age rule and attributes stay in range', () => {
    for (const { x, y } of new Agrawal({ classificationFunction: 0, seed: 3 }).take(300)) {
      expect(y).toBe(x.age < 40 || x.age >= 60 ? 0 : 1);
      expect(x.salary).toBeGreaterThanOrEqual(20000);
      expect(x.salary).toBeLessThanOrEqual(150000);
      expect(x.commission).toBe(x.salary >= 75000 ? 0 : x.commission);
    }
  });

  it('ConceptDriftStream switches streams around the position (abrupt with width 1)', () => {
    const s = new ConceptDriftStream({
      stream: new STAGGER({ classificationFunction: 0, seed: 1 }),
      driftStream: new STAGGER({ classificationFunction: 2, seed: 2 }),
      position: 500,
      width: 1,
      seed: 4,
    });
    const samples = s.take(1000);
    const rule0 = (x: Record<string, number>) => x.size === 0 && x.color === 0;
    const rule2 = (x: Record<string, number>) => x.size === 1 || x.size === 2;
    expect(samples.slice(0, 499).every(({ x, y }) => y === rule0(x))).toBe(true);
    expect(samples.slice(501).every(({ x, y }) => y === rule2(x))).toBe(true);
  });

  it('Hyperplane without noise labels by the weighted sum; RandomRBF is seeded', () => {
    const h = new Hyperplane({ noise: 0, seed: 5 }).take(50);
    expect(h.every(({ y }) => typeof y === 'boolean')).toBe(true);
    const a = new RandomRBF({ seedModel: 1, seedSample: 2, changeSpeed: 0.001 }).take(20);
    const b = new RandomRBF({ seedModel: 1, seedSample: 2, changeSpeed: 0.001 }).take(20);
    expect(a).toEqual(b);
    expect(new Set(a.map((s) => s.y)).size).toBeGreaterThanOrEqual(1);
  });

  it('rejects invalid options', () => {
    expect(() => new SEA({ variant: 7 })).toThrow(RangeError);
    expect(() => new Agrawal({ classificationFunction: 10 })).toThrow(RangeError);
    expect(() => new STAGGER({ classificationFunction: 3 })).toThrow(RangeError);
  });
});
