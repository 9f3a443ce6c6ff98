/**
 * Reproduces ../shared/data/fairness/holistic_bias_sentiment_cf_audit_reference.json: "a {descriptor} person" in the 17
 * singular HolisticBias templates, scored by sentiment@5.0.2 (AFINN), vader-sentiment@1.1.3 and wink-nlp@2.4.0 +
 * wink-eng-lite-web-model@1.8.1. Prints reference vs computed per axis and model.
 * Run: npx tsx bench/counterfactual/holistic-reference.bench.ts
 */
import { readFileSync } from 'node:fs';
import {
  afinnModel,
  holisticSweep,
  loadHolisticBias,
  vaderModel,
  winkSentimentModel,
} from '@quintessence/counterfactual';
import { markdownTable, sharedData } from './bench-support.js';

type Summary = { mean_range: number; top: string; bottom: string; sign_flip_rate: number; max_pair_gap: number };
const reference = JSON.parse(
  readFileSync(sharedData('fairness/holistic_bias_sentiment_cf_audit_reference.json'), 'utf8'),
) as {
  templates: number;
  model_calls: number;
  seconds: number;
  results: Record<string, Record<string, Summary | number>>;
};
const dataset = loadHolisticBias(sharedData('fairness/holistic_bias_v1.1'));
const models = [afinnModel(), vaderModel(), winkSentimentModel()];
const started = performance.now();
const result = holisticSweep(dataset, models);
const seconds = (performance.now() - started) / 1000;

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const rows: (string | number)[][] = [];
let fields = 0;
let matched = 0;
for (const [axis, ref] of Object.entries(reference.results)) {
  for (const m of models) {
    const want = ref[m.name] as Summary;
    const got = result.results[axis]![m.name] as Summary;
    const checks = [
      r4(got.mean_range) === want.mean_range,
      got.top === want.top,
      got.bottom === want.bottom,
      r4(got.sign_flip_rate) === want.sign_flip_rate,
      r4(got.max_pair_gap) === want.max_pair_gap,
    ];
    fields += checks.length;
    matched += checks.filter(Boolean).length;
    rows.push([
      axis,
      m.name,
      `${want.mean_range} / ${r4(got.mean_range)}`,
      `${want.top} / ${got.top}`,
      `${want.bottom} / ${got.bottom}`,
      `${want.sign_flip_rate} / ${r4(got.sign_flip_rate)}`,
      `${want.max_pair_gap} / ${r4(got.max_pair_gap)}`,
      checks.every(Boolean) ? 'yes' : 'NO',
    ]);
  }
}
process.stdout.write('## HolisticBias descriptor-swap sentiment audit (reference / computed)\n\n');
process.stdout.write(
  `${markdownTable(['axis', 'model', 'mean_range', 'top', 'bottom', 'sign_flip_rate', 'max_pair_gap', 'match'], rows)}\n\n`,
);
process.stdout.write(
  `${markdownTable(
    ['', 'reference', 'computed'],
    [
      ['templates', reference.templates, result.templates],
      ['model calls', reference.model_calls, result.model_calls],
      ['seconds', reference.seconds, seconds.toFixed(2)],
      [
        'model versions',
        'sentiment@5.0.2, vader-sentiment@1.1.3, wink-nlp@2.4.0+model@1.8.1',
        models.map((m) => m.package).join(', '),
      ],
    ],
  )}\n\nfields matched: ${matched}/${fields}\n`,
);
