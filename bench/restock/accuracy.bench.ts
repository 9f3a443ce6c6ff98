// Rolling-origin accuracy on carparts: train on months 1–39, origins 39..50, horizons 1..3; RMSE, RMSSE, ME per
// model, and automatic selection (per series, by RMSSE of a rolling-origin backtest inside months 1–39 only).
// Run: npx tsx bench/restock/accuracy.bench.ts
import { rollingOriginBacktest } from '../../packages/restock/src/domain/forecasting/backtest.js';
import { type ForecastMethod, forecast } from '../../packages/restock/src/domain/forecasting/forecast.js';
import { loadCarparts, printTable } from './carparts.js';

const { series } = loadCarparts();
const train = 39;
const horizon = 3;
const models: ForecastMethod[] = [
  'naive',
  'moving_average',
  'ses',
  'croston',
  'sba',
  'tsb',
  'adida',
  'imapa',
  'holt',
  'ets_ann',
];
const candidates: ForecastMethod[] = ['naive', 'moving_average', 'ses', 'croston', 'sba', 'tsb', 'adida', 'imapa'];

interface Acc {
  se: number;
  e: number;
  n: number;
  scaled: number;
  seriesN: number;
}
const acc = new Map<string, Acc>();
const add = (name: string, y: Float64Array, path: (origin: number, h: number) => Float64Array) => {
  let scale = 0;
  for (let t = 1; t < train; t++) scale += (y[t]! - y[t - 1]!) ** 2;
  scale /= train - 1;
  if (!(scale > 0)) return;
  let se = 0;
  let e = 0;
  let n = 0;
  for (let origin = train; origin < y.length; origin++) {
    const h = Math.min(horizon, y.length - origin);
    const f = path(origin, h);
    for (let j = 0; j < h; j++) {
      const err = y[origin + j]! - f[j]!;
      se += err * err;
      e += err;
      n++;
    }
  }
  const a = acc.get(name) ?? { se: 0, e: 0, n: 0, scaled: 0, seriesN: 0 };
  a.se += se;
  a.e += e;
  a.n += n;
  a.scaled += Math.sqrt(se / n / scale);
  a.seriesN++;
  acc.set(name, a);
};

const chosen = new Map<string, number>();
const started = performance.now();
for (const y of series) {
  for (const m of models) add(m, y, (origin, h) => forecast(m, y.subarray(0, origin), h));
  const bt = rollingOriginBacktest(y.subarray(0, train), candidates, { minTrain: 27, horizon });
  const best = bt.best?.method ?? 'ses';
  chosen.set(best, (chosen.get(best) ?? 0) + 1);
  add('auto (RMSSE selection)', y, (origin, h) => forecast(best, y.subarray(0, origin), h));
}
const rows = [...acc].map(
  ([name, a]) => [name, a.seriesN, Math.sqrt(a.se / a.n), a.scaled / a.seriesN, a.e / a.n] as Array<string | number>,
);
rows.sort((a, b) => (a[3] as number) - (b[3] as number));
printTable(['model', 'series', 'RMSE', 'mean RMSSE', 'ME (actual − forecast)'], rows);
console.log(
  `\nAuto selection picked: ${[...chosen]
    .sort((a, b) => b[1] - a[1])
    .map(([m, c]) => `${m} ${c}`)
    .join(', ')}.`,
);
console.log(`${series.length} complete series; ${((performance.now() - started) / 1000).toFixed(1)} s.`);
