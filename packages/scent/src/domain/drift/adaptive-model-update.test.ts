import { describe, expect, it } from 'vitest';
import { GoldenBatchModel } from '../mspc/golden-batch-model.js';
import { LineSimulator, type SimulatedFault } from '../simulation/line-simulator.js';
import { seededRng } from '../simulation/rng.js';
import { adaptGoldenModel, limitDistance } from './adaptive-model-update.js';

const day = 86_400_000;
const anomalyRate = (model: GoldenBatchModel, rows: readonly number[][]) =>
  rows.filter((x) => model.score(x).isAnomaly).length / rows.length;

/**
 * A line calibrated on zero air at day 0 (calibrated = (raw − zero)/zero, as the demo does), a golden model from 200
 * readings of that day, then one batch of 40 readings per day. Each batch goes through `adaptGoldenModel` (window
 * 80); the accepted model scores the next day's batch.
 */
function runLine(options: {
  seed: number;
  days: number;
  driftPerDay: number;
  faults?: (d: number) => SimulatedFault[];
  maxCumulativeShift?: number;
}) {
  const sim = new LineSimulator({ rng: seededRng(options.seed), startMs: 0, driftPerDay: options.driftPerDay });
  const zero = Array.from({ length: 10 }, (_, i) => sim.zeroAir(i * 1000).values);
  const z = zero[0]!.map((_, j) => zero.reduce((s, r) => s + r[j]!, 0) / zero.length);
  const cal = (v: number[]) => v.map((x, j) => (x - z[j]!) / z[j]!);
  let reference = Array.from({ length: 200 }, (_, i) => cal(sim.sample('orange-juice', i * 144_000).values));
  const base = GoldenBatchModel.fit(reference);
  let current = base;
  const days: Array<{ baseRate: number; currentRate: number; accepted: boolean; reason: string | null }> = [];
  for (let d = 1; d <= options.days; d++) {
    const faults = options.faults?.(d) ?? [];
    const batch = Array.from({ length: 40 }, (_, i) =>
      cal(sim.sample('orange-juice', d * day + i * 600_000, faults).values),
    );
    const out = adaptGoldenModel(
      { current, base, reference, batch },
      { window: 80, ...(options.maxCumulativeShift ? { maxCumulativeShift: options.maxCumulativeShift } : {}) },
    );
    days.push({
      baseRate: anomalyRate(base, batch),
      currentRate: out.anomalyRate,
      accepted: out.accepted,
      reason: out.accepted ? null : out.reason,
    });
    if (out.accepted) {
      current = out.model;
      reference = out.reference;
    }
  }
  return { base, current, days };
}

describe('adaptGoldenModel', () => {
  it('tracks a legitimate baseline drift over 12 days with few false alarms while the fixed model drifts out', () => {
    const seeds = [1, 2, 3, 4];
    let alarms = 0;
    let readings = 0;
    let lateBase = 0;
    let accepted = 0;
    for (const seed of seeds) {
      const { days } = runLine({ seed, days: 12, driftPerDay: 0.005 });
      for (const d of days) {
        alarms += d.currentRate * 40;
        readings += 40;
        if (d.accepted) accepted++;
      }
      lateBase += days.slice(-3).reduce((s, d) => s + d.baseRate, 0) / 3;
    }
    const far = alarms / readings;
    // measured: 0.89 % false alarms with updates; 28.5 % for the fixed model over days 10-12; 48/48 updates accepted
    expect(far).toBeLessThan(0.03);
    expect(lateBase / seeds.length).toBeGreaterThan(0.2);
    expect(accepted).toBeGreaterThanOrEqual(46);
  });

  it('refuses, once the cap is reached, to absorb a creeping contamination that unguarded updates absorb', () => {
    const creep = (d: number): SimulatedFault[] => [
      { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.04 * d },
    ];
    let absorbedUnguarded = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const guarded = runLine({ seed, days: 40, driftPerDay: 0, faults: creep });
      const unguarded = runLine({
        seed,
        days: 40,
        driftPerDay: 0,
        faults: creep,
        maxCumulativeShift: Number.POSITIVE_INFINITY,
      });
      const lastGuarded = guarded.days.at(-1)!;
      const lastUnguarded = unguarded.days.at(-1)!;
      // the fixed original model sees the day-40 contamination in every reading
      expect(lastGuarded.baseRate).toBeGreaterThan(0.9);
      // guarded: after 40 release/update cycles the batch is still out of control (anomaly rate above the 10 % the
      // seed rules approve), so it would not be released; measured per seed 1.00, 1.00, 0.28, 0.23, 1.00, 0.40
      expect(lastGuarded.currentRate).toBeGreaterThan(0.1);
      expect(guarded.days.some((d) => d.reason === 'cumulative_shift' || d.reason === 'anomaly_rate')).toBe(true);
      if (lastUnguarded.currentRate <= 0.05) absorbedUnguarded++;
    }
    // without the cap the same updates absorb the fault completely on 4 of the 6 arrays (0-2.5 % alarms on day 40; the
    // other two refuse by the anomaly-rate guard from the first days)
    expect(absorbedUnguarded).toBeGreaterThanOrEqual(4);
  });

  it('adds only in-control readings and refuses a batch with too many alarms or a large step', () => {
    const sim = new LineSimulator({ rng: seededRng(9), startMs: 0, driftPerDay: 0 });
    const reference = Array.from({ length: 100 }, (_, i) => sim.sample('orange-juice', i * 60_000).values);
    const base = GoldenBatchModel.fit(reference);
    const good = Array.from({ length: 30 }, (_, i) => sim.sample('orange-juice', day + i * 60_000).values);
    const bad = Array.from(
      { length: 2 },
      (_, i) =>
        sim.sample('orange-juice', day + (40 + i) * 60_000, [
          { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 2 },
        ]).values,
    );
    const out = adaptGoldenModel({ current: base, base, reference, batch: [...good, ...bad] });
    expect(out.accepted).toBe(true);
    if (!out.accepted) return;
    expect(out.excluded).toBeGreaterThanOrEqual(2);
    expect(out.used + out.excluded).toBe(32);
    expect(out.reference).toHaveLength(100);
    // the new centre is the window's mean and its distance is what the outcome reports
    const mean = out.model.toJSON().mean;
    expect(mean[0]).toBeCloseTo(out.reference.reduce((s, r) => s + r[0]!, 0) / 100, 10);
    expect(out.cumulativeShift).toBeCloseTo(limitDistance(base, mean), 12);
    expect(out.model.t2Limit).toBe(base.t2Limit);

    const contaminated = Array.from(
      { length: 30 },
      (_, i) =>
        sim.sample('orange-juice', 2 * day + i * 60_000, [
          { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 2 },
        ]).values,
    );
    const refused = adaptGoldenModel({ current: base, base, reference, batch: contaminated });
    expect(refused).toMatchObject({ accepted: false, reason: 'anomaly_rate' });

    const tight = adaptGoldenModel({ current: base, base, reference, batch: good }, { window: 30, maxStepShift: 0.01 });
    expect(tight).toMatchObject({ accepted: false, reason: 'step_shift' });
  });
});
