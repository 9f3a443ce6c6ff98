import { type BootstrapOptions, bootstrapCis, type ConfidenceInterval } from '../stats/bootstrap.js';
import { chi2Homogeneity, wilsonInterval } from '../stats/distributions.js';
import { holm } from '../stats/multiple-testing.js';
import type { Rng } from '../stats/rng.js';

/** Per-group classification metrics (null where undefined, e.g. TPR of a group without positives). */
export interface GroupMetrics {
  readonly n: number;
  readonly selection_rate: number | null;
  readonly tpr: number | null;
  readonly fpr: number | null;
  readonly fnr: number | null;
  readonly ppv: number | null;
  readonly accuracy: number | null;
}

/** Fairlearn-style metric frame result; the snake_case keys are the stable `counterfactual metrics` contract. */
export interface GroupFairnessReport {
  readonly groups: Record<string, GroupMetrics>;
  readonly demographic_parity_difference: number | null;
  readonly demographic_parity_ratio: number | null;
  readonly equalized_odds_difference: number | null;
  readonly equalized_odds_ratio: number | null;
}

/** Confusion counts of one group. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Metrics of one confusion table. */
export function metricsOf(c: Confusion): GroupMetrics {
  const n = c.tp + c.fp + c.tn + c.fn;
  return {
    n,
    selection_rate: ratio(c.tp + c.fp, n),
    tpr: ratio(c.tp, c.tp + c.fn),
    fpr: ratio(c.fp, c.fp + c.tn),
    fnr: ratio(c.fn, c.tp + c.fn),
    ppv: ratio(c.tp, c.tp + c.fp),
    accuracy: ratio(c.tp + c.tn, n),
  };
}

function spread(values: readonly (number | null)[]): { diff: number | null; ratio: number | null } {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length === 0 || defined.length < values.length) return { diff: null, ratio: null };
  const max = Math.max(...defined);
  const min = Math.min(...defined);
  return { diff: max - min, ratio: max === 0 ? (min === 0 ? 1 : null) : min / max };
}

/** Checks that labels and predictions are 0/1 and aligned with groups. */
function validate(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, groups: readonly string[]): void {
  if (yTrue.length !== yPred.length || yTrue.length !== groups.length) {
    throw new RangeError(
      `labels (${yTrue.length}), predictions (${yPred.length}) and groups (${groups.length}) differ in length`,
    );
  }
  for (let i = 0; i < yTrue.length; i++) {
    if ((yTrue[i] !== 0 && yTrue[i] !== 1) || (yPred[i] !== 0 && yPred[i] !== 1)) {
      throw new RangeError(`row ${i + 1}: labels and predictions must be 0 or 1`);
    }
  }
}

/**
 * Group fairness metrics of a binary classifier (Fairlearn's MetricFrame semantics): per-group selection rate, TPR,
 * FPR, FNR, PPV and accuracy; demographic parity difference (max - min selection rate) and ratio (min / max);
 * equalized odds difference (the larger of the TPR and FPR gaps) and ratio (the smaller of the TPR and FPR ratios).
 * Groups are sorted by name. For intersectional groups pass joined keys (see {@link intersectionalGroups}).
 *
 * @see Fairlearn `MetricFrame`, `demographic_parity_difference`, `equalized_odds_difference` (fairlearn.org)
 */
export function groupFairness(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  groups: readonly string[],
): GroupFairnessReport {
  validate(yTrue, yPred, groups);
  const confusion = new Map<string, Confusion>();
  for (let i = 0; i < groups.length; i++) {
    let c = confusion.get(groups[i]!);
    if (!c) {
      c = { tp: 0, fp: 0, tn: 0, fn: 0 };
      confusion.set(groups[i]!, c);
    }
    if (yTrue[i] === 1) {
      if (yPred[i] === 1) c.tp++;
      else c.fn++;
    } else if (yPred[i] === 1) c.fp++;
    else c.tn++;
  }
  return reportFrom(confusion);
}

