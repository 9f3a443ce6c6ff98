import { describe, expect, it } from 'vitest';
import { hasSharedData } from '../../../../test/support/shared-data.js';
import { Pipeline, pipe } from '../compose/pipeline.js';
import { progressiveValScore } from '../evaluate/progressive-val-score.js';
import { loadBinary, riverPublished } from '../internal/datasets.test-helper.js';
import { Accuracy } from '../metrics/accuracy.js';
import { F1 } from '../metrics/precision-recall-f1.js';
import { StandardScaler } from '../preprocessing/standard-scaler.js';
import { LogisticRegression } from './logistic-regression.js';

describe('LogisticRegression', () => {
  it('moves towards the label it learns', () => {
    const lr = new LogisticRegression();
    expect(lr.predictProbaOne({ a: 1 }).get(true)).toBe(0.5);
    for (let i = 0; i < 200; i++) lr.learnOne({ a: 1 }, true);
    expect(lr.predictProbaOne({ a: 1 }).get(true)).toBeGreaterThan(0.6);
    expect(lr.predictOne({ a: 1 })).toBe(true);
  });

  it('rejects invalid options', () => {
    expect(() => new LogisticRegression({ learningRate: 0 })).toThrow(RangeError);
  });
});

describe.skipIf(!hasSharedData)('LogisticRegression parity with River (StandardScaler | LR, SGD 0.005)', () => {
  for (const [dataset, name] of [
    ['phishing', 'Phishing'],
    ['elec2', 'Elec2'],
  ] as const) {
    it(`matches River's published ${name} accuracy and F1 to 6 decimals`, () => {
      const published = riverPublished('Logistic regression', name);
      const model = pipe(new StandardScaler(), new LogisticRegression({ learningRate: 0.005, interceptLr: 0.01 }));
      const result = progressiveValScore(loadBinary(dataset), model, [new Accuracy(), new F1()]);
      expect(result.metrics.Accuracy).toBeCloseTo(published.accuracy, 6);
      expect(result.metrics.F1).toBeCloseTo(published.f1, 6);
    });
  }

  it('reproduces the learn-during-predict re-derivation on Phishing (0.888000 / 0.8722627737)', () => {
    const model = new Pipeline([new StandardScaler(), new LogisticRegression()], { learnDuringPredict: true });
    const result = progressiveValScore(loadBinary('phishing'), model, [new Accuracy(), new F1()]);
    expect(result.metrics.Accuracy).toBeCloseTo(0.888, 10);
    expect(result.metrics.F1).toBeCloseTo(0.8722627737, 9);
  });
});
