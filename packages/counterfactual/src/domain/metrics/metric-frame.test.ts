import { describe, expect, it } from 'vitest';
import { createRng } from '../stats/rng.js';
import { fourFifthsRule, groupFairness, groupFairnessCis, intersectionalGroups } from './metric-frame.js';

describe('groupFairness', () => {
  it('computes per-group rates and parity/odds summaries on a hand-counted example', () => {
    // group a: TP=2 FN=1 FP=1 TN=2 (n=6); group b: TP=1 FN=1 FP=0 TN=2 (n=4)
    const y = [1, 1, 1, 0, 0, 0, 1, 1, 0, 0];
    const p = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0];
    const g = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const r = groupFairness(y, p, g);
    expect(r.groups.a).toEqual({
      n: 6,
      selection_rate: 3 / 6,
      tpr: 2 / 3,
      fpr: 1 / 3,
      fnr: 1 / 3,
      ppv: 2 / 3,
      accuracy: 4 / 6,
    });
    expect(r.groups.b).toEqual({
      n: 4,
      selection_rate: 1 / 4,
      tpr: 1 / 2,
      fpr: 0,
      fnr: 1 / 2,
      ppv: 1,
      accuracy: 3 / 4,
    });
    expect(r.demographic_parity_difference).toBe(0.5 - 0.25);
    expect(r.demographic_parity_ratio).toBe(0.25 / 0.5);
    expect(r.equalized_odds_difference).toBe(Math.max(2 / 3 - 1 / 2, 1 / 3 - 0));
    expect(r.equalized_odds_ratio).toBe(Math.min(1 / 2 / (2 / 3), 0));
    expect(fourFifthsRule(r)).toEqual({ ratio: 0.5, passes: false });
  });

  it('reports null for rates without a denominator', () => {
    const r = groupFairness([0, 0, 1], [0, 1, 1], ['x', 'x', 'y']);
    expect(r.groups.x!.tpr).toBeNull();
    expect(r.equalized_odds_difference).toBeNull();
  });

  it('rejects non-binary values and misaligned inputs', () => {
    expect(() => groupFairness([2], [1], ['a'])).toThrow(RangeError);
    expect(() => groupFairness([1, 0], [1], ['a'])).toThrow(/differ in length/);
  });

  it('builds intersectional keys', () => {
    expect(
      intersectionalGroups([
        ['F', 'M'],
        ['Black', 'White'],
      ]),
    ).toEqual(['F|Black', 'M|White']);
  });

  it('gives seeded, reproducible bootstrap CIs that cover the point estimate', () => {
    const rng = createRng(1);
    const n = 400;
    const y: number[] = [];
    const p: number[] = [];
    const g: string[] = [];
    for (let i = 0; i < n; i++) {
      g.push(i % 2 ? 'a' : 'b');
      y.push(rng.next() < 0.5 ? 1 : 0);
      p.push(rng.next() < (i % 2 ? 0.6 : 0.3) ? 1 : 0);
    }
    const point = groupFairness(y, p, g);
    const ci1 = groupFairnessCis(y, p, g, createRng(7), { resamples: 300 });
    const ci2 = groupFairnessCis(y, p, g, createRng(7), { resamples: 300 });
    expect(ci1).toEqual(ci2);
    const dpd = ci1.demographic_parity_difference!;
    expect(dpd.low).toBeLessThan(point.demographic_parity_difference!);
    expect(dpd.high).toBeGreaterThan(point.demographic_parity_difference!);
  });
});