function reportFrom(confusion: ReadonlyMap<string, Confusion>): GroupFairnessReport {
  const names = [...confusion.keys()].sort();
  const groups: Record<string, GroupMetrics> = {};
  for (const name of names) groups[name] = metricsOf(confusion.get(name)!);
  const sel = spread(names.map((g) => groups[g]!.selection_rate));
  const tpr = spread(names.map((g) => groups[g]!.tpr));
  const fpr = spread(names.map((g) => groups[g]!.fpr));
  const eoDiff = tpr.diff === null || fpr.diff === null ? null : Math.max(tpr.diff, fpr.diff);
  const eoRatio = tpr.ratio === null || fpr.ratio === null ? null : Math.min(tpr.ratio, fpr.ratio);
  return {
    groups,
    demographic_parity_difference: sel.diff,
    demographic_parity_ratio: sel.ratio,
    equalized_odds_difference: eoDiff,
    equalized_odds_ratio: eoRatio,
  };
}

/** Joins several protected-attribute columns into intersectional group keys ("Female|Black"). */
export function intersectionalGroups(columns: readonly (readonly string[])[], separator = '|'): string[] {
  if (columns.length === 0) return [];
  const n = columns[0]!.length;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = columns.map((c) => c[i]).join(separator);
  return out;
}

/** The four-fifths (80%) rule of the US Uniform Guidelines: passes when the selection-rate ratio is at least 0.8. */
export function fourFifthsRule(report: GroupFairnessReport): { ratio: number | null; passes: boolean | null } {
  const r = report.demographic_parity_ratio;
  return { ratio: r, passes: r === null ? null : r >= 0.8 };
}

/** Bootstrap CIs of the four summary statistics (rows resampled with replacement). */
export interface GroupFairnessCis {
  readonly demographic_parity_difference: ConfidenceInterval | null;
  readonly demographic_parity_ratio: ConfidenceInterval | null;
  readonly equalized_odds_difference: ConfidenceInterval | null;
  readonly equalized_odds_ratio: ConfidenceInterval | null;
}

/** Percentile-bootstrap CIs for the demographic parity and equalized odds summaries (rows resampled). */
export function groupFairnessCis(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  groups: readonly string[],
  rng: Rng,
  options: BootstrapOptions = {},
): GroupFairnessCis {
  validate(yTrue, yPred, groups);
  const names = [...new Set(groups)].sort();
  const lookup = new Map(names.map((g, i) => [g, i]));
  const gIndex = Int32Array.from(groups, (g) => lookup.get(g)!);
  const [dpd, dpr, eod, eor] = bootstrapCis(
    groups.length,
    4,
    (idx, out) => {
      const counts = names.map(() => ({ tp: 0, fp: 0, tn: 0, fn: 0 }));
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k]!;
        const c = counts[gIndex[i]!]!;
        if (yTrue[i] === 1) {
          if (yPred[i] === 1) c.tp++;
          else c.fn++;
        } else if (yPred[i] === 1) c.fp++;
        else c.tn++;
      }
      const conf = new Map<string, Confusion>();
      names.forEach((g, j) => {
        const c = counts[j]!;
        if (c.tp + c.fp + c.tn + c.fn > 0) conf.set(g, c);
      });
      const r = reportFrom(conf);
      out[0] = r.demographic_parity_difference ?? Number.NaN;
      out[1] = r.demographic_parity_ratio ?? Number.NaN;
      out[2] = r.equalized_odds_difference ?? Number.NaN;
      out[3] = r.equalized_odds_ratio ?? Number.NaN;
    },
    rng,
    options,
  );
  return {
    demographic_parity_difference: dpd ?? null,
    demographic_parity_ratio: dpr ?? null,
    equalized_odds_difference: eod ?? null,
    equalized_odds_ratio: eor ?? null,
  };
}

