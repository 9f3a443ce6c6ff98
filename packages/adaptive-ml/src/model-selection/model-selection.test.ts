import { describe, expect, it } from 'vitest';
import { blobStream } from '../checks/check-estimator.js';
import { LogisticRegression } from '../linear/logistic-regression.js';
import { KNNClassifier } from '../neighbors/knn-classifier.js';
import { BanditClassifier } from './bandit-classifier.js';
import { SuccessiveHalvingClassifier } from './successive-halving-classifier.js';

// A deliberately useless member (remembers one sample) beside two good ones.
const pool = () => [
  new KNNClassifier({ windowSize: 1, nNeighbors: 1 }),
  new LogisticRegression({ learningRate: 0.05 }),
  new KNNClassifier({ windowSize: 200 }),
];

describe('model selection', () => {
  it('successive halving keeps a good model and drops the useless one', () => {
    const sh = new SuccessiveHalvingClassifier({ models: pool(), budget: 400 });
    for (const { x, y } of blobStream(600)) sh.learnOne(x, y);
    expect(sh.survivors).toHaveLength(1);
    expect(sh.survivors[0]).not.toBe(0);
  });

  it.each(['ucb', 'epsilon-greedy'] as const)(
    '%s bandit pulls the useless arm least and predicts with a good one',
    (policy) => {
      const bandit = new BanditClassifier({ models: pool(), policy, seed: 1 });
      for (const { x, y } of blobStream(1500)) bandit.learnOne(x, y);
      const arms = bandit.arms();
      expect(arms[0].pulls).toBeLessThan(Math.max(arms[1].pulls, arms[2].pulls));
      expect(bandit.bestIndex).not.toBe(0);
    },
  );
});
