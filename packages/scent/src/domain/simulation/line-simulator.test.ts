import { describe, expect, it } from 'vitest';
import { GoldenBatchModel } from '../mspc/golden-batch-model.js';
import { LineSimulator } from './line-simulator.js';
import { seededRng } from './rng.js';

const t0 = Date.parse('2026-11-23T08:00:00Z');
const quiet = {
  concentrationCv: 0,
  noise: 0,
  temperature: { mean: 25, amplitude: 0, sd: 0 },
  humidity: { mean: 45, amplitude: 0, sd: 0 },
};

describe('LineSimulator', () => {
  it('is deterministic for a seed', () => {
    const a = new LineSimulator({ rng: seededRng(3) });
    const b = new LineSimulator({ rng: seededRng(3) });
    for (let i = 0; i < 5; i++) {
      expect(a.sample('orange-juice', t0 + i * 1000).values).toEqual(b.sample('orange-juice', t0 + i * 1000).values);
    }
    expect(new LineSimulator({ rng: seededRng(4) }).sample('orange-juice', t0).values).not.toEqual(
      new LineSimulator({ rng: seededRng(3) }).sample('orange-juice', t0).values,
    );
  });

  it('follows the MOX power law for a single compound', () => {
    const products = [
      { product: 'one', concentrations: { ethanol: 10 } },
      { product: 'four', concentrations: { ethanol: 40 } },
    ];
    const sim = new LineSimulator({ rng: seededRng(1), products, ...quiet, startMs: t0 });
    const g0 = sim.baseline(t0);
    const r1 = sim.sample('one', t0).values.map((v, j) => v / g0[j]! - 1);
    const r4 = sim.sample('four', t0).values.map((v, j) => v / g0[j]! - 1);
    // (G/G0 − 1) = a·c^β, so the ratio at 4× concentration is 4^β with β in [0.45, 0.8]
    for (let j = 0; j < sim.channels; j++) {
      const beta = Math.log(r4[j]! / r1[j]!) / Math.log(4);
      expect(beta).toBeGreaterThanOrEqual(0.45);
      expect(beta).toBeLessThanOrEqual(0.8);
    }
    expect(sim.zeroAir(t0).values.map((v, j) => v / g0[j]!)).toEqual(g0.map(() => 1));
  });

  it('raises conductance with humidity and drifts the baseline linearly over days', () => {
    const dry = new LineSimulator({ rng: seededRng(2), ...quiet, startMs: t0 });
    const wet = new LineSimulator({
      rng: seededRng(2),
      ...quiet,
      humidity: { mean: 75, amplitude: 0, sd: 0 },
      startMs: t0,
    });
    const d = dry.sample('lager-beer', t0).values;
    const w = wet.sample('lager-beer', t0).values;
    for (let j = 0; j < d.length; j++) expect(w[j]!).toBeGreaterThan(d[j]!);
    const b0 = dry.baseline(t0);
    const b1 = dry.baseline(t0 + 86_400_000);
    const b2 = dry.baseline(t0 + 2 * 86_400_000);
    for (let j = 0; j < b0.length; j++) {
      expect(b1[j]! - b0[j]!).not.toBe(0);
      expect(b2[j]! - b1[j]!).toBeCloseTo(b1[j]! - b0[j]!, 9);
      expect(Math.abs(b1[j]! / b0[j]! - 1)).toBeLessThanOrEqual(0.03 + 1e-12);
    }
  });

  it('injects stuck, dead, noisy and drifting channels', () => {
    const sim = new LineSimulator({ rng: seededRng(5), startMs: t0 });
    const stuck: number[] = [];
    const dead: number[] = [];
    for (let i = 0; i < 10; i++) {
      stuck.push(sim.sample('orange-juice', t0 + i, [{ kind: 'stuck_channel', channel: 2 }]).values[2]!);
    }
    for (let i = 0; i < 10; i++) {
      dead.push(sim.sample('orange-juice', t0 + i, [{ kind: 'dead_channel', channel: 0 }]).values[0]!);
    }
    expect(sim.sample('orange-juice', t0 + 11).values[2]).not.toBe(stuck[0]);
    expect(new Set(stuck).size).toBe(1);
    expect(dead.every((v) => v === 0)).toBe(true);
    const sd = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    };
    const quietSim = new LineSimulator({ rng: seededRng(6), ...quiet, noise: 0.004, startMs: t0 });
    const normal = Array.from({ length: 200 }, (_, i) => quietSim.sample('orange-juice', t0 + i).values[1]!);
    const noisy = Array.from(
      { length: 200 },
      (_, i) => quietSim.sample('orange-juice', t0 + i, [{ kind: 'noisy_channel', channel: 1, factor: 10 }]).values[1]!,
    );
    expect(sd(noisy) / sd(normal)).toBeGreaterThan(7);
    expect(sd(noisy) / sd(normal)).toBeLessThan(13);
    const drift = { kind: 'drifting_channel', channel: 3, ratePerMinute: 0.01, sinceMs: t0 } as const;
    const clean = new LineSimulator({ rng: seededRng(8), ...quiet, startMs: t0 });
    const base = clean.sample('orange-juice', t0 + 600_000).values[3]!;
    const drifted = clean.sample('orange-juice', t0 + 600_000, [drift]).values[3]!;
    // 10 minutes at 1 % of the channel's baseline per minute
    expect(drifted - base).toBeCloseTo(0.1 * clean.baseline(t0)[3]!, 9);
  });

  it('rejects unknown products, compounds and channels', () => {
    const sim = new LineSimulator({ rng: seededRng(1) });
    expect(() => sim.sample('gin', t0)).toThrow(/unknown product/);
    expect(() => sim.sample('orange-juice', t0, [{ kind: 'contamination', compound: 'xenon', ppm: 1 }])).toThrow(
      /unknown compound/,
    );
    expect(() => sim.sample('orange-juice', t0, [{ kind: 'dead_channel', channel: 8 }])).toThrow(/channel/);
    expect(() => new LineSimulator({ rng: seededRng(1), channels: 0 })).toThrow(RangeError);
  });

  it('gives a golden-batch model few false alarms on good product and detects contamination and off-spec', () => {
    const sim = new LineSimulator({ rng: seededRng(11), startMs: t0 });
    const minute = 60_000;
    const train = Array.from({ length: 300 }, (_, i) => sim.sample('orange-juice', t0 + i * 2 * minute).values);
    const model = GoldenBatchModel.fit(train, { alpha: 0.01 });
    const later = t0 + 600 * minute;
    const normal = Array.from({ length: 400 }, (_, i) => sim.sample('orange-juice', later + i * minute).values);
    const far = normal.filter((x) => model.score(x).isAnomaly).length / normal.length;
    expect(far).toBeLessThanOrEqual(0.05);
    const contaminated = Array.from(
      { length: 100 },
      (_, i) =>
        sim.sample('orange-juice', later + i * minute, [
          { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 },
        ]).values,
    );
    expect(contaminated.filter((x) => model.score(x).isAnomaly).length).toBeGreaterThanOrEqual(95);
    const offSpec = Array.from(
      { length: 100 },
      (_, i) =>
        sim.sample('orange-juice', later + i * minute, [{ kind: 'off_spec', factors: { limonene: 0.5 } }]).values,
    );
    expect(offSpec.filter((x) => model.score(x).isAnomaly).length).toBeGreaterThanOrEqual(95);
  });
});
