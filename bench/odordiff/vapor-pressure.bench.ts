// SIMPOL.1 vapour pressure at 25 °C against the Yaws Antoine set (rows whose fitted range includes 25 °C).
//   npx tsx bench/odordiff/vapor-pressure.bench.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../../packages/odordiff/src/domain/internal/csv.js';
import { vaporPressure } from '../../packages/odordiff/src/domain/properties/vapor-pressure.js';
import { RdkitToolkit } from '../../packages/odordiff/src/index.js';
import { dataDir, table } from './common.js';

const rdkit = await RdkitToolkit.load();
const rows = parseCsvRecords(readFileSync(join(dataDir, 'odor/vapor_pressure/Yaw_vp_w_SMILES.csv'), 'utf8')).filter(
  (r) => Number(r['TMIN [C]']) <= 25 && Number(r['TMAX [C]']) >= 25,
);
type Bucket = { n: number; sum: number; errs: number[] };
const buckets = new Map<string, Bucket>();
const add = (k: string, e: number) => {
  const b = buckets.get(k) ?? { n: 0, sum: 0, errs: [] };
  b.n++;
  b.sum += e;
  b.errs.push(e);
  buckets.set(k, b);
};
let unparsed = 0;
const notes = { top: 0, heart: 0, base: 0 };
for (const r of rows) {
  const g = rdkit.graph(r.smiles);
  if (!g) {
    unparsed++;
    continue;
  }
  const ref = Number(r['A [log10(atm)]']) - Number(r['B [C]']) / (25 + Number(r['C [C]']));
  const v = vaporPressure(g);
  notes[v.notePosition]++;
  const e = Math.abs(v.log10Atm - ref);
  const elements = new Set(g.atoms.map((a) => a.z));
  const hasCarbon = elements.has(6);
  const cho = hasCarbon && [...elements].every((z) => z === 1 || z === 6 || z === 8);
  const chno = hasCarbon && [...elements].every((z) => z === 1 || z === 6 || z === 7 || z === 8);
  add('all rows (25 °C in fitted range)', e);
  if (cho) add('C/H/O only (SIMPOL domain)', e);
  if (chno) add('C/H/N/O only', e);
  if (!chno) add('other elements (halogens, S, Si, P, metals: outside SIMPOL)', e);
}
console.log('## Vapour pressure at 25 °C, SIMPOL.1 vs Yaws Antoine (log10 atm)\n');
table(
  ['subset', 'rows', 'MAE (log10 units)', 'median |error|', 'share within 0.5'],
  [...buckets.entries()].map(([k, b]) => {
    const s = [...b.errs].sort((x, y) => x - y);
    return [k, b.n, b.sum / b.n, s[s.length >> 1], b.errs.filter((x) => x <= 0.5).length / b.n];
  }),
);
console.log(
  `unparsed SMILES: ${unparsed}; note positions from the estimate: top ${notes.top}, heart ${notes.heart}, base ${notes.base}`,
);
console.log(
  'anchor: Pankow & Asher (2008) report SIMPOL.1 errors of ~0.3-0.5 log10 units on their multifunctional training set.',
);
