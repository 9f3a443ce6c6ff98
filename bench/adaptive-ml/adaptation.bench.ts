// Adaptation to concept drift on generated SEA and Agrawal streams (abrupt: width 1; gradual: width 1000), drift
// centred at sample 5000 of 10000: prequential accuracy of HT, HAT and ARF in windows before and after the drift.
// Run: nice npx tsx bench/adaptive-ml/adaptation.bench.ts
import {
  AdaptiveRandomForestClassifier,
  Agrawal,
  type Classifier,
  ConceptDriftStream,
  type Generator,
  HoeffdingAdaptiveTreeClassifier,
  HoeffdingTreeClassifier,
  SEA,
} from '@quintessence/adaptive-ml';
import { markdownTable } from './common.js';

const windows: Array<[number, number]> = [
  [4000, 5000],
  [5000, 5250],
  [5250, 5500],
  [5500, 6000],
  [6000, 7000],
  [9000, 10000],
];

const streams: Array<[string, () => Generator]> = [
  [
    'SEA 0→3 abrupt',
    () =>
      new ConceptDriftStream({
        stream: new SEA({ variant: 0, noise: 0.1, seed: 1 }),
        driftStream: new SEA({ variant: 3, noise: 0.1, seed: 2 }),
        position: 5000,
        width: 1,
        seed: 3,
      }),
  ],
  [
    'SEA 0→3 gradual',
    () =>
      new ConceptDriftStream({
        stream: new SEA({ variant: 0, noise: 0.1, seed: 1 }),
        driftStream: new SEA({ variant: 3, noise: 0.1, seed: 2 }),
        position: 5000,
        width: 1000,
        seed: 3,
      }),
  ],
  [
    'Agrawal f0→f2 abrupt',
    () =>
      new ConceptDriftStream({
        stream: new Agrawal({ classificationFunction: 0, seed: 1 }),
        driftStream: new Agrawal({ classificationFunction: 2, seed: 2 }),
        position: 5000,
        width: 1,
        seed: 3,
      }),
  ],
  [
    'Agrawal f0→f2 gradual',
    () =>
      new ConceptDriftStream({
        stream: new Agrawal({ classificationFunction: 0, seed: 1 }),
        driftStream: new Agrawal({ classificationFunction: 2, seed: 2 }),
        position: 5000,
        width: 1000,
        seed: 3,
      }),
  ],
];

const models: Array<[string, () => Classifier]> = [
  ['HT', () => new HoeffdingTreeClassifier()],
  ['HAT', () => new HoeffdingAdaptiveTreeClassifier({ seed: 42 })],
  ['ARF-10', () => new AdaptiveRandomForestClassifier({ nModels: 10, seed: 42 })],
];

const rows: Array<Array<string | number>> = [];
for (const [streamName, makeStream] of streams) {
  const data = makeStream().take(10000);
  for (const [modelName, make] of models) {
    const model = make();
    const hits = new Uint8Array(data.length);
    data.forEach(({ x, y }, i) => {
      hits[i] = model.predictOne(x) === y ? 1 : 0;
      model.learnOne(x, y);
    });
    const acc = ([a, b]: [number, number]) => hits.slice(a, b).reduce((s, v) => s + v, 0) / (b - a);
    rows.push([streamName, modelName, ...windows.map(acc)]);
  }
}
console.log('## Accuracy before and after drift (drift centred at 5000; SEA with 10% label noise)\n');
console.log(markdownTable(['stream', 'model', ...windows.map(([a, b]) => `[${a}, ${b})`)], rows));
