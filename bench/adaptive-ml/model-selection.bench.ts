// Model selection over a pool (StandardScaler|LR, GaussianNB, HT, StandardScaler|kNN) on Elec2 and Phishing:
// final prequential accuracy of each selector and its cumulative regret (correct predictions of the best single pool
// member in hindsight minus the selector's).
// Run: nice npx tsx bench/adaptive-ml/model-selection.bench.ts
import {
  BanditClassifier,
  type Classifier,
  GaussianNB,
  HoeffdingTreeClassifier,
  KNNClassifier,
  LogisticRegression,
  pipe,
  StandardScaler,
  SuccessiveHalvingClassifier,
} from '@quintessence/adaptive-ml';
import { loadBinary, markdownTable } from './common.js';

const pool = (): Classifier[] =>
  [
    pipe(new StandardScaler(), new LogisticRegression()),
    new GaussianNB(),
    new HoeffdingTreeClassifier(),
    pipe(new StandardScaler(), new KNNClassifier({ windowSize: 100 })),
  ] as unknown as Classifier[];
const names = ['LR', 'NB', 'HT', 'kNN'];

function prequential(model: Classifier, data: ReturnType<typeof loadBinary>): number {
  let correct = 0;
  for (const { x, y } of data) {
    if (model.predictOne(x) === y) correct++;
    model.learnOne(x, y);
  }
  return correct;
}

const rows: Array<Array<string | number>> = [];
for (const dataset of ['Elec2', 'Phishing'] as const) {
  const data = loadBinary(dataset);
  const members = pool().map((m) => prequential(m, data));
  const best = Math.max(...members);
  const bestName = names[members.indexOf(best)];
  for (let i = 0; i < members.length; i++)
    rows.push([dataset, `member ${names[i]}`, members[i] / data.length, best - members[i]]);
  const selectors: Array<[string, Classifier]> = [
    ['UCB bandit', new BanditClassifier({ models: pool(), policy: 'ucb', seed: 42 })],
    [
      'epsilon-greedy (0.1)',
      new BanditClassifier({ models: pool(), policy: 'epsilon-greedy', epsilon: 0.1, seed: 42 }),
    ],
    [
      'successive halving (budget 20% of stream)',
      new SuccessiveHalvingClassifier({ models: pool(), budget: Math.round(data.length / 5) }),
    ],
  ];
  for (const [name, sel] of selectors) {
    const correct = prequential(sel, data);
    rows.push([dataset, name, correct / data.length, best - correct]);
  }
  rows.push([dataset, `(best in hindsight: ${bestName})`, best / data.length, 0]);
}
console.log('## Model selection: final accuracy and cumulative regret vs the best single pool member\n');
console.log(markdownTable(['dataset', 'selector', 'accuracy', 'regret (samples)'], rows));
