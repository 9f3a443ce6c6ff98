// SA-score exactness against RDKit's own reference values, and throughput.
//   npx tsx bench/odordiff/sa-score.bench.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeProperties, RdkitToolkit, ReferenceData } from '../../packages/odordiff/src/index.js';
import { dataDir, table } from './common.js';

const rdkit = await RdkitToolkit.load();
const data = new ReferenceData(dataDir);
const fragments = data.fragmentScores();
const rows = readFileSync(join(dataDir, 'odor/sascore/zim.100_reference_sa_scores.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1);
let within = 0;
let maxErr = 0;
const t0 = performance.now();
for (const line of rows) {
  const [smiles, , ref] = line.split('\t');
  const p = computeProperties(rdkit, fragments, smiles)!;
  const err = Math.abs(p.saScore - Number(ref));
  maxErr = Math.max(maxErr, err);
  if (err <= 1e-3 + 5e-4) within++;
}
const ms = performance.now() - t0;
console.log(`## SA score (RDKit ${rdkit.version})\n`);
table(
  [
    'reference set',
    'molecules',
    'within 1e-3 (+ file rounding 5e-4)',
    'max |error|',
    'anchor',
    'properties incl. SA per molecule',
  ],
  [
    [
      'zim.100 (RDKit Contrib)',
      rows.length,
      `${within}/${rows.length}`,
      maxErr.toExponential(2),
      'RDKit sascorer.py: 100/100',
      `${(ms / rows.length).toFixed(2)} ms`,
    ],
  ],
);
