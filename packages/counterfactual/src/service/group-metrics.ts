import { AppError } from '@quintessence/platform';
import { columnIndex, parseCsv } from '../domain/csv.js';
import {
  confusionByGroup,
  type ExtendedGroupReport,
  fourFifthsRule,
  type GroupFairnessReport,
  groupDetailAndTests,
  groupFairness,
  groupFairnessCis,
  intersectionalGroups,
} from '../domain/metrics/metric-frame.js';
import { createRng } from '../domain/stats/rng.js';

export interface GroupMetricsOptions {
  readonly labelCol: string;
  readonly predCol: string;
  /** One column, or several for intersectional groups (joined with "|"). */
  readonly groupCols: readonly string[];
  /** Bootstrap resamples for CIs (0 = none, the default). */
  readonly bootstrap?: number;
  readonly seed?: number;
}

function binary(value: string, column: string, line: number): 0 | 1 {
  if (value === '0') return 0;
  if (value === '1') return 1;
  throw new AppError('COUNTERFACTUAL_BAD_INPUT', `CSV line ${line}: column "${column}" must be 0 or 1; got "${value}"`);
}

/** Computes group fairness metrics from CSV text (labels and predictions 0/1). */
export function groupMetricsFromCsv(
  text: string,
  options: GroupMetricsOptions,
): { report: GroupFairnessReport; extended: ExtendedGroupReport } {
  const table = parseCsv(text);
  if (table.rows.length === 0) throw new AppError('COUNTERFACTUAL_BAD_INPUT', 'CSV has a header but no rows');
  if (options.groupCols.length === 0) throw new AppError('VALIDATION_ERROR', '--group-col is required');
  const li = columnIndex(table, options.labelCol, '--label-col');
  const pi = columnIndex(table, options.predCol, '--pred-col');
  const gis = options.groupCols.map((g) => columnIndex(table, g, '--group-col'));
  const n = table.rows.length;
  const yTrue = new Uint8Array(n);
  const yPred = new Uint8Array(n);
  table.rows.forEach((row, r) => {
    yTrue[r] = binary(row[li]!, options.labelCol, r + 2);
    yPred[r] = binary(row[pi]!, options.predCol, r + 2);
  });
  const groups = intersectionalGroups(gis.map((gi) => table.rows.map((row) => row[gi]!)));
  const report = groupFairness(yTrue, yPred, groups);
  const bootstrap = options.bootstrap ?? 0;
  const ci =
    bootstrap > 0
      ? groupFairnessCis(yTrue, yPred, groups, createRng(options.seed ?? 0), { resamples: bootstrap })
      : undefined;
  const { detail, tests } = groupDetailAndTests(confusionByGroup(yTrue, yPred, groups));
  return {
    report,
    extended: { ...report, four_fifths_rule: fourFifthsRule(report), detail, tests, ...(ci ? { ci } : {}) },
  };
}
