import { describe, expect, it } from 'vitest';
import { seededNormal } from '../internal/test-rng.js';
import { columnMeans, OffsetCompensation } from './offset-compensation.js';

describe('OffsetCompensation', () => {
  it('moves readings by the reference mean minus the transfer mean', () => {
    const c = new OffsetCompensation(
      [10, 20],
      [
        [13, 18],
        [15, 20],
      ],
    );
    expect(Array.from(c.apply([14, 19]))).toEqual([10, 20]);
    expect(Array.from(new OffsetCompensation([1, 2], []).apply([5, 6]))).toEqual([5, 6]);
    expect(() => new OffsetCompensation([1, 2], [[1]])).toThrow(RangeError);
  });

  it('scaled for the transfer error, gives the compensated deviation the in-session variance again', () => {
    const normal = seededNormal(11);
    const k = 2;
    let plain = 0;
    let scaled = 0;
    const m = 20_000;
    for (let i = 0; i < m; i++) {
      // a session offset of 5 on unit-variance readings; reference mean 0
      const transfer = Array.from({ length: k }, () => [5 + normal()]);
      const x = [5 + normal()];
      plain += new OffsetCompensation([0], transfer).apply(x)[0]! ** 2;
      scaled += new OffsetCompensation([0], transfer, { scaleForTransferError: true }).apply(x)[0]! ** 2;
    }
    expect(plain / m).toBeCloseTo(1 + 1 / k, 1);
    expect(scaled / m).toBeCloseTo(1, 1);
  });

  it('computes column means', () => {
    expect(
      Array.from(
        columnMeans([
          [1, 2],
          [3, 6],
        ]),
      ),
    ).toEqual([2, 4]);
  });
});
