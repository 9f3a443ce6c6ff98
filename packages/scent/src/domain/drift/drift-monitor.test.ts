import { describe, expect, it } from 'vitest';
import { seededNormal } from '../internal/test-rng.js';
import { daysToTolerance, monitorBaselineDrift, olsSlope, theilSenSlope } from './drift-monitor.js';

const day = 86_400_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');

describe('olsSlope', () => {
  it('recovers an exact line with zero standard error', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const f = olsSlope(
      x,
      x.map((v) => 3 - 0.5 * v),
    );
    expect(f.slope).toBeCloseTo(-0.5, 12);
    expect(f.intercept).toBeCloseTo(3, 12);
    expect(f.standardError).toBeCloseTo(0, 12);
  });

  it('has a standard error matching the spread of slopes and 95 % intervals covering the true slope 95 % of the time', () => {
    const normal = seededNormal(11);
    const x = Array.from({ length: 20 }, (_, i) => i);
    const slopes: number[] = [];
    const ses: number[] = [];
    let covered = 0;
    const reps = 600;
    for (let r = 0; r < reps; r++) {
      const y = x.map((v) => 1 + 0.05 * v + 0.2 * normal());
      const f = olsSlope(x, y);
      slopes.push(f.slope);
      ses.push(f.standardError);
      if (f.lower <= 0.05 && 0.05 <= f.upper) covered++;
    }
    const mean = slopes.reduce((s, v) => s + v, 0) / reps;
    const sd = Math.sqrt(slopes.reduce((s, v) => s + (v - mean) ** 2, 0) / (reps - 1));
    // theory: σ/√Sxx = 0.2/√665 = 0.007756
    expect(mean).toBeCloseTo(0.05, 3);
    expect(sd).toBeGreaterThan(0.007756 * 0.9);
    expect(sd).toBeLessThan(0.007756 * 1.1);
    const meanSe = ses.reduce((s, v) => s + v, 0) / reps;
    expect(Math.abs(meanSe / 0.007756 - 1)).toBeLessThan(0.05);
    expect(covered / reps).toBeGreaterThan(0.93);
    expect(covered / reps).toBeLessThan(0.97);
  });
});

describe('theilSenSlope', () => {
  it('ignores gross outliers late in the series that pull least squares away', () => {
    const normal = seededNormal(5);
    const x = Array.from({ length: 30 }, (_, i) => i);
    const y = x.map((v, i) => 2 + 0.1 * v + 0.05 * normal() + (i % 5 === 4 && i > 15 ? 4 : 0));
    const ts = theilSenSlope(x, y);
    const ols = olsSlope(x, y);
    expect(Math.abs(ts.slope - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(ols.slope - 0.1)).toBeGreaterThan(0.03);
    expect(ts.lower).toBeLessThanOrEqual(0.1);
    expect(ts.upper).toBeGreaterThanOrEqual(0.1);
  });

  it("has Sen's interval covering the true slope about 95 % of the time on Gaussian noise", () => {
    const normal = seededNormal(23);
    const x = Array.from({ length: 15 }, (_, i) => i);
    let covered = 0;
    const reps = 400;
    for (let r = 0; r < reps; r++) {
      const f = theilSenSlope(
        x,
        x.map((v) => -0.2 * v + normal()),
      );
      if (f.lower <= -0.2 && -0.2 <= f.upper) covered++;
    }
    expect(covered / reps).toBeGreaterThan(0.92);
    expect(covered / reps).toBeLessThan(0.99);
  });

  it('needs two distinct x values', () => {
    expect(() => theilSenSlope([1, 1, 1], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('monitorBaselineDrift', () => {
  const times = Array.from({ length: 10 }, (_, i) => t0 + i * day);

  it('gives the analytic days until each channel reaches its tolerance', () => {
    // ch0: +0.1/day from 2 (reference 2): shift at day 9 = 0.9, tolerance 1.5 -> (1.5 − 0.9)/0.1 = 6 days
    // ch1: −0.25/day from 0 against reference 0.5: shift at day 9 = −2.75, tolerance 3 -> (3 − 2.75)/0.25 = 1 day
    // ch2: flat
    const levels = times.map((_, d) => [2 + 0.1 * d, -0.25 * d, 7]);
    for (const method of ['ols', 'theil-sen'] as const) {
      const r = monitorBaselineDrift({ timesMs: times, levels }, [1.5, 3, 1], { method, reference: [2, 0.5, 7] });
      expect(r.channels[0]!.slopePerDay).toBeCloseTo(0.1, 10);
      expect(r.channels[0]!.daysUntilRecalibration).toBeCloseTo(6, 8);
      expect(r.channels[1]!.shiftNow).toBeCloseTo(-2.75, 8);
      expect(r.channels[1]!.daysUntilRecalibration).toBeCloseTo(1, 8);
      expect(r.channels[2]!.daysUntilRecalibration).toBe(Number.POSITIVE_INFINITY);
      expect(r.channels[2]!.significant).toBe(false);
      expect(r.worstChannel).toBe(1);
      expect(r.daysUntilRecalibration).toBeCloseTo(1, 8);
    }
  });

  it('measures from the first fitted level by default and projects from nowMs', () => {
    const levels = times.map((_, d) => [5 + 0.2 * d]);
    // shift at day 12 from the day-0 level = 2.4; tolerance 4 -> 8 days
    const r = monitorBaselineDrift({ timesMs: times, levels }, [4], { method: 'ols', nowMs: t0 + 12 * day });
    expect(r.daysUntilRecalibration).toBeCloseTo(8, 8);
    const beyond = monitorBaselineDrift({ timesMs: times, levels }, [1], { method: 'ols' });
    expect(beyond.daysUntilRecalibration).toBe(0);
  });

  it('puts the earliest date at the steep end of the interval and ignores insignificant slopes', () => {
    const normal = seededNormal(3);
    const levels = times.map((_, d) => [0.05 * d + 0.02 * normal(), 0.3 * normal()]);
    const r = monitorBaselineDrift({ timesMs: times, levels }, [1, 1], { method: 'ols', reference: [0, 0] });
    const c = r.channels[0]!;
    expect(c.significant).toBe(true);
    expect(Math.abs(c.slopePerDay - 0.05)).toBeLessThan(4 * c.standardError);
    expect(c.daysUntilRecalibrationEarliest).toBeLessThan(c.daysUntilRecalibration);
    expect(c.daysUntilRecalibration).toBeCloseTo(daysToTolerance(c.shiftNow, c.slopePerDay, 1), 12);
    expect(r.channels[1]!.significant).toBe(false);
    expect(r.worstChannel).toBe(0);
  });

  it('rejects series that are too short or inconsistent', () => {
    expect(() => monitorBaselineDrift({ timesMs: times.slice(0, 2), levels: [[1], [2]] }, [1])).toThrow(RangeError);
    expect(() => monitorBaselineDrift({ timesMs: times, levels: times.map(() => [1, 2]) }, [1])).toThrow(RangeError);
    expect(() => monitorBaselineDrift({ timesMs: times, levels: times.map(() => [1]) }, [0])).toThrow(RangeError);
  });
});
