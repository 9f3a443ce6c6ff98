import { describe, expect, it } from 'vitest';
import { extractArrayFeatures, extractTransientFeatures } from './transient-features.js';

/** Triangle pulse: K samples rising by d, then K samples falling by d, from baseline r0. */
function triangle(r0: number, d: number, K: number): number[] {
  const out = [r0];
  for (let k = 1; k <= K; k++) out.push(r0 + d * k);
  for (let m = 1; m <= K; m++) out.push(r0 + d * K - d * m);
  return out;
}

describe('extractTransientFeatures', () => {
  it('matches the closed form on a triangle pulse', () => {
    // For a constant step d the EMA is y[k] = d(1 − (1−α)^k): its rising maximum is d(1 − (1−α)^K); after K falling
    // steps it reaches (1−α)^K·y[K] − d(1 − (1−α)^K) = −d(1 − (1−α)^K)², the decaying minimum.
    const r0 = 1000;
    const d = 5;
    const K = 100;
    const f = extractTransientFeatures(triangle(r0, d, K));
    expect(f[0]).toBeCloseTo(d * K, 9);
    expect(f[1]).toBeCloseTo((d * K) / r0, 12);
    [0.001, 0.01, 0.1].forEach((a, i) => {
      const g = 1 - (1 - a) ** K;
      expect(f[2 + i]).toBeCloseTo(d * g, 9);
      expect(f[5 + i]).toBeCloseTo(-d * g * g, 9);
    });
  });

  it('matches the closed form on a first-order step response', () => {
    // r[k] = R0 + A(1 − q^k), q = e^{−1/τ}: increments d_k = A(1−q)q^{k−1}; EMA y[k] = αA(1−q)((1−α)^k − q^k)/((1−α) − q).
    const R0 = 200;
    const A = 50;
    const tau = 20;
    const q = Math.exp(-1 / tau);
    const n = 400;
    const r = Array.from({ length: n }, (_, k) => R0 + A * (1 - q ** k));
    const a = 0.1;
    const f = extractTransientFeatures(r, { alphas: [a], decayStart: n - 1 });
    let best = 0;
    for (let k = 1; k < n - 1; k++) best = Math.max(best, (a * A * (1 - q) * ((1 - a) ** k - q ** k)) / (1 - a - q));
    expect(f[2]).toBeCloseTo(best, 10);
    expect(f[0]).toBeCloseTo(A * (1 - q ** (n - 1)), 9);
  });

  it('lays out channels sensor-major like the UCI files', () => {
    const a = triangle(10, 1, 20);
    const b = triangle(20, 2, 20);
    const all = extractArrayFeatures([a, b]);
    expect(all.length).toBe(16);
    expect(Array.from(all.subarray(8))).toEqual(Array.from(extractTransientFeatures(b)));
  });

  it('rejects too-short series and bad options', () => {
    expect(() => extractTransientFeatures([1, 2])).toThrow(RangeError);
    expect(() => extractTransientFeatures([1, 2, 3], { baselineSamples: 3 })).toThrow(RangeError);
    expect(() => extractTransientFeatures([1, 2, 3], { alphas: [1.5] })).toThrow(RangeError);
  });
});
