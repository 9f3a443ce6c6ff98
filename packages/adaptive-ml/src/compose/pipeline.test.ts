import { describe, expect, it } from 'vitest';
import { LinearRegression } from '../linear/linear-regression.js';
import { LogisticRegression } from '../linear/logistic-regression.js';
import { StandardScaler } from '../preprocessing/standard-scaler.js';
import { TargetAgg } from '../preprocessing/target-agg.js';
import { Pipeline, pipe } from './pipeline.js';

describe('Pipeline', () => {
  it('debugOne shows the sample after each step and the final probabilities', () => {
    const model = pipe(new StandardScaler(), new LogisticRegression());
    model.learnOne({ a: 1 }, true);
    model.learnOne({ a: 3 }, false);
    const text = model.debugOne({ a: 3 });
    expect(text).toContain('0. Input\n--------\na: 3');
    expect(text).toContain('1. StandardScaler\n-----------------\na: 1\n');
    expect(text).toMatch(/2\. LogisticRegression\n-+\nfalse: 0\.\d{5}\ntrue: 0\.\d{5}/);
  });

  it('updates unsupervised steps before transforming in learnOne, and only in predictOne with learnDuringPredict', () => {
    const scaler = new StandardScaler();
    const model = pipe(scaler, new LinearRegression());
    model.predictOne({ a: 5 });
    expect(scaler.transformOne({ a: 5 })).toEqual({ a: 0 });
    const eager = new Pipeline([new StandardScaler(), new LinearRegression()], { learnDuringPredict: true });
    eager.predictOne({ a: 1 });
    eager.predictOne({ a: 3 });
    expect((eager.steps[0] as StandardScaler).transformOne({ a: 3 })).toEqual({ a: 1 });
  });

  it('lets a supervised transformer learn only after it transformed the sample (no target leakage)', () => {
    const agg = new TargetAgg({ by: ['shop'], smoothing: 0 });
    const model = pipe(agg, new LinearRegression());
    model.learnOne({ shop: 1 }, 10);
    // at learn time the encoding of shop 1 was still 0 (nothing seen); afterwards it is the group mean
    expect(agg.transformOne({ shop: 1 })).toEqual({ shop_target: 10 });
  });

  it('rejects a non-transformer before the last step', () => {
    expect(() => new Pipeline([new LinearRegression() as never, new LinearRegression()])).toThrow(TypeError);
  });
});
