// Conformance with stockpyl (Snyder & Shen): 28 textbook values, each within 1e-6 relative.
// Run: npx tsx bench/restock/stockpyl-conformance.bench.ts
import { readFileSync } from 'node:fs';
import { caseRelativeError, parseConformanceCsv } from '../../packages/restock/src/conformance/stockpyl-cases.js';
import { hasSharedData, sharedData, sharedDataSkipMessage } from '../../test/support/shared-data.js';
import { printTable } from './carparts.js';

if (!hasSharedData) {
  console.log(`skipped: ${sharedDataSkipMessage}`);
  process.exit(0);
}
const rows = parseConformanceCsv(readFileSync(sharedData('inventory', 'stockpyl_conformance_values.csv'), 'utf8'));
let pass = 0;
const table: Array<Array<string | number>> = [];
for (const row of rows) {
  const r = caseRelativeError(row);
  const ok = r.maxRelativeError <= 1e-6;
  if (ok) pass++;
  table.push([
    row.fn,
    r.expected.map((v) => v.toPrecision(10)).join(', '),
    r.computed.map((v) => v.toPrecision(10)).join(', '),
    r.maxRelativeError.toExponential(2),
    ok ? 'pass' : 'FAIL',
  ]);
}
printTable(['function', 'stockpyl', 'restock', 'max rel. error', 'within 1e-6'], table);
console.log(`\n**${pass}/${rows.length}** values within 1e-6 relative.`);
