import { describe, expect, it } from 'vitest';
import { runIdentificationAgent } from '../agents/identification-agent.js';
import { defaultOdorProfiles, LineSimulator } from '../simulation/line-simulator.js';
import { seededRng } from '../simulation/rng.js';
import { OpenSetClassifier } from './open-set-classifier.js';
import { SoftmaxRegression } from './softmax-regression.js';

const t0 = Date.parse('2026-11-23T08:00:00Z');
const known = defaultOdorProfiles.map((p) => p.product);
/** Not in the training set: a cider-like headspace (esters and acetaldehyde, some ethanol and hexanal). */
const cider = {
  product: 'apple-cider',
  concentrations: { ethanol: 60, ethyl_acetate: 12, acetaldehyde: 6, hexanal: 2, acetic_acid: 1 },
};

/** One simulated e-nose (the seed fixes its sensitivities); `data` draws calibrated samples from it. */
const enose = (seed: number) =>
  new LineSimulator({ rng: seededRng(seed), startMs: t0, products: [...defaultOdorProfiles, cider] });

function data(sim: LineSimulator, perProduct: number, products: readonly string[], offsetMs = 0, stepMs = 60_000) {
  const base = sim.baseline(t0);
  const rows: number[][] = [];
  const labels: string[] = [];
  for (let i = 0; i < perProduct; i++) {
    for (const p of products) {
      rows.push(sim.sample(p, t0 + offsetMs + i * stepMs).values.map((v, j) => (v - base[j]!) / base[j]!));
      labels.push(p);
    }
  }
  return { rows, labels };
}

describe('OpenSetClassifier', () => {
  // reference over eight hours: a full cycle of the simulated temperature and humidity
  const sim = enose(21);
  const train = data(sim, 120, known, 0, 240_000);
  const clf = OpenSetClassifier.fit(train.rows, train.labels, { alpha: 0.05 });
  const test = data(sim, 200, [...known, cider.product], 3 * 3_600_000);

  it('identifies known products and keeps their rejection rate near the calibrated α', () => {
    let correct = 0;
    let rejected = 0;
    let total = 0;
    for (const [i, row] of test.rows.entries()) {
      if (test.labels[i] === cider.product) continue;
      const p = clf.predict(row);
      total++;
      if (p.label === null) rejected++;
      else if (p.label === test.labels[i]) correct++;
    }
    expect(correct / (total - rejected)).toBeGreaterThan(0.99);
    expect(rejected / total).toBeLessThan(0.12);
    expect(clf.calibrationSizes).toEqual([30, 30, 30]);
  });

  it('rejects an unknown product that a closed-set softmax forces into a known class', () => {
    const ciderRows = test.rows.filter((_, i) => test.labels[i] === cider.product);
    const rejected = ciderRows.filter((r) => clf.predict(r).label === null).length;
    expect(rejected / ciderRows.length).toBeGreaterThan(0.95);
    const softmax = new SoftmaxRegression().fit(
      train.rows,
      train.labels.map((l) => known.indexOf(l)),
    );
    const forced = ciderRows.filter((r) => Math.max(...softmax.predictProba(r)) > 0.9).length;
    expect(forced / ciderRows.length).toBeGreaterThan(0.5); // the closed-set model is confidently wrong
  });

  it('validates its input', () => {
    expect(() => OpenSetClassifier.fit([[1], [2]], ['a', 'a'])).toThrow(/class a needs at least/);
    expect(() => OpenSetClassifier.fit([[1]], ['a', 'b'])).toThrow(RangeError);
    expect(() => clf.predict([1, 2])).toThrow(RangeError);
  });
});

describe('runIdentificationAgent', () => {
  const sim = enose(31);
  const train = data(sim, 120, known, 0, 240_000);
  const clf = OpenSetClassifier.fit(train.rows, train.labels, { alpha: 0.05 });

  it('accepts a window of the expected product and flags an unknown odor or a product mix-up', () => {
    const juice = data(sim, 30, ['orange-juice'], 3_600_000).rows;
    const ok = runIdentificationAgent(juice, clf, { expectedProduct: 'orange-juice' });
    expect(ok.anomaly_detected).toBe(false);
    expect(ok.findings[0]).toMatch(/identified: orange-juice \d+/);
    const unknown = runIdentificationAgent(data(sim, 30, [cider.product], 2 * 3_600_000).rows, clf, {
      expectedProduct: 'orange-juice',
    });
    expect(unknown.anomaly_detected).toBe(true);
    expect(unknown.recommended_action).toMatch(/^Unknown odor/);
    const beer = runIdentificationAgent(data(sim, 30, ['lager-beer'], 3 * 3_600_000).rows, clf, {
      expectedProduct: 'orange-juice',
    });
    expect(beer.anomaly_detected).toBe(true);
    expect(beer.recommended_action).toMatch(/mix-up/);
    expect(beer.confidence).toBeGreaterThan(0.99);
  });

  it('judges one sample by its distance to the threshold, and abstains without a classifier', () => {
    const one = runIdentificationAgent(data(sim, 1, [cider.product], 4 * 3_600_000).rows, clf);
    expect(one.anomaly_detected).toBe(true);
    expect(one.findings[0]).toMatch(/rejected as an unknown odor/);
    expect(runIdentificationAgent([[1]], null)).toMatchObject({ anomaly_detected: false, confidence: 0 });
  });
});
