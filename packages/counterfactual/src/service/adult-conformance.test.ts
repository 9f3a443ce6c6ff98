import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import { parseCsv } from '../domain/csv.js';
import { groupFairness } from '../domain/metrics/metric-frame.js';

/** Parses "{'Male': 0.225967, 'Female': 0.163623}" from the reference file. */
function pyDict(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/'([^']+)':\s*([0-9.]+)/g)) out[m[1]!] = Number(m[2]);
  return out;
}

describe.skipIf(!hasSharedData)('groupFairness on UCI Adult (adult_reference_metrics.txt conformance)', () => {
  // Loaded lazily: vitest collects skipped suites too, and a fresh clone has no ../shared/data.
  let cache: { reference: string; table: ReturnType<typeof parseCsv>; yTrue: number[]; yPred: number[] } | undefined;
  const load = () => {
    if (cache) return cache;
    const reference = readFileSync(sharedData('fairness/adult_reference_metrics.txt'), 'utf8');
    const table = parseCsv(readFileSync(sharedData('fairness/adult.test'), 'utf8'));
    const col = (name: string) => table.header.indexOf(name);
    // The rule model as the reference file defines it: "yhat = [education-num>=13 AND hours-per-week>=40]".
    const rule = /yhat = \[(.+)\]/.exec(reference)![1]!;
    const conditions = rule.split(' AND ').map((c) => {
      const [, name, value] = /^(\S+)>=(\d+)$/.exec(c.trim())!;
      return { index: col(name!), min: Number(value) };
    });
    const yTrue = table.rows.map((r) => (r[col('Y')]!.startsWith('>50K') ? 1 : 0));
    const yPred = table.rows.map((r) => (conditions.every((c) => Number(r[c.index]) >= c.min) ? 1 : 0));
    cache = { reference, table, yTrue, yPred };
    return cache;
  };
  const col = (name: string) => load().table.header.indexOf(name);
  const round6 = (x: number | null) => Math.round(x! * 1e6) / 1e6;

  for (const attribute of ['sex', 'race'] as const) {
    it(`matches every printed value by ${attribute}`, () => {
      const { reference, table, yTrue, yPred } = load();
      const section = reference.split(` by ${attribute} `)[1]!.split(' by ')[0]!;
      const report = groupFairness(
        yTrue,
        yPred,
        table.rows.map((r) => r[col(attribute)]!),
      );
      const n = pyDict(/n: (\{[^}]+\})/.exec(section)![1]!);
      const sel = pyDict(/selection_rate: (\{[^}]+\})/.exec(section)![1]!);
      const tpr = pyDict(/TPR: (\{[^}]+\})/.exec(section)![1]!);
      const fpr = pyDict(/FPR: (\{[^}]+\})/.exec(section)![1]!);
      const acc = pyDict(/accuracy: (\{[^}]+\})/.exec(section)![1]!);
      expect(Object.keys(report.groups).sort()).toEqual(Object.keys(n).sort());
      for (const g of Object.keys(n)) {
        expect(report.groups[g]!.n).toBe(n[g]);
        expect(round6(report.groups[g]!.selection_rate)).toBe(sel[g]);
        expect(round6(report.groups[g]!.tpr)).toBe(tpr[g]);
        expect(round6(report.groups[g]!.fpr)).toBe(fpr[g]);
        expect(round6(report.groups[g]!.accuracy)).toBe(acc[g]);
      }
      expect(round6(report.demographic_parity_difference)).toBe(
        Number(/demographic_parity_difference=([0-9.]+)/.exec(section)![1]),
      );
      expect(round6(report.demographic_parity_ratio)).toBe(
        Number(/demographic_parity_ratio=([0-9.]+)/.exec(section)![1]),
      );
      expect(round6(report.equalized_odds_difference)).toBe(
        Number(/equalized_odds_difference\(max of TPR gap, FPR gap\)=([0-9.]+)/.exec(section)![1]),
      );
    });
  }

  it('matches the label base rates P(>50K | sex) on the test split', () => {
    const { reference, table, yTrue } = load();
    const line = /test P\(>50K\|sex\): (\{[^}]+\}) DP diff of labels=([0-9.]+) ratio=([0-9.]+)/.exec(reference)!;
    const report = groupFairness(
      yTrue,
      yTrue,
      table.rows.map((r) => r[col('sex')]!),
    );
    const base = pyDict(line[1]!);
    for (const g of Object.keys(base)) expect(round6(report.groups[g]!.selection_rate)).toBe(base[g]);
    expect(round6(report.demographic_parity_difference)).toBe(Number(line[2]));
    expect(round6(report.demographic_parity_ratio)).toBe(Number(line[3]));
  });
});
