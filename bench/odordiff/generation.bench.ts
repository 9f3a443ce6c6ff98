// Generation benchmark on fixed briefs: validity, uniqueness, novelty, internal diversity, fragrance-likeness
// (KL of predicted descriptor distributions vs FragranceDB), share with MW <= 300 and SA <= 4, and brief satisfaction
// scored by a second, differently featurised model (MACCS-key kNN on GS-LF labels), against best-of-dataset
// retrieval and a random-mutation baseline.
//   nice -n 10 npx tsx bench/odordiff/generation.bench.ts [--generations 8] [--count 10]

import { briefMatch, parseBrief } from '../../packages/odordiff/src/domain/generation/brief.js';
import { graphMutations } from '../../packages/odordiff/src/domain/generation/mutations.js';
import { createRng } from '../../packages/odordiff/src/domain/internal/rng.js';
import { computeProperties, morganBits, OdorDiffEngine, tanimoto } from '../../packages/odordiff/src/index.js';
import { retrieveKnown } from '../../packages/odordiff/src/service/fragrance-generator.js';
import { dataDir, table } from './common.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const generations = arg('--generations', 8);
const count = arg('--count', 10);
const briefs = [
  'fresh citrus with woody undertones',
  'clean ocean breeze, aquatic and ozonic',
  'warm amber and vanilla, long-lasting',
  'green leafy with a hint of rose',
  'musky powdery iris, not sweet',
];

const engine = await OdorDiffEngine.create({ dataDir });
const rdkit = engine.toolkit;
const predictor = engine.predictor();
const known = engine.known();
const safety = engine.safety();
const vocab = predictor.descriptors;

// second model: k-nearest neighbours over MACCS keys with GS-LF labels (a different featurisation from the MLP)
const knnBase = known.gslf
  .map((o) => ({ bits: rdkit.maccsBits(o.canonical), canonical: o.canonical, labels: new Set(o.descriptors) }))
  .filter((x): x is { bits: Uint32Array; canonical: string; labels: Set<string> } => x.bits !== null);
function knnProbabilities(smiles: string, k = 15): Float64Array {
  const bits = rdkit.maccsBits(smiles);
  const p = new Float64Array(vocab.length);
  if (!bits) return p;
  const sims = knnBase
    .filter((x) => x.canonical !== smiles)
    .map((x) => ({ s: tanimoto(bits, x.bits), labels: x.labels }))
    .sort((a, b) => b.s - a.s)
    .slice(0, k);
  const total = sims.reduce((s, x) => s + x.s, 0) || 1;
  vocab.forEach((d, i) => {
    p[i] = sims.reduce((s, x) => s + (x.labels.has(d) ? x.s : 0), 0) / total;
  });
  return p;
}

function predictedDistribution(smiles: readonly string[]): Float64Array {
  const acc = new Float64Array(vocab.length);
  for (const s of smiles) {
    const p = predictor.probabilities(s);
    if (p) for (let i = 0; i < vocab.length; i++) acc[i] += p.probabilities[i];
  }
  const total = acc.reduce((a, b) => a + b, 0) || 1;
  return acc.map((v) => v / total);
}
const fragranceDb = engine.data
  .text('odor', 'pyrfume', 'fragrancedb_FragranceDB.smi')
  .split('\n')
  .map((l) => l.trim().split(/\s+/)[0])
  .filter(Boolean);
const reference = predictedDistribution(fragranceDb);
const kl = (p: Float64Array, q: Float64Array) => {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) s += p[i] * Math.log(p[i] / Math.max(q[i], 1e-12));
  return s;
};

