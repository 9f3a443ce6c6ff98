// Odor-model variants behind the shipped ensemble: 5-fold CV (the folds of `odordiff train --seed 42`) of single
// networks per feature set and seed, and of ensembles formed by averaging their out-of-fold logits.
//   nice -n 10 npx tsx bench/odordiff/odor-variants.bench.ts [--members A0,A1,B0] [--combos A0+A1,A0+B0,A0+A1+B0]
//     [--limit N]   # about 2 CPU-minutes per A member, 3.5 per B member; out-of-fold logits cached in $TMPDIR
// Feature sets: A = count Morgan r2 (2048); B = count Morgan r3 (4096) + atom pairs (2048) + MACCS; both with the
// 26 RDKit descriptors. Member m is seeded like member m of
// `trainOdorModel` (seed * 1000 + fold * 10 + m), so A0 + A1 + B0 + B1 is what `odordiff train --ensemble 2` fits.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, shuffleInPlace } from '../../packages/odordiff/src/domain/internal/rng.js';
import { macroAuroc, rocAuc } from '../../packages/odordiff/src/domain/odor/metrics.js';
import { MultiLabelMlp } from '../../packages/odordiff/src/domain/odor/multi-label-mlp.js';
import {
  applyStandardizer,
  fitStandardizer,
  fullFeatureOptions,
  type OdorFeatureOptions,
  sparseWidth,
} from '../../packages/odordiff/src/domain/odor/odor-features.js';
import { RdkitToolkit, ReferenceData } from '../../packages/odordiff/src/index.js';
import { loadOdorDataset } from '../../packages/odordiff/src/service/odor-training.js';
import { dataDir, table } from './common.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sets: Record<string, OdorFeatureOptions> = {
  A: { nBits: 2048, radius: 2 },
  B: { nBits: 4096, radius: 3, atomPairBits: 2048, maccs: true },
};
const members = arg('--members', 'A0,A1,B0').split(',');
const combos = arg('--combos', 'A0+A1,A0+B0,A0+A1+B0').split(',');
const limit = Number(arg('--limit', 'Infinity'));
const seed = 42;
const folds = 5;

const rdkit = await RdkitToolkit.load();
const needed = [...new Set([...members, ...combos.flatMap((c) => c.split('+'))].map((m) => m[0]))];
for (const s of needed) if (!sets[s]) throw new Error(`unknown feature set ${s} (A or B)`);
const ds = loadOdorDataset(
  rdkit,
  new ReferenceData(dataDir),
  needed.map((s) => sets[s]),
  limit,
);
const n = ds.smiles.length;
const L = ds.descriptors.length;
const order = shuffleInPlace(
  Array.from({ length: n }, (_, i) => i),
  createRng(seed),
);
const foldOf = (f: number) => order.filter((_, i) => i % folds === f);
const cacheDir = join(tmpdir(), 'odordiff-oof');
mkdirSync(cacheDir, { recursive: true });

function outOfFold(member: string): Float64Array {
  const file = join(cacheDir, `${member}-n${n}.f32`);
  if (existsSync(file)) return Float64Array.from(new Float32Array(readFileSync(file).buffer.slice(0)));
  const set = needed.indexOf(member[0]);
  const m = Number(member.slice(1));
  const inputs = ds.inputSets[set];
  const oof = new Float64Array(n * L);
  for (let f = 0; f < folds; f++) {
    const test = foldOf(f);
    const train = order.filter((_, i) => i % folds !== f);
    const st = fitStandardizer(train.map((i) => inputs[i]));
    const labels = new Float64Array(train.length * L);
    for (const [r, i] of train.entries()) labels.set(ds.labels.subarray(i * L, i * L + L), r * L);
    const mlp = new MultiLabelMlp({
      sparseDim: sparseWidth(fullFeatureOptions(sets[member[0]])),
      denseDim: inputs[0].dense.length,
      hidden: 256,
      outputs: L,
      dropout: 0.3,
      weightDecay: 1e-4,
      learningRate: 1e-3,
      epochs: 20,
      seed: seed * 1000 + f * 10 + m,
    });
    mlp.fit(
      train.map((i) => applyStandardizer(inputs[i], st)),
      labels,
    );
    const z = new Float64Array(L);
    for (const i of test) oof.set(mlp.predictLogits(applyStandardizer(inputs[i], st), z), i * L);
    console.error(`${member}: fold ${f + 1}/${folds} done`);
  }
  writeFileSync(file, Buffer.from(Float32Array.from(oof).buffer));
  return oof;
}

function score(parts: string[]): { mean: number; folds: number[]; odorless: number } {
  const z = new Float64Array(n * L);
  for (const p of parts) {
    const o = outOfFold(p);
    for (let i = 0; i < z.length; i++) z[i] += o[i] / parts.length;
  }
  const perFold = Array.from({ length: folds }, (_, f) => {
    const test = foldOf(f);
    const s = new Float64Array(test.length * L);
    const y = new Float64Array(test.length * L);
    test.forEach((i, r) => {
      s.set(z.subarray(i * L, i * L + L), r * L);
      y.set(ds.labels.subarray(i * L, i * L + L), r * L);
    });
    return macroAuroc(s, y, test.length, L).auroc;
  });
  const k = ds.descriptors.indexOf('odorless');
  const odorless = rocAuc(
    Float64Array.from({ length: n }, (_, i) => z[i * L + k]),
    Float64Array.from({ length: n }, (_, i) => ds.labels[i * L + k]),
  );
  return { mean: perFold.reduce((a, b) => a + b, 0) / folds, folds: perFold, odorless };
}

console.log(`## Odor-model variants: ${n} GS-LF molecules, ${folds}-fold CV (seed ${seed}), macro-AUROC\n`);
const rows = [...members.map((m) => [m]), ...combos.map((c) => c.split('+'))].map((parts) => {
  const r = score(parts);
  return [parts.join(' + '), r.mean, r.folds.map((a) => a.toFixed(4)).join(', '), r.odorless];
});
rows.push(['anchor: Morgan + logistic regression', 0.831, 'Lee et al. 2023', '']);
rows.push(['anchor: OpenPOM (MPNN ensemble)', 0.887, 'OpenPOM', '']);
table(['networks (logits averaged)', 'macro-AUROC (mean of folds)', 'folds', 'odorless AUROC (pooled)'], rows);
