import { describe, expect, it } from 'vitest';
import { GoldenBatchModel } from '../mspc/golden-batch-model.js';
import { LineSimulator } from '../simulation/line-simulator.js';
import { seededRng } from '../simulation/rng.js';
import { marginConfidence, windowEvidence } from './agent-evidence.js';
import { runMspcAgent } from './mspc-agent.js';

const t0 = Date.parse('2026-11-23T08:00:00Z');

function setup() {
  const sim = new LineSimulator({ rng: seededRng(11), startMs: t0 });
  // eight hours of reference: one full cycle of the simulated environment
  const reference = Array.from({ length: 240 }, (_, i) => sim.sample('orange-juice', t0 + i * 120_000).values);
  const model = GoldenBatchModel.fit(reference, { alpha: 0.01 });
  return { sim, model };
}

describe('agent evidence', () => {
  it('grades the distance to a limit on a log scale, symmetric around it', () => {
    expect(marginConfidence(18, 18)).toBeCloseTo(0.5, 12);
    expect(marginConfidence(36, 18)).toBeCloseTo(0.5 + 0.5 * Math.tanh(1), 12);
    expect(marginConfidence(9, 18)).toBeCloseTo(marginConfidence(36, 18), 12);
    expect(marginConfidence(180, 18)).toBeGreaterThan(marginConfidence(36, 18));
    expect(() => marginConfidence(1, 0)).toThrow(RangeError);
  });

  it('treats a few alarms in a hundred at α = 1 % as chance and eight as out of control', () => {
    expect(windowEvidence(1, 100, 0.01, 0.1).anomaly).toBe(false);
    expect(windowEvidence(5, 100, 0.01, 0.1).anomaly).toBe(false);
    expect(windowEvidence(8, 100, 0.01, 0.1).anomaly).toBe(true);
    const llr = 8 * Math.log(0.1 / 0.01) + 92 * Math.log(0.9 / 0.99);
    const e = windowEvidence(8, 100, 0.01, 0.1);
    expect(e.logLikelihoodRatio).toBeCloseTo(llr, 12);
    expect(e.posterior).toBeCloseTo(1 / (1 + Math.exp(-(llr + Math.log(0.01 / 0.99)))), 12);
    expect(windowEvidence(5, 100, 0.01, 0.1, 0.5).anomaly).toBe(true); // with even prior odds five would do
    expect(() => windowEvidence(3, 2, 0.01, 0.1)).toThrow(RangeError);
  });
});

describe('runMspcAgent', () => {
  it('passes a window of good product and flags a contaminated one, naming the responding channels', () => {
    const { sim, model } = setup();
    const t = t0 + 8 * 3_600_000;
    const good = Array.from({ length: 40 }, (_, i) => model.score(sim.sample('orange-juice', t + i * 60_000).values));
    const bad = Array.from({ length: 40 }, (_, i) =>
      model.score(
        sim.sample('orange-juice', t + (60 + i) * 60_000, [
          { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 },
        ]).values,
      ),
    );
    const ok = runMspcAgent(good, { alpha: model.alpha });
    expect(ok.anomaly_detected).toBe(false);
    expect(ok.confidence).toBeGreaterThan(0.9);
    expect(ok.recommended_action).toBe('');
    const flagged = runMspcAgent(bad, { alpha: model.alpha });
    expect(flagged.anomaly_detected).toBe(true);
    expect(flagged.confidence).toBeGreaterThan(0.99);
    expect(flagged.findings.join(' ')).toMatch(/suspect channels by contribution: ch \d+/);
    expect(flagged.recommended_action).toMatch(/contamination/);
  });

  it('names the faulty channel first when one channel is off', () => {
    const { sim, model } = setup();
    const t = t0 + 9 * 3_600_000;
    const scores = Array.from({ length: 20 }, (_, i) =>
      model.score(
        sim.sample('orange-juice', t + i * 60_000, [{ kind: 'noisy_channel', channel: 5, factor: 40 }]).values,
      ),
    );
    const report = runMspcAgent(scores, { alpha: model.alpha });
    expect(report.anomaly_detected).toBe(true);
    expect(report.findings[1]).toMatch(/^suspect channels by contribution: ch 5 /);
    const standardised = runMspcAgent(scores, {
      alpha: model.alpha,
      expectedContributions: model.expectedContributions(),
    });
    expect(standardised.findings[1]).toMatch(/^suspect channels by contribution: ch 5 /);
  });

  it('names a channel with a small offset from standardised contributions of the alarms', () => {
    const { sim, model } = setup();
    const t = t0 + 9 * 3_600_000;
    const expected = model.expectedContributions();
    const channels = model.channels;
    let named = 0;
    let namedByRbc = 0;
    for (let faulty = 0; faulty < channels; faulty++) {
      // an offset of one reference standard deviation on one channel
      const sd = model.toJSON().scale[faulty]!;
      const scores = Array.from({ length: 60 }, (_, i) => {
        const x = sim.sample('orange-juice', t + (faulty * 60 + i) * 60_000).values;
        x[faulty]! += 1.0 * sd;
        return model.score(x);
      });
      const lead = (r: { readonly findings: readonly string[] }) =>
        /contribution: ch (\d+)/.exec(r.findings[1] ?? '')?.[1];
      if (lead(runMspcAgent(scores, { alpha: model.alpha, expectedContributions: expected })) === String(faulty))
        named++;
      if (lead(runMspcAgent(scores, { alpha: model.alpha })) === String(faulty)) namedByRbc++;
    }
    expect(named).toBeGreaterThan(namedByRbc); // 7 of 8 vs 5 of 8 on these seeds
    expect(named).toBeGreaterThanOrEqual(channels - 1);
  });

  it('judges one reading by its distance to the limit and abstains without scores', () => {
    const { sim, model } = setup();
    const s = model.score(sim.sample('orange-juice', t0 + 3_600_000).values);
    const one = runMspcAgent([s], { alpha: model.alpha });
    const ratio = Math.max(s.t2 / s.t2Limit, s.spe / s.speLimit);
    expect(one.anomaly_detected).toBe(ratio > 1);
    expect(one.confidence).toBeCloseTo(marginConfidence(ratio, 1), 12);
    const none = runMspcAgent([], { alpha: 0.01 });
    expect(none).toMatchObject({ anomaly_detected: false, confidence: 0 });
  });
});
