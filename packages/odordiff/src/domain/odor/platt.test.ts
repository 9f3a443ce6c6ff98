import { describe, expect, it } from 'vitest';
import { createRng } from '../internal/rng.js';
import { applyPlatt, fitPlatt } from './platt.js';

describe('fitPlatt', () => {
  it('recovers the slope and intercept of logistic data', () => {
    const rng = createRng(1);
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = rng.normal() * 2;
      z.push(t);
      y.push(rng.next() < 1 / (1 + Math.exp(-(0.5 * t - 1))) ? 1 : 0);
    }
    const p = fitPlatt(z, y);
    expect(p.a).toBeCloseTo(0.5, 1);
    expect(p.b).toBeCloseTo(-1, 1);
  });

  it('stays finite when a label never occurs and logits are nearly constant', () => {
    const z = Array.from({ length: 300 }, (_, i) => -3 + (i % 7) * 1e-3);
    const p = fitPlatt(z, new Array(300).fill(0));
    expect(Number.isFinite(p.a) && Number.isFinite(p.b)).toBe(true);
    expect(applyPlatt(p, -3)).toBeLessThan(0.02);
    expect(Math.abs(p.a)).toBeLessThan(10);
  });
});
