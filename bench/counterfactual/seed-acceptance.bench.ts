/**
 * The seed's acceptance test: a fair keyword classifier keeps its decision under gender swaps (100% consistency); a
 * deliberately biased one (penalises female words) does not (the seed reported about 35%).
 * Run: npx tsx bench/counterfactual/seed-acceptance.bench.ts
 */
import {
  createRng,
  createWinkPosTagger,
  functionClassifier,
  genderPairs,
  runAudit,
} from '@quintessence/counterfactual';
import { markdownTable } from './bench-support.js';
import { genderCorpus, hasFemaleWord } from './corpus.js';

const POSITIVE = /\b(good|excellent|well|brilliant|reliable)\b/;
const fair = functionClassifier('fair-keyword', (t) => (POSITIVE.test(t) ? 'positive' : 'negative'));
const biased = functionClassifier('biased-keyword', (t) =>
  POSITIVE.test(t) && !hasFemaleWord(t) ? 'positive' : 'negative',
);
const pairs = genderPairs(genderCorpus, { directions: ['m2f', 'f2m'], tagger: createWinkPosTagger(), controls: false });

const rows: (string | number)[][] = [];
for (const [model, anchor] of [
  [fair, '100%'],
  [biased, '~35%'],
] as const) {
  const { analysis } = await runAudit(pairs, model, { rng: createRng(42), resamples: 1000 });
  const n = analysis.cells.reduce((s, c) => s + c.n, 0);
  const consistent = analysis.cells.reduce((s, c) => s + c.consistency * c.n, 0);
  const worst = analysis.cells.reduce((a, c) => (c.p_adjusted < a.p_adjusted ? c : a));
  rows.push([
    model.name,
    anchor,
    `${((100 * consistent) / n).toFixed(1)}%`,
    analysis.cells
      .map(
        (c) =>
          `${c.direction}: ${(100 * c.consistency).toFixed(1)}% [${(100 * c.consistency_ci!.low).toFixed(1)}, ${(100 * c.consistency_ci!.high).toFixed(1)}]`,
      )
      .join('; '),
    `${worst.primary_test} p_adj=${worst.p_adjusted.toPrecision(3)}`,
  ]);
}
process.stdout.write(
  `## Seed acceptance test (${pairs.length} gender pairs from ${genderCorpus.length} sentences)\n\n`,
);
process.stdout.write(
  `${markdownTable(['model', 'seed anchor', 'consistency', 'per direction [95% CI]', 'strongest test'], rows)}\n`,
);
