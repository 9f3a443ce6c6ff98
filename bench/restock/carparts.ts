import { readFileSync } from 'node:fs';
import { parseWideCsv } from '../../packages/restock/src/csv/wide-csv.js';
import { hasSharedData, sharedData, sharedDataSkipMessage } from '../../test/support/shared-data.js';

/** The carparts series with all 51 months present (the R reference uses the 1500 complete ones, train 1–39). */
export function loadCarparts(): { ids: string[]; series: Float64Array[]; periods: number } {
  if (!hasSharedData) {
    console.log(`skipped: ${sharedDataSkipMessage}`);
    process.exit(0);
  }
  const { periods, series } = parseWideCsv(readFileSync(sharedData('inventory', 'carparts.csv'), 'utf8'));
  const complete = series.filter((s) => !s.values.some(Number.isNaN));
  return { ids: complete.map((s) => s.id), series: complete.map((s) => s.values), periods: periods.length };
}

/** Prints a markdown table. */
export function printTable(columns: string[], rows: Array<Array<string | number>>): void {
  const fmt = (v: string | number) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : v;
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map(fmt).join(' | ')} |`);
}
