import { describe, expect, it } from 'vitest';
import { GoldenBatchModel } from '../mspc/golden-batch-model.js';
import { LineSimulator, type SimulatedFault } from '../simulation/line-simulator.js';
import { seededRng } from '../simulation/rng.js';
import { goldenResiduals } from './golden-residuals.js';
import { runSensorHealthAgent } from './sensor-health-agent.js';

const t0 = Date.parse('2026-11-23T08:00:00Z');
const minute = 60_000;

/** A window of one sensor: raw values and values calibrated as the pipeline does ((raw − baseline)/baseline). */
function window(seed: number, faults: readonly SimulatedFault[], n = 40) {
  const sim = new LineSimulator({ rng: seededRng(seed), startMs: t0 });
  const base = sim.baseline(t0);
  // eight hours of reference: a full cycle of the simulated environment
  const reference = Array.from({ length: 120 }, (_, i) => sim.sample('orange-juice', t0 + i * 4 * minute).values);
  const calibrate = (raw: readonly number[]) => raw.map((v, j) => (v - base[j]!) / base[j]!);
  const refCal = reference.map(calibrate);
  const referenceSd = base.map((_, j) => {
    const col = refCal.map((r) => r[j]!);
    const m = col.reduce((s, v) => s + v, 0) / col.length;
    return Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / (col.length - 1));
  });
  const start = t0 + 480 * minute;
  const timestampsMs = Array.from({ length: n }, (_, i) => start + i * minute);
  const raw = timestampsMs.map((t) => sim.sample('orange-juice', t, faults).values);
  const values = raw.map(calibrate);
  const model = GoldenBatchModel.fit(refCal, { alpha: 0.01 }).toJSON();
  const { residuals, referenceVariance } = goldenResiduals(model, values);
  return { timestampsMs, raw, values, referenceSd, start, residuals, residualVariance: referenceVariance };
}

