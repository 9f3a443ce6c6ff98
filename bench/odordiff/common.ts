// Shared helpers for the OdorDiff benchmarks (markdown tables, reference-data location).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const dataDir = process.env.QX_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
if (!existsSync(dataDir)) {
  console.error(`reference data not found at ${dataDir} (clone ../shared beside the repo or set QX_SHARED_DATA)`);
  process.exit(2);
}

/** Prints a markdown table. */
export function table(headers: string[], rows: (string | number)[][]): void {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : v);
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.map(fmt).join(' | ')} |`);
  console.log('');
}
