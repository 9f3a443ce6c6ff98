// Croston, SBA and SES against the R forecast 8.20 reference forecasts on carparts (train months 1–39).
// Run: npx tsx bench/restock/r-reference.bench.ts
import { readFileSync } from 'node:fs';
import { croston } from '../../packages/restock/src/domain/forecasting/intermittent.js';
import { etsAnn, sesLevel } from '../../packages/restock/src/domain/forecasting/smoothing.js';
import { sharedData } from '../../test/support/shared-data.js';
import { loadCarparts, printTable } from './carparts.js';

const { ids, series } = loadCarparts();
const byId = new Map(ids.map((id, i) => [id, series[i]!]));
const ref = readFileSync(sharedData('inventory', 'carparts_reference_forecasts_R_forecast_8.20.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1);
const methods = [
  { name: 'Croston (α = 0.1)', col: 1, f: (y: Float64Array) => croston(y, { alpha: 0.1 }), tol: 1e-9 },
  { name: 'SBA (α = 0.1)', col: 2, f: (y: Float64Array) => croston(y, { alpha: 0.1, variant: 'sba' }), tol: 1e-9 },
  { name: 'SES (α = 0.1, initial = simple)', col: 3, f: (y: Float64Array) => sesLevel(y, 0.1), tol: 1e-9 },
  {
    name: 'ETS(A,N,N) (own least-squares fit; not a conformance target)',
    col: 4,
    f: (y: Float64Array) => etsAnn(y).level,
    tol: Number.NaN,
  },
];
const rows: Array<Array<string | number>> = [];
for (const m of methods) {
  let worstAbs = 0;
  let worstRel = 0;
  let within = 0;
  const diffs: number[] = [];
  for (const line of ref) {
    const cells = line.split(',');
    const y = byId.get(cells[0]!)!.subarray(0, 39);
    const expected = Number(cells[m.col]);
    const got = m.f(y);
    const abs = Math.abs(got - expected);
    diffs.push(abs);
    worstAbs = Math.max(worstAbs, abs);
    worstRel = Math.max(worstRel, abs / Math.max(Math.abs(expected), 1e-12));
    if (abs <= (Number.isNaN(m.tol) ? 1e-6 : m.tol)) within++;
  }
  diffs.sort((a, b) => a - b);
  rows.push([
    m.name,
    ref.length,
    Number.isNaN(m.tol) ? `${within} (≤ 1e-6)` : `${within} (≤ ${m.tol})`,
    worstAbs.toExponential(2),
    worstRel.toExponential(2),
    diffs[Math.floor(diffs.length / 2)]!.toExponential(2),
  ]);
}
printTable(['method', 'series', 'equal to R', 'max abs diff', 'max rel diff', 'median abs diff'], rows);