describe('runSensorHealthAgent', () => {
  it('finds a healthy array healthy', () => {
    const w = window(3, []);
    const r = runSensorHealthAgent({
      ...w,
      calibration: { state: 'valid', expiresAtMs: t0 + 20 * 86_400_000, nowMs: t0 },
    });
    expect(r.anomaly_detected).toBe(false);
    expect(r.findings[0]).toBe('8 channels healthy over 40 readings');
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it("notes the drift monitor's early recalibration without flagging the window", () => {
    const w = window(3, []);
    const calibration = { state: 'valid' as const, expiresAtMs: t0 + 20 * 86_400_000, nowMs: t0 };
    const due = runSensorHealthAgent({
      ...w,
      calibration,
      baselineDrift: {
        recalibrationDue: true,
        daysUntilRecalibration: 4.25,
        daysUntilCalibrationExpiry: 20,
        worstChannel: 3,
      },
    });
    expect(due.anomaly_detected).toBe(false);
    expect(due.findings).toContain(
      'recalibration due by baseline drift: channel 3 reaches in 4.3 days its drift tolerance, before the calibration expires (in 20.0 days)',
    );
    const plain = runSensorHealthAgent({ ...w, calibration });
    expect(due.confidence).toBe(plain.confidence);
    const notDue = runSensorHealthAgent({
      ...w,
      calibration,
      baselineDrift: {
        recalibrationDue: false,
        daysUntilRecalibration: 40,
        daysUntilCalibrationExpiry: 20,
        worstChannel: 3,
      },
    });
    expect(notDue.findings).toEqual(plain.findings);
  });

  it('tells a dead channel from a stuck one by the raw level', () => {
    const dead = runSensorHealthAgent(window(3, [{ kind: 'dead_channel', channel: 2 }]));
    expect(dead.anomaly_detected).toBe(true);
    expect(dead.findings[0]).toMatch(/^channel 2 dead: sd /);
    expect(dead.confidence).toBeGreaterThan(0.99);
    const stuck = runSensorHealthAgent(window(3, [{ kind: 'stuck_channel', channel: 6 }]));
    expect(stuck.findings[0]).toMatch(/^channel 6 stuck: /);
    const { raw: _raw, ...noRaw } = window(3, [{ kind: 'stuck_channel', channel: 6 }]);
    expect(runSensorHealthAgent(noRaw).findings[0]).toMatch(/^channel 6 flat \(dead or stuck\)/);
  });

  it('flags a noisy channel on the golden-model residuals, where raw variability would hide it', () => {
    const w = window(5, [{ kind: 'noisy_channel', channel: 4, factor: 15 }]);
    const noisy = runSensorHealthAgent(w);
    expect(noisy.anomaly_detected).toBe(true);
    expect(noisy.findings[0]).toMatch(/^channel 4 noisy: residual sd /);
    // without the residuals the product's own variability masks the same noise
    const { residuals: _r, residualVariance: _v, ...rawOnly } = w;
    expect(runSensorHealthAgent(rawOnly).anomaly_detected).toBe(false);
    expect(runSensorHealthAgent(window(5, [{ kind: 'noisy_channel', channel: 4, factor: 100 }])).anomaly_detected).toBe(
      true,
    );
    // a change of odor moves several residuals together and is not a sensor fault
    const contaminated = runSensorHealthAgent(
      window(5, [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 }]),
    );
    expect(contaminated.anomaly_detected).toBe(false);
  });

  it('flags a drifting channel', () => {
    const w = window(5, []);
    const drifting = runSensorHealthAgent(
      window(5, [{ kind: 'drifting_channel', channel: 1, ratePerMinute: 0.01, sinceMs: w.start }]),
    );
    expect(drifting.anomaly_detected).toBe(true);
    expect(drifting.findings.some((f) => /^channel 1 drifting: \+/.test(f))).toBe(true);
    const slow = runSensorHealthAgent(
      window(5, [{ kind: 'drifting_channel', channel: 1, ratePerMinute: 0.0001, sinceMs: w.start }]),
    );
    expect(slow.anomaly_detected).toBe(false);
  });

  it('flags an expired or missing calibration and reports a due one without flagging', () => {
    const now = t0;
    const expired = runSensorHealthAgent({
      timestampsMs: [],
      values: [],
      calibration: { state: 'expired', expiresAtMs: now - 3 * 86_400_000, nowMs: now },
    });
    expect(expired.anomaly_detected).toBe(true);
    expect(expired.findings[0]).toBe('calibration expired 3.0 days ago');
    expect(expired.confidence).toBeCloseTo(0.5 + 0.5 * Math.tanh(1), 12);
    const due = runSensorHealthAgent({
      timestampsMs: [],
      values: [],
      calibration: { state: 'due', expiresAtMs: now + 86_400_000, nowMs: now },
    });
    expect(due.anomaly_detected).toBe(false);
    expect(due.findings).toContain('recalibration due (expires in 1.0 days)');
    expect(
      runSensorHealthAgent({ timestampsMs: [], values: [], calibration: { state: 'uncalibrated' } }).anomaly_detected,
    ).toBe(true);
    expect(runSensorHealthAgent({ timestampsMs: [], values: [] })).toMatchObject({ confidence: 0 });
  });

  it('over 20 simulated e-noses: flags most 15x-noisy channels and no channel of healthy or contaminated windows', () => {
    const seeds = Array.from({ length: 20 }, (_, i) => 100 + i);
    const flags = (faults: readonly SimulatedFault[]) =>
      seeds.map((seed) => runSensorHealthAgent(window(seed, faults, 30)));
    const noisy = flags([{ kind: 'noisy_channel', channel: 5, factor: 15 }]);
    const hits = noisy.filter((r) => r.findings.some((f) => f.startsWith('channel 5 noisy'))).length;
    const healthy = flags([]).filter((r) => r.anomaly_detected).length;
    const contaminated = flags([{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 }]).filter(
      (r) => r.anomaly_detected,
    ).length;
    expect({ hits, healthy, contaminated }).toEqual({ hits: expect.any(Number), healthy: 0, contaminated: 0 });
    expect(hits).toBeGreaterThanOrEqual(15); // 16 of 20 when written
  });
});