/** A test of one group-metric hypothesis with its Holm-adjusted p-value. */
export interface GroupTest {
  readonly hypothesis: string;
  readonly test: 'chi-square homogeneity';
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
  readonly p_adjusted: number;
  readonly correction: 'holm';
}

/** Per-group confusion counts with Wilson 95% intervals of each rate. */
export interface GroupDetail {
  readonly counts: Confusion;
  readonly wilson_95: Record<
    'selection_rate' | 'tpr' | 'fpr' | 'fnr' | 'ppv' | 'accuracy',
    { low: number; high: number } | null
  >;
}

/** The extended result: the contract report plus the 80% rule, per-group detail, tests and optional bootstrap CIs. */
export interface ExtendedGroupReport extends GroupFairnessReport {
  readonly four_fifths_rule: { ratio: number | null; passes: boolean | null };
  readonly detail?: Record<string, GroupDetail>;
  readonly tests?: readonly GroupTest[];
  readonly ci?: GroupFairnessCis;
}

/** Confusion counts per group (sorted by group name). */
export function confusionByGroup(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  groups: readonly string[],
): Map<string, Confusion> {
  validate(yTrue, yPred, groups);
  const out = new Map<string, Confusion>();
  for (const g of [...new Set(groups)].sort()) out.set(g, { tp: 0, fp: 0, tn: 0, fn: 0 });
  for (let i = 0; i < groups.length; i++) {
    const c = out.get(groups[i]!)!;
    if (yTrue[i] === 1) {
      if (yPred[i] === 1) c.tp++;
      else c.fn++;
    } else if (yPred[i] === 1) c.fp++;
    else c.tn++;
  }
  return out;
}

/**
 * Per-group counts and Wilson intervals, and chi-square homogeneity tests across groups of the selection rate
 * (demographic parity), of predictions among positives (TPR) and among negatives (FPR) (equalized odds), with Holm's
 * adjustment over the three.
 */
export function groupDetailAndTests(confusion: ReadonlyMap<string, Confusion>): {
  detail: Record<string, GroupDetail>;
  tests: GroupTest[];
} {
  const detail: Record<string, GroupDetail> = {};
  for (const [g, c] of confusion) {
    const n = c.tp + c.fp + c.tn + c.fn;
    detail[g] = {
      counts: { ...c },
      wilson_95: {
        selection_rate: wilsonInterval(c.tp + c.fp, n),
        tpr: wilsonInterval(c.tp, c.tp + c.fn),
        fpr: wilsonInterval(c.fp, c.fp + c.tn),
        fnr: wilsonInterval(c.fn, c.tp + c.fn),
        ppv: wilsonInterval(c.tp, c.tp + c.fp),
        accuracy: wilsonInterval(c.tp + c.tn, n),
      },
    };
  }
  const cs = [...confusion.values()];
  const raw = [
    {
      hypothesis: 'equal selection rates (demographic parity)',
      r: chi2Homogeneity(
        cs.map((c) => c.tp + c.fp),
        cs.map((c) => c.tp + c.fp + c.tn + c.fn),
      ),
    },
    {
      hypothesis: 'equal true positive rates (equalized odds, y = 1)',
      r: chi2Homogeneity(
        cs.map((c) => c.tp),
        cs.map((c) => c.tp + c.fn),
      ),
    },
    {
      hypothesis: 'equal false positive rates (equalized odds, y = 0)',
      r: chi2Homogeneity(
        cs.map((c) => c.fp),
        cs.map((c) => c.fp + c.tn),
      ),
    },
  ].filter((t): t is { hypothesis: string; r: { statistic: number; df: number; pValue: number } } => t.r !== null);
  const adjusted = holm(raw.map((t) => t.r.pValue));
  return {
    detail,
    tests: raw.map((t, i) => ({
      hypothesis: t.hypothesis,
      test: 'chi-square homogeneity' as const,
      statistic: t.r.statistic,
      df: t.r.df,
      p_value: t.r.pValue,
      p_adjusted: adjusted[i]!,
      correction: 'holm' as const,
    })),
  };
}