interface Metrics {
  validity: number;
  uniqueness: number;
  novelty: number;
  diversity: number;
  kl: number;
  smallEasy: number;
  satisfaction: number;
  safeShare: number;
}
function metrics(smiles: string[], brief: string, validity: number): Metrics {
  const targets = parseBrief(brief, { vocabulary: vocab });
  const unique = [...new Set(smiles)];
  const fps = unique.map((s) => morganBits(rdkit.graph(s)!));
  let pairs = 0;
  let simSum = 0;
  for (let i = 0; i < fps.length; i++)
    for (let j = i + 1; j < fps.length; j++) {
      simSum += tanimoto(fps[i], fps[j]);
      pairs++;
    }
  let smallEasy = 0;
  for (const s of unique) {
    const p = computeProperties(rdkit, engine.fragments(), s);
    if (p && p.molWeight <= 300 && p.saScore <= 4) smallEasy++;
  }
  const satisfaction =
    unique.reduce((acc, s) => acc + briefMatch(targets, vocab, knnProbabilities(s)), 0) / unique.length;
  const safeShare = unique.filter((s) => safety.assess(s)?.recommendation !== 'reject').length / unique.length;
  return {
    validity,
    uniqueness: unique.length / smiles.length,
    novelty: unique.filter((s) => known.sourcesOf(s).length === 0).length / unique.length,
    diversity: pairs ? 1 - simSum / pairs : 0,
    kl: kl(predictedDistribution(unique), reference),
    smallEasy: smallEasy / unique.length,
    satisfaction,
    safeShare,
  };
}

const rows: Record<string, Metrics[]> = {
  'graph GA (OdorDiff)': [],
  'best-of-dataset retrieval': [],
  'random mutation of seeds': [],
};
const started = performance.now();
for (const [bi, brief] of briefs.entries()) {
  const r = engine.generate(brief, { count, seed: 1 + bi, generations });
  rows['graph GA (OdorDiff)'].push(
    metrics(
      r.candidates.map((c) => c.smiles),
      brief,
      r.valid / Math.max(1, r.evaluated),
    ),
  );
  const targets = parseBrief(brief, { vocabulary: vocab });
  const retrieved = retrieveKnown(targets, known, count).map((k) => k.smiles);
  rows['best-of-dataset retrieval'].push(metrics(retrieved, brief, 1));
  // random mutation: 3 random graph edits of retrieved seeds, no selection
  const rng = createRng(100 + bi);
  const seeds = retrieveKnown(targets, known, 60).map((k) => k.smiles);
  const out: string[] = [];
  let tries = 0;
  let validCount = 0;
  while (out.length < count && tries < count * 30) {
    tries++;
    let s: string | null = seeds[rng.int(seeds.length)];
    for (let step = 0; step < 3 && s; step++) {
      const m = graphMutations[rng.int(graphMutations.length)];
      const products = rdkit.react(m.smarts, s, 20);
      s = products.length ? products[rng.int(products.length)] : s;
    }
    const c = s ? rdkit.canonicalSmiles(s, false) : null;
    if (c) {
      validCount++;
      out.push(c);
    }
  }
  rows['random mutation of seeds'].push(metrics(out, brief, validCount / Math.max(1, tries)));
}
const mean = (ms: Metrics[], k: keyof Metrics) => ms.reduce((s, m) => s + m[k], 0) / ms.length;
console.log(
  `## Generation (${briefs.length} briefs, ${count} molecules each, GA ${generations} generations, seeds 1..${briefs.length})\n`,
);
table(
  [
    'method',
    'validity',
    'uniqueness',
    'novelty',
    'internal diversity',
    'KL vs FragranceDB',
    'MW<=300 & SA<=4',
    'not rejected',
    'brief satisfaction (MACCS kNN)',
  ],
  Object.entries(rows).map(([name, ms]) => [
    name,
    mean(ms, 'validity'),
    mean(ms, 'uniqueness'),
    mean(ms, 'novelty'),
    mean(ms, 'diversity'),
    mean(ms, 'kl'),
    mean(ms, 'smallEasy'),
    mean(ms, 'safeShare'),
    mean(ms, 'satisfaction'),
  ]),
);
console.log(
  `briefs: ${briefs.map((b) => `"${b}"`).join(', ')}; wall time ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(
  'validity = share of proposed molecules that parse and pass the generator gates (GA) / parse (random mutation); retrieval returns dataset molecules (validity 1, novelty 0 by construction).',
);
