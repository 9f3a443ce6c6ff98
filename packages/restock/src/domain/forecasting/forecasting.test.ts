import { describe, expect, it } from 'vitest';
import { rollingOriginBacktest } from './backtest.js';
import { classifyDemand } from './classification.js';
import { forecast } from './forecast.js';
import { adida, croston, demandSizesAndIntervals, imapa, tsb } from './intermittent.js';
import { etsAnn, holtDamped, sesLevel } from './smoothing.js';

describe('croston', () => {
  it('smooths sizes and intervals seeded at their first values; first interval = index of first demand + 1', () => {
    const y = [0, 0, 3, 0, 2];
    const { sizes, intervals } = demandSizesAndIntervals(y);
    expect([...sizes]).toEqual([3, 2]);
    expect([...intervals]).toEqual([3, 2]);
    // sizes: 3 → 3 + 0.1(2 − 3) = 2.9; intervals: 3 → 2.9
    expect(croston(y, { alpha: 0.1 })).toBeCloseTo(1, 15);
    expect(croston(y, { alpha: 0.1, variant: 'sba' })).toBeCloseTo(0.95, 15);
    expect(croston([0, 0, 0])).toBe(0);
  });
});

describe('smoothing and intermittent methods', () => {
  it('SES is seeded at the first value', () => {
    expect(sesLevel([3, 5, 4], 0.1)).toBeCloseTo(3 + 0.2 + 0.1 * (4 - 3.2), 15);
  });
  it('TSB decays towards zero after demand stops', () => {
    const active = tsb([5, 5, 5, 5, 5, 5]);
    const stopped = tsb([5, 5, 5, 0, 0, 0, 0, 0, 0]);
    expect(active).toBeCloseTo(5, 12);
    expect(stopped).toBeLessThan(active);
    expect(stopped).toBeGreaterThan(0);
  });
  it('ADIDA on a regular every-other-period demand forecasts half the size', () => {
    expect(adida([0, 4, 0, 4, 0, 4, 0, 4], { level: 2 })).toBeCloseTo(2, 12);
    expect(imapa([0, 4, 0, 4, 0, 4, 0, 4])).toBeGreaterThan(0);
  });
  it('Holt damped follows a linear trend with a damped extrapolation', () => {
    const y = Array.from({ length: 30 }, (_, i) => 10 + 2 * i);
    const path = holtDamped(y, 3, { alpha: 0.5, beta: 0.3, phi: 0.9 });
    expect(path[0]).toBeGreaterThan(y[29]!);
    expect(path[2]! - path[1]!).toBeLessThan(path[1]! - path[0]! + 1e-12);
  });
  it('ETS(A,N,N) recovers a constant level', () => {
    const fit = etsAnn([7, 7, 7, 7, 7, 7]);
    expect(fit.level).toBeCloseTo(7, 8);
    expect(fit.sse).toBeCloseTo(0, 8);
  });
  it('seasonal naive repeats the last season', () => {
    expect([...forecast('seasonal_naive', [1, 2, 3, 4, 5, 6], 4, { seasonLength: 3 })]).toEqual([4, 5, 6, 4]);
  });
});

describe('classifyDemand', () => {
  it('uses the Syntetos–Boylan cut-offs 1.32 / 0.49', () => {
    expect(classifyDemand([5, 6, 5, 6, 5, 6]).class).toBe('smooth');
    expect(classifyDemand([1, 20, 1, 30, 2, 25]).class).toBe('erratic');
    expect(classifyDemand([0, 0, 5, 0, 0, 6, 0, 0, 5]).class).toBe('intermittent');
    expect(classifyDemand([0, 0, 1, 0, 0, 30, 0, 0, 2]).class).toBe('lumpy');
    expect(classifyDemand([0, 0, 0]).class).toBe('no_demand');
  });
});

describe('rollingOriginBacktest', () => {
  it('ranks by RMSSE, so an all-zero-friendly method does not win on intermittent demand by MAE alone', () => {
    const y = [0, 3, 0, 0, 4, 0, 3, 0, 0, 5, 0, 4, 0, 0, 3, 0, 4, 0, 0, 5, 0, 3, 0, 0];
    const r = rollingOriginBacktest(y, ['naive', 'croston', 'ses'], { minTrain: 12, horizon: 3 });
    const naive = r.methods.find((m) => m.method === 'naive')!;
    const crostonAcc = r.methods.find((m) => m.method === 'croston')!;
    expect(crostonAcc.rmsse).toBeLessThan(naive.rmsse);
    expect(r.best?.method).not.toBe('naive');
    expect(crostonAcc.leadTimeRmse).toBeGreaterThan(0);
  });
});
