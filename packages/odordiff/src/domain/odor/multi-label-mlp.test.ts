import { describe, expect, it } from 'vitest';
import { createRng } from '../internal/rng.js';
import { rocAuc } from './metrics.js';
import { type MlpInput, MultiLabelMlp } from './multi-label-mlp.js';

/** Label 0 = feature 3 present; label 1 = dense value > 0 (a separable toy problem). */
function toyData(n: number, seed: number): { x: MlpInput[]; y: Float64Array } {
  const rng = createRng(seed);
  const x: MlpInput[] = [];
  const y = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const bits = [...new Set([rng.int(16), rng.int(16), rng.int(16)])].sort((a, b) => a - b);
    const d = rng.normal();
    x.push({
      sparseIdx: Uint32Array.from(bits),
      sparseVal: Float64Array.from(bits, () => 1),
      dense: Float64Array.of(d),
    });
    y[i * 2] = bits.includes(3) ? 1 : 0;
    y[i * 2 + 1] = d > 0 ? 1 : 0;
  }
  return { x, y };
}

const options = { sparseDim: 16, denseDim: 1, hidden: 16, outputs: 2, epochs: 40, batchSize: 16, seed: 3 };

describe('MultiLabelMlp', () => {
  it('learns sparse and dense signals (held-out AUROC > 0.95)', () => {
    const train = toyData(400, 1);
    const test = toyData(200, 2);
    const mlp = new MultiLabelMlp(options);
    mlp.fit(train.x, train.y);
    for (const label of [0, 1]) {
      const s = test.x.map((x) => mlp.predictLogits(x)[label]);
      const y = test.x.map((_, i) => test.y[i * 2 + label]);
      expect(rocAuc(s, y)).toBeGreaterThan(0.95);
    }
  });

  it('is deterministic for a seed and round-trips through stored weights', () => {
    const { x, y } = toyData(100, 5);
    const a = new MultiLabelMlp({ ...options, epochs: 3 });
    const b = a.clone();
    a.fit(x, y);
    b.fit(x, y);
    expect([...a.predictLogits(x[0])]).toEqual([...b.predictLogits(x[0])]);
    const c = MultiLabelMlp.fromWeights(a.toWeights());
    const pa = a.predictLogits(x[1]);
    const pc = c.predictLogits(x[1]);
    for (let k = 0; k < 2; k++) expect(pc[k]).toBeCloseTo(pa[k], 4);
  });

  it('rejects invalid options and label shapes', () => {
    expect(() => new MultiLabelMlp({ hidden: 0 })).toThrow(RangeError);
    expect(() => new MultiLabelMlp({ dropout: 1 })).toThrow(RangeError);
    const { x } = toyData(10, 1);
    expect(() => new MultiLabelMlp(options).fit(x, new Float64Array(3))).toThrow(RangeError);
  });
});
