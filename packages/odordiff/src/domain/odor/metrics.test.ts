import { describe, expect, it } from 'vitest';
import { macroAuroc, rocAuc } from './metrics.js';

describe('rocAuc', () => {
  it('matches the scikit-learn documentation example (0.75)', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('gives 0.5 for ties and NaN for a single class', () => {
    expect(rocAuc([1, 1], [0, 1])).toBe(0.5);
    expect(rocAuc([0.2, 0.3], [1, 1])).toBeNaN();
  });
});

describe('macroAuroc', () => {
  it('averages per-label AUROC and skips single-class labels', () => {
    const scores = Float64Array.from([0.1, 0.9, 0.0, 0.4, 0.2, 0.0, 0.35, 0.1, 0.0, 0.8, 0.3, 0.0]);
    const labels = Float64Array.from([0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0]);
    const r = macroAuroc(scores, labels, 4, 3);
    expect(r.evaluated).toBe(2);
    expect(r.perLabel[0]).toBeCloseTo(0.75, 12);
    expect(r.perLabel[1]).toBeCloseTo(rocAuc([0.9, 0.2, 0.1, 0.3], [1, 0, 0, 1]), 12);
    expect(r.auroc).toBeCloseTo((r.perLabel[0] + r.perLabel[1]) / 2, 12);
  });
});
