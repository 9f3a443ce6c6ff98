/**
 * Throughput of the built-in lexicon models and of the gender swap, on HolisticBias sentences (seeded sample).
 * Anchor: >= 50,000 lexicon-model calls per second.
 * Run: npx tsx bench/counterfactual/throughput.bench.ts
 */
import {
  afinnModel,
  createRng,
  createWinkPosTagger,
  fillTemplate,
  loadHolisticBias,
  swapGender,
  vaderModel,
  winkSentimentModel,
} from '@quintessence/counterfactual';
import { markdownTable, sharedData } from './bench-support.js';
import { genderCorpus } from './corpus.js';

const dataset = loadHolisticBias(sharedData('fairness/holistic_bias_v1.1'));
const templates = dataset.templates.filter((t) => !t.plural).map((t) => t.text);
const rng = createRng(7);
const texts = Array.from({ length: 20_000 }, () => {
  const d = dataset.descriptors[Math.floor(rng.next() * dataset.descriptors.length)]!;
  return fillTemplate(templates[Math.floor(rng.next() * templates.length)]!, [d.text]);
});

function measure(fn: (t: string) => unknown, inputs: readonly string[], minMs = 1500): number {
  for (let i = 0; i < 1000; i++) fn(inputs[i % inputs.length]!);
  let calls = 0;
  const start = performance.now();
  let sink = 0;
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 1000; i++) {
      const r = fn(inputs[(calls + i) % inputs.length]!);
      if (r) sink++;
    }
    calls += 1000;
  }
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error('unreachable');
  return calls / seconds;
}

const afinn = afinnModel();
const vader = vaderModel();
const wink = winkSentimentModel();
const tagger = createWinkPosTagger();
const rows = [
  ['AFINN (sentiment@5.0.2) score', '>= 50,000', Math.round(measure((t) => afinn.score(t), texts))],
  ['VADER (vader-sentiment@1.1.3) score', '>= 50,000', Math.round(measure((t) => vader.score(t), texts))],
  ['wink-nlp sentiment score', '>= 50,000', Math.round(measure((t) => wink.score(t), texts))],
  ['gender swap m2f (heuristic tagger)', '-', Math.round(measure((t) => swapGender(t, 'm2f'), genderCorpus))],
  [
    'gender swap m2f (wink-nlp POS tagger)',
    '-',
    Math.round(measure((t) => swapGender(t, 'm2f', { tagger }), genderCorpus)),
  ],
].map(([name, anchor, rate]) => [name!, anchor!, Number(rate).toLocaleString('en-US')]);
process.stdout.write(`## Throughput (calls per second, single thread, ${process.version})\n\n`);
process.stdout.write(`${markdownTable(['operation', 'anchor', 'measured calls/s'], rows)}\n`);
