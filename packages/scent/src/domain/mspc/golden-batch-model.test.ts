import { describe, expect, it } from 'vitest';
import { seededNormal } from '../internal/test-rng.js';
import { hotellingT2Limit, speLimitBox, speLimitJacksonMudholkar } from './control-limits.js';
import { GoldenBatchModel, scaledChiSquareLimit } from './golden-batch-model.js';

// Reference quantiles from R 4.3: qf(0.99, 2, 18) = 6.012905, qchisq(0.99, 3) = 11.34487, qnorm(0.99) = 2.326348.
describe('control limits', () => {
  it('matches the Tracy-Young-Mason T² limit for new observations', () => {
    expect(hotellingT2Limit(20, 2, 0.01)).toBeCloseTo(((2 * 19 * 21) / (20 * 18)) * 6.012905, 4);
  });

  it("gives Box's limit equal to the chi-square quantile when residual eigenvalues are equal", () => {
    expect(speLimitBox([1, 1, 1], 0.01)).toBeCloseTo(11.34487, 4);
  });

  it('gives the Jackson-Mudholkar limit by its formula (hand-computed for three unit eigenvalues)', () => {
    // θ1 = θ2 = θ3 = 3, h0 = 1/3: Q = 3·(2.326348·√(2/3)/3 + 1 − 2/27)^3
    const expected = 3 * ((2.326348 * Math.sqrt(2 / 3)) / 3 + 1 - 2 / 27) ** 3;
    expect(speLimitJacksonMudholkar([1, 1, 1], 0.01)).toBeCloseTo(expected, 4);
  });

  it('rejects impossible arguments', () => {
    expect(() => hotellingT2Limit(5, 5, 0.01)).toThrow(RangeError);
    expect(() => speLimitBox([1], 0.7)).toThrow(RangeError);
  });
});

/** p channels driven by 3 latent factors plus independent noise. */
function process(seed: number, p = 8) {
  const normal = seededNormal(seed);
  const weights = Array.from({ length: p }, (_, j) => [Math.cos(j), Math.sin(j * 0.7), (j % 3) - 1]);
  return () => {
    const f = [normal() * 3, normal() * 2, normal()];
    return weights.map((w) => 100 + w[0]! * f[0]! + w[1]! * f[1]! + w[2]! * f[2]! + normal() * 0.3);
  };
}

describe('GoldenBatchModel', () => {
  const draw = process(7);
  const reference = Array.from({ length: 400 }, draw);
  const model = GoldenBatchModel.fit(reference, { alpha: 0.01 });

  it('keeps the components that explain the target variance', () => {
    expect(model.components).toBe(3);
    expect(model.explainedVariance().reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0.9);
  });

  it('raises close to alpha false alarms on new in-control observations', () => {
    const fresh = process(8);
    let t2Alarms = 0;
    let speAlarms = 0;
    const m = 20_000;
    for (let i = 0; i < m; i++) {
      const s = model.score(fresh());
      if (s.t2 > s.t2Limit) t2Alarms++;
      if (s.spe > s.speLimit) speAlarms++;
    }
    expect(t2Alarms / m).toBeGreaterThan(0.005);
    expect(t2Alarms / m).toBeLessThan(0.016);
    expect(speAlarms / m).toBeGreaterThan(0.005);
    expect(speAlarms / m).toBeLessThan(0.02);
  });

  it('decomposes T² and SPE into channel contributions that sum to the statistics', () => {
    const s = model.score(draw());
    expect(s.t2Contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(s.t2, 9);
    expect(s.speContributions.reduce((a, b) => a + b, 0)).toBeCloseTo(s.spe, 9);
    expect(s.similarity).toBeGreaterThan(0);
    expect(s.similarity).toBeLessThanOrEqual(1);
  });

  it('detects a fault on one channel and ranks that channel first', () => {
    const fresh = process(9);
    let detected = 0;
    let isolated = 0;
    for (let i = 0; i < 200; i++) {
      const x = fresh();
      x[5]! += 4; // about 13 noise standard deviations off the model plane
      const s = model.score(x);
      if (s.isAnomaly) detected++;
      if (model.rankChannels(s)[0] === 5) isolated++;
    }
    expect(detected).toBeGreaterThanOrEqual(195);
    expect(isolated).toBeGreaterThanOrEqual(180);
  });

  it('round-trips through JSON with identical scores', () => {
    const copy = GoldenBatchModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const x = draw();
    expect(copy.score(x).t2).toBe(model.score(x).t2);
    expect(copy.score(x).spe).toBe(model.score(x).spe);
    expect(() => GoldenBatchModel.fromJSON({ ...model.toJSON(), version: 2 as 1 })).toThrow(TypeError);
  });

  it('refuses bad shapes and too little data', () => {
    expect(() => GoldenBatchModel.fit([[1, 2]])).toThrow(RangeError);
    expect(() => model.score([1, 2, 3])).toThrow(RangeError);
    expect(() =>
      GoldenBatchModel.fit([
        [1, 2],
        [3, Number.NaN],
        [4, 5],
      ]),
    ).toThrow(RangeError);
  });
});

describe('cross-validated limits', () => {
  it("match a chi-square quantile when the statistics have a chi-square's mean and variance", () => {
    // mean 3 and sample variance 6 -> g = 1, h = 3: qchisq(0.99, 3) = 11.34487 (R 4.3)
    expect(scaledChiSquareLimit([3 - Math.sqrt(3), 3 + Math.sqrt(3)], 0.01)).toBeCloseTo(11.34487, 4);
  });

  it('keep the false-alarm rate near alpha with fewer reference observations than channels, where theory fails', () => {
    let theoryAlarms = 0;
    let cvAlarms = 0;
    let scored = 0;
    for (let rep = 0; rep < 8; rep++) {
      const draw = process(100 + rep, 40);
      const reference = Array.from({ length: 12 }, draw);
      const theory = GoldenBatchModel.fit(reference, { alpha: 0.05 });
      const cv = GoldenBatchModel.fit(reference, { alpha: 0.05, limits: 'cross-validated' });
      expect(cv.limits).toBe('cross-validated');
      for (let i = 0; i < 500; i++) {
        const x = draw();
        scored++;
        if (theory.score(x).isAnomaly) theoryAlarms++;
        if (cv.score(x).isAnomaly) cvAlarms++;
      }
    }
    // two charts at α = 0.05 each: about 0.1 combined when the limits are right (measured: theory 0.43, cv 0.11)
    expect(theoryAlarms / scored).toBeGreaterThan(0.3);
    expect(cvAlarms / scored).toBeGreaterThan(0.04);
    expect(cvAlarms / scored).toBeLessThan(0.16);
  });

  it('survive the JSON round trip and refuse fewer than 4 observations', () => {
    const draw = process(3, 10);
    const model = GoldenBatchModel.fit(Array.from({ length: 30 }, draw), { limits: 'cross-validated' });
    const copy = GoldenBatchModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.limits).toBe('cross-validated');
    expect(copy.speLimit).toBe(model.speLimit);
    expect(() => GoldenBatchModel.fit([draw(), draw(), draw()], { limits: 'cross-validated' })).toThrow(RangeError);
  });
});
