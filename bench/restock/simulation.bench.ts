// Target vs achieved service for z ∈ {1.28, 1.64, 2.05} × lead time L ∈ {1, 2, 3}:
//  (a) seeded normal demand (mean 100, sd 20), base-stock policy, 20,000 periods — the textbook setting where the
//      achieved cycle service level should match Φ(z);
//  (b) carparts (intermittent, lumpy), (s,Q) designed from months 1–39 and replayed on months 40–51.
// Run: npx tsx bench/restock/simulation.bench.ts
import { normalCdf } from '@quintessence/numeric';
import { designPolicy } from '../../packages/restock/src/domain/policies.js';
import { mulberry32, normalDraw } from '../../packages/restock/src/domain/rng.js';
import { simulatePolicy } from '../../packages/restock/src/domain/simulation.js';
import { simulateSeriesBatch } from '../../packages/restock/src/domain/simulation-batch.js';
import { loadCarparts, printTable } from './carparts.js';

const zs = [1.28, 1.64, 2.05];
const leadTimes = [1, 2, 3];
const { series } = loadCarparts();
const rows: Array<Array<string | number>> = [];
for (const z of zs) {
  const target = normalCdf(z);
  for (const L of leadTimes) {
    const rng = mulberry32(1000 * z + L);
    const demand = Float64Array.from({ length: 20000 }, () => Math.max(0, 100 + 20 * normalDraw(rng)));
    const policy = designPolicy({
      kind: 'base_stock',
      demandMean: 100,
      demandSd: 20,
      leadTime: L,
      serviceLevel: target,
    });
    const normal = simulatePolicy(demand, policy, { leadTime: L, warmup: L + 2 });
    const car = simulateSeriesBatch(series, { trainPeriods: 39, leadTime: L, serviceLevel: target, policy: 'sQ' });
    rows.push([
      z,
      L,
      target,
      normal.cycleServiceLevel,
      normal.fillRate,
      car.cycleServiceLevel,
      car.periodServiceLevel,
      car.fillRate,
      car.averageOnHand,
    ]);
  }
}
printTable(
  [
    'z',
    'L',
    'target CSL Φ(z)',
    'normal: achieved CSL',
    'normal: fill rate',
    'carparts sQ: cycle SL',
    'carparts: period SL',
    'carparts: fill rate',
    'carparts: avg on hand',
  ],
  rows,
);
console.log(
  `\nNormal demand: 20,000 seeded periods per cell. Carparts: ${series.length} complete series, months 40–51.`,
);
