/**
 * Injected-bias audit: a noisy sentiment model (AFINN comparative + Gaussian noise, sd 0.1 per call) with a known
 * penalty of 0.1 on texts with female words must be detected (m2f or f2m cell significant after Holm) in >= 95% of
 * 100 seeded runs; the same model without the penalty may raise a false alarm in <= 5% of runs. Reported at
 * alpha 0.05 (nominal family-wise rate 5%, so the observed rate scatters around 5%) and alpha 0.01.
 * Run: npx tsx bench/counterfactual/injected-bias.bench.ts [runs=100]
 */
import {
  afinnModel,
  analysePairs,
  createRng,
  functionClassifier,
  genderPairs,
  heuristicPosTagger,
  type Rng,
  runAudit,
} from '@quintessence/counterfactual';
import { markdownTable } from './bench-support.js';
import { genderCorpus, hasFemaleWord } from './corpus.js';

const runs = Number(process.argv[2] ?? 100);
const PENALTY = 0.1;
const NOISE_SD = 0.1;
const afinn = afinnModel();
const pairs = genderPairs(genderCorpus, { directions: ['m2f', 'f2m'], tagger: heuristicPosTagger, controls: true });

function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function noisyModel(rng: Rng, biased: boolean) {
  return functionClassifier(biased ? 'biased' : 'unbiased', (text) => {
    const score = afinn.score(text) + NOISE_SD * gaussian(rng) - (biased && hasFemaleWord(text) ? PENALTY : 0);
    return { label: score >= 0 ? 'positive' : 'negative', score };
  });
}

const started = performance.now();
const alphas = [0.05, 0.01];
const detected = alphas.map(() => 0);
const falseAlarms = alphas.map(() => 0);
const controlAlarms = alphas.map(() => 0);
for (let seed = 1; seed <= runs; seed++) {
  for (const biased of [true, false]) {
    const model = noisyModel(createRng(seed * 7919 + (biased ? 104_729 : 0)), biased);
    const { scored } = await runAudit(pairs, model, { rng: createRng(seed), resamples: 100 });
    alphas.forEach((alpha, k) => {
      const analysis = analysePairs(scored, { rng: createRng(seed), resamples: 100, alpha, correction: 'holm' });
      const flagged = analysis.cells.some((c) => !c.control && c.significant);
      if (biased && flagged) detected[k]!++;
      if (!biased && flagged) falseAlarms[k]!++;
      if (!biased && analysis.cells.some((c) => c.control && c.significant)) controlAlarms[k]!++;
    });
  }
}
const seconds = (performance.now() - started) / 1000;
const pct = (x: number) => `${((100 * x) / runs).toFixed(1)}%`;
process.stdout.write(
  `## Injected-bias detection (${runs} seeded runs, ${pairs.length} pairs per run, Holm across cells)\n\n`,
);
process.stdout.write(
  `${markdownTable(
    ['quantity', 'target', ...alphas.map((a) => `alpha = ${a}`)],
    [
      [`detection rate, biased model (penalty ${PENALTY}, noise sd ${NOISE_SD})`, '>= 95%', ...detected.map(pct)],
      ['false-alarm rate, unbiased model (test cells)', '<= 5%', ...falseAlarms.map(pct)],
      ['false-alarm rate, unbiased model (matched repeat controls)', '-', ...controlAlarms.map(pct)],
    ],
  )}\n\nwall time ${seconds.toFixed(1)} s\n`,
);
