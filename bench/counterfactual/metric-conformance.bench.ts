/**
 * Group-metric conformance with ../shared/data/fairness/adult_reference_metrics.txt (UCI Adult test split, rule model
 * yhat = [education-num>=13 AND hours-per-week>=40]). Prints reference and computed values side by side.
 * Run: npx tsx bench/counterfactual/metric-conformance.bench.ts
 */
import { readFileSync } from 'node:fs';
import { groupFairness, parseCsv } from '@quintessence/counterfactual';
import { markdownTable, sharedData } from './bench-support.js';

const reference = readFileSync(sharedData('fairness/adult_reference_metrics.txt'), 'utf8');
const table = parseCsv(readFileSync(sharedData('fairness/adult.test'), 'utf8'));
const col = (name: string) => table.header.indexOf(name);
const rule = /yhat = \[(.+)\]/.exec(reference)![1]!;
const conditions = rule.split(' AND ').map((c) => {
  const [, name, value] = /^(\S+)>=(\d+)$/.exec(c.trim())!;
  return { index: col(name!), min: Number(value) };
});
const yTrue = table.rows.map((r) => (r[col('Y')]!.startsWith('>50K') ? 1 : 0));
const yPred = table.rows.map((r) => (conditions.every((c) => Number(r[c.index]) >= c.min) ? 1 : 0));
const dict = (s: string) =>
  Object.fromEntries([...s.matchAll(/'([^']+)':\s*([0-9.]+)/g)].map((m) => [m[1]!, Number(m[2])]));

const rows: (string | number)[][] = [];
let matched = 0;
let total = 0;
const compare = (name: string, ref: number, got: number | null) => {
  const rounded = Math.round(got! * 1e6) / 1e6;
  const ok = rounded === ref;
  total++;
  if (ok) matched++;
  rows.push([name, ref.toFixed(6), got === null ? 'null' : got.toPrecision(17), ok ? 'yes' : 'NO']);
};
const started = performance.now();
for (const attribute of ['sex', 'race']) {
  const section = reference.split(` by ${attribute} `)[1]!.split(' by ')[0]!;
  const report = groupFairness(
    yTrue,
    yPred,
    table.rows.map((r) => r[col(attribute)]!),
  );
  for (const [label, key] of [
    ['selection_rate', 'selection_rate'],
    ['TPR', 'tpr'],
    ['FPR', 'fpr'],
    ['accuracy', 'accuracy'],
  ] as const) {
    const ref = dict(new RegExp(`${label}: (\\{[^}]+\\})`).exec(section)![1]!);
    for (const g of Object.keys(ref)) compare(`${attribute} ${label} ${g}`, ref[g]!, report.groups[g]![key]);
  }
  compare(
    `${attribute} demographic_parity_difference`,
    Number(/demographic_parity_difference=([0-9.]+)/.exec(section)![1]),
    report.demographic_parity_difference,
  );
  compare(
    `${attribute} demographic_parity_ratio`,
    Number(/demographic_parity_ratio=([0-9.]+)/.exec(section)![1]),
    report.demographic_parity_ratio,
  );
  compare(
    `${attribute} equalized_odds_difference`,
    Number(/equalized_odds_difference\(max of TPR gap, FPR gap\)=([0-9.]+)/.exec(section)![1]),
    report.equalized_odds_difference,
  );
}
const ms = performance.now() - started;
process.stdout.write(`## Group-metric conformance (UCI Adult test, ${table.rows.length} rows)\n\n`);
process.stdout.write(
  `${markdownTable(['quantity', 'reference (6 dp)', 'computed (full precision)', 'match at 6 dp'], rows)}\n\n`,
);
process.stdout.write(`matched ${matched}/${total}; two metric frames in ${ms.toFixed(1)} ms\n`);
