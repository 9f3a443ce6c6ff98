import { describe, expect, it } from 'vitest';
import { seededNormal } from '../internal/test-rng.js';
import {
  type ExpectedContributions,
  firstConfirmedAlarm,
  type IsolationScore,
  isolateFaultyChannels,
} from './fault-isolation.js';
import { GoldenBatchModel } from './golden-batch-model.js';

/** A score with hand-set SPE contributions (T² zero), alarmed when `alarm`. */
function score(spe: number[], alarm = true): IsolationScore {
  const total = spe.reduce((a, b) => a + b, 0);
  const zeros = new Float64Array(spe.length);
  return {
    t2: 0,
    t2Limit: 10,
    spe: total,
    speLimit: alarm ? total / 2 : total * 2,
    t2Contributions: zeros,
    t2Rbc: zeros,
    speContributions: Float64Array.from(spe),
    speRbc: Float64Array.from(spe),
  };
}
const flat = (spe: number[]): ExpectedContributions => ({
  spe: Float64Array.from(spe),
  speRbc: Float64Array.from(spe),
  t2: new Float64Array(spe.length).fill(1),
  t2Rbc: new Float64Array(spe.length).fill(1),
});

/** p channels driven by 3 latent factors plus independent noise of channel-dependent size. */
function process(seed: number, p = 8) {
  const normal = seededNormal(seed);
  const weights = Array.from({ length: p }, (_, j) => [Math.cos(j), Math.sin(j * 0.7), (j % 3) - 1]);
  const noise = Array.from({ length: p }, (_, j) => 0.1 + 0.15 * j);
  return () => {
    const f = [normal() * 3, normal() * 2, normal()];
    return weights.map((w, j) => 100 + w[0]! * f[0]! + w[1]! * f[1]! + w[2]! * f[2]! + normal() * noise[j]!);
  };
}

describe('isolateFaultyChannels', () => {
  it('divides each channel by its in-control expected contribution', () => {
    const s = score([4, 1, 1]);
    // raw: channel 0 has the largest contribution; relative to its usual size (8) it is the smallest
    expect(isolateFaultyChannels([s], flat([8, 1, 1]), { standardise: false, statistic: 'spe' }).ranking[0]).toBe(0);
    const r = isolateFaultyChannels([s], flat([8, 1, 1]), { statistic: 'spe' });
    expect(r.ranking[2]).toBe(0);
    expect(r.shares).toEqual([0.5 / 2.5, 1 / 2.5, 1 / 2.5]);
  });

  it('pools the last `window` scores, or only the alarmed ones', () => {
    const scores = [score([9, 0, 0]), score([0, 1, 3]), score([0, 2, 0], false), score([0, 2, 0], false)];
    const e = flat([1, 1, 1]);
    expect(isolateFaultyChannels(scores, e, { window: 10 }).ranking[0]).toBe(0); // 9 vs 5 vs 3
    expect(isolateFaultyChannels(scores, e, { window: 3 }).ranking[0]).toBe(1); // 0 vs 5 vs 3
    const alarmed = isolateFaultyChannels(scores, e, { window: 3, alarmedOnly: true });
    expect(alarmed.ranking[0]).toBe(2); // only [0, 1, 3]
    expect(alarmed.pooled).toBe(1);
  });

  it('refuses a bad window and a channel count that does not match the model', () => {
    expect(() => isolateFaultyChannels([score([1, 1])], flat([1, 1]), { window: 0 })).toThrow(RangeError);
    expect(() => isolateFaultyChannels([score([1, 1, 1])], flat([1, 1]))).toThrow(RangeError);
  });

  it('gives the in-control mean of every contribution (reference rows: exactly, up to n/(n − 1))', () => {
    const draw = process(3);
    const rows = Array.from({ length: 300 }, draw);
    const model = GoldenBatchModel.fit(rows, { components: 3 });
    const e = model.expectedContributions();
    const n = rows.length;
    const sums = {
      spe: new Float64Array(8),
      t2: new Float64Array(8),
      t2Rbc: new Float64Array(8),
      speRbc: new Float64Array(8),
    };
    for (const r of rows) {
      const s = model.score(r);
      for (let j = 0; j < 8; j++) {
        sums.spe[j]! += s.speContributions[j]!;
        sums.t2[j]! += s.t2Contributions[j]!;
        sums.t2Rbc[j]! += s.t2Rbc[j]!;
        sums.speRbc[j]! += s.speRbc[j]!;
      }
    }
    for (const key of ['spe', 't2', 't2Rbc', 'speRbc'] as const)
      for (let j = 0; j < 8; j++) expect(sums[key][j]! / (n - 1)).toBeCloseTo(e[key][j]!, 9);
    // channel-dependent noise: the in-control SPE contributions differ several-fold between channels
    expect(Math.max(...e.spe) / Math.min(...e.spe)).toBeGreaterThan(3);
  });

  it('names a weakly noisy channel more often by pooling contributions over 10 samples, more still when standardised', () => {
    const draw = process(5);
    const model = GoldenBatchModel.fit(Array.from({ length: 300 }, draw), { components: 3 });
    const normal = seededNormal(17);
    let raw = 0;
    let pooledHits = 0;
    let rawPooled = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      const faulty = trial % 8;
      const scores = Array.from({ length: 10 }, () => {
        const x = draw();
        x[faulty]! += normal() * 1.5; // extra noise on one channel
        return model.score(x);
      });
      const last = scores[scores.length - 1]!;
      const single = Array.from(last.speContributions.keys()).sort(
        (a, b) => last.speContributions[b]! - last.speContributions[a]!,
      );
      if (single[0] === faulty) raw++;
      if (model.isolateChannels(scores).ranking[0] === faulty) pooledHits++;
      if (model.isolateChannels(scores, { standardise: false }).ranking[0] === faulty) rawPooled++;
    }
    // one sample names it about a third of the time; ten pooled samples about 70 %, standardised a little more
    expect(rawPooled).toBeGreaterThan(1.5 * raw);
    expect(pooledHits).toBeGreaterThan(rawPooled);
    expect(pooledHits / trials).toBeGreaterThan(0.7);
  });
});

describe('firstConfirmedAlarm', () => {
  it('returns the first alarm with 2 of the last 3 scores alarmed, else −1', () => {
    const a = score([1], true);
    const q = score([1], false);
    expect(firstConfirmedAlarm([a, q, q, a, q, a, a])).toBe(5);
    expect(firstConfirmedAlarm([a, a])).toBe(1);
    expect(firstConfirmedAlarm([a, q, q, a])).toBe(-1);
    expect(firstConfirmedAlarm([q, a], 1, 1)).toBe(1);
    expect(() => firstConfirmedAlarm([a], 3, 2)).toThrow(RangeError);
  });
});
