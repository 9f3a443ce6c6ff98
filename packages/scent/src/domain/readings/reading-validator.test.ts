import { describe, expect, it } from 'vitest';
import { ReadingValidator } from './reading-validator.js';

describe('ReadingValidator', () => {
  it('rejects wrong channel counts, NaN, out-of-order timestamps and impossible environment values', () => {
    const v = new ReadingValidator({ channels: 3, kind: 'MOS' });
    expect(v.validate(1000, [1, 2, 3]).is_valid).toBe(true);
    expect(v.validate(2000, [1, 2]).errors[0]).toContain('expected 3 channel values, got 2');
    expect(v.validate(2000, [1, Number.NaN, 3]).errors[0]).toContain('channels 1 are NaN');
    expect(v.validate(500, [1, 2, 3]).errors[0]).toContain('not after the previous reading');
    const h = new ReadingValidator({ channels: 1, kind: 'humidity' });
    expect(h.validate(1, [120])).toMatchObject({ is_valid: false, quality_score: 0 });
    expect(h.validate(2, [55]).is_valid).toBe(true);
  });

  it('warns about a dead channel once a full window is flat, and about 3σ spikes', () => {
    const v = new ReadingValidator({ channels: 2, kind: 'MOS', window: 10 });
    let last = v.validate(0, [5, 1]);
    for (let k = 1; k <= 10; k++) last = v.validate(k, [5, 1 + (k % 2) * 0.1]);
    expect(last.warnings.join()).toContain('dead channels');
    expect(last.warnings.join()).toContain(': 0');
    expect(last.quality_score).toBe(0.5);
    const spike = v.validate(11, [5, 9]);
    expect(spike.warnings.join()).toContain('spikes on channels 1');
  });
});
