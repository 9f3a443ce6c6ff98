import type { ConfidenceInterval } from '../stats/bootstrap.js';
import { bootstrapCis } from '../stats/bootstrap.js';
import { type McNemarResult, mcnemarTest } from '../stats/mcnemar.js';
import { adjustPValues, type Correction } from '../stats/multiple-testing.js';
import type { Rng } from '../stats/rng.js';
import { type WilcoxonResult, wilcoxonSignedRank } from '../stats/wilcoxon.js';
import type { Prediction } from '../text-classifier.js';

/** A scored counterfactual pair. `cell` groups pairs (attribute/direction/strategy); controls calibrate false alarms. */
export interface ScoredPair {
  readonly attribute: string;
  /** Direction or value change (e.g. "m2f", "Deaf") and rewrite strategy (e.g. "swap", "hedge"). */
  readonly direction: string;
  readonly strategy: string;
  /** True for matched no-effect control pairs. */
  readonly control: boolean;
  readonly original: Prediction;
  readonly counterfactual: Prediction;
}

/** Results of one cell of the audit, every number with its n, CI, test and (adjusted) p-value. */
export interface CellResult {
  readonly attribute: string;
  readonly direction: string;
  readonly strategy: string;
  readonly control: boolean;
  readonly n: number;
  readonly consistency: number;
  readonly flip_rate: number;
  readonly consistency_ci: ConfidenceInterval | null;
  readonly mean_score_delta: number | null;
  readonly mean_score_delta_ci: ConfidenceInterval | null;
  readonly mcnemar: McNemarResult;
  readonly wilcoxon: WilcoxonResult | null;
  /**
   * The cell's primary test: Wilcoxon on score deltas when scores exist and some change, else McNemar on the positive
   * label.
   */
  readonly primary_test: 'wilcoxon' | 'mcnemar';
  readonly p_value: number;
  readonly p_adjusted: number;
  readonly correction: Correction;
  readonly significant: boolean;
}

export interface AnalysePairsOptions {
  /** Label counted as positive for McNemar (default: "positive" if present, else the most frequent original label). */
  readonly positiveLabel?: string;
  readonly correction?: Correction;
  readonly alpha?: number;
  readonly resamples?: number;
  readonly rng: Rng;
}

/** Consistency rolled up over cells: per attribute, per direction or per strategy (test pairs only). */
export interface Rollup {
  readonly by: 'attribute' | 'direction' | 'strategy';
  readonly key: string;
  readonly n: number;
  readonly consistency: number;
  readonly flip_rate: number;
  readonly consistency_ci: ConfidenceInterval | null;
  readonly mean_score_delta: number | null;
}

export interface AuditAnalysis {
  readonly cells: readonly CellResult[];
  readonly rollups: readonly Rollup[];
  readonly positive_label: string;
  readonly correction: Correction;
  readonly alpha: number;
  /** Share of control cells flagged significant (the observed false-alarm rate). */
  readonly control_false_alarm_rate: number | null;
}

function pickPositive(pairs: readonly ScoredPair[]): string {
  const counts = new Map<string, number>();
  for (const p of pairs) counts.set(p.original.label, (counts.get(p.original.label) ?? 0) + 1);
  if (counts.has('positive')) return 'positive';
  let best = '';
  let bestCount = -1;
  for (const [label, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (c > bestCount) {
      best = label;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Analyses counterfactual pairs per cell (attribute x direction x strategy x control): consistency and flip rate with
 * bootstrap CIs, mean score delta with a bootstrap CI, McNemar on the positive label, Wilcoxon signed-rank on score
 * deltas, and Holm or Benjamini-Hochberg adjustment of the primary p-values across the non-control cells (controls are
 * adjusted as their own family).
 */
export function analysePairs(pairs: readonly ScoredPair[], options: AnalysePairsOptions): AuditAnalysis {
  const { correction = 'holm', alpha = 0.05, resamples = 1000, rng } = options;
  const positive = options.positiveLabel ?? pickPositive(pairs);
  const cells = new Map<string, ScoredPair[]>();
  for (const p of pairs) {
    const key = JSON.stringify([p.attribute, p.direction, p.strategy, p.control]);
    const list = cells.get(key);
    if (list) list.push(p);
    else cells.set(key, [p]);
  }
  const raw = [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, list]) => {
      const n = list.length;
      const same = Uint8Array.from(list, (p) => (p.original.label === p.counterfactual.label ? 1 : 0));
      const hasScores = list.every((p) => p.original.score !== null && p.counterfactual.score !== null);
      const deltas = hasScores ? Float64Array.from(list, (p) => p.counterfactual.score! - p.original.score!) : null;
      let b = 0;
      let c = 0;
      for (const p of list) {
        const o = p.original.label === positive;
        const f = p.counterfactual.label === positive;
        if (o && !f) b++;
        else if (!o && f) c++;
      }
      const consistency = same.reduce((s, v) => s + v, 0) / n;
      const [consistencyCi, deltaCi] = bootstrapCis(
        n,
        2,
        (idx, out) => {
          let s = 0;
          let d = 0;
          for (const i of idx) {
            s += same[i]!;
            if (deltas) d += deltas[i]!;
          }
          out[0] = s / idx.length;
          out[1] = deltas ? d / idx.length : Number.NaN;
        },
        rng,
        { resamples },
      );
      const mcnemar = mcnemarTest(b, c);
      const wilcoxon = deltas && n > 0 ? wilcoxonSignedRank(deltas) : null;
      // Wilcoxon needs at least one non-zero score change; otherwise McNemar on the labels is the primary test.
      const primary: 'wilcoxon' | 'mcnemar' = wilcoxon && wilcoxon.n > 0 ? 'wilcoxon' : 'mcnemar';
      const p = primary === 'wilcoxon' ? wilcoxon!.pValue : mcnemar.pValue;
      return {
        attribute: list[0]!.attribute,
        direction: list[0]!.direction,
        strategy: list[0]!.strategy,
        control: list[0]!.control,
        n,
        consistency,
        flip_rate: 1 - consistency,
        consistency_ci: consistencyCi ?? null,
        mean_score_delta: deltas ? deltas.reduce((s, v) => s + v, 0) / n : null,
        mean_score_delta_ci: deltas ? (deltaCi ?? null) : null,
        mcnemar,
        wilcoxon,
        primary_test: primary,
        p_value: p,
      };
    });
  const adjusted = new Array<number>(raw.length);
  for (const isControl of [false, true]) {
    const idx = raw.map((r, i) => (r.control === isControl ? i : -1)).filter((i) => i >= 0);
    const adj = adjustPValues(
      idx.map((i) => raw[i]!.p_value),
      correction,
    );
    idx.forEach((i, k) => {
      adjusted[i] = adj[k]!;
    });
  }
  const result: CellResult[] = raw.map((r, i) => ({
    ...r,
    p_adjusted: adjusted[i]!,
    correction,
    significant: adjusted[i]! < alpha,
  }));
  const controls = result.filter((r) => r.control);
  return {
    cells: result,
    rollups: rollups(
      pairs.filter((p) => !p.control),
      rng,
      resamples,
    ),
    positive_label: positive,
    correction,
    alpha,
    control_false_alarm_rate: controls.length ? controls.filter((r) => r.significant).length / controls.length : null,
  };
}

function rollups(pairs: readonly ScoredPair[], rng: Rng, resamples: number): Rollup[] {
  const out: Rollup[] = [];
  for (const by of ['attribute', 'direction', 'strategy'] as const) {
    const groups = new Map<string, ScoredPair[]>();
    for (const p of pairs) {
      const list = groups.get(p[by]);
      if (list) list.push(p);
      else groups.set(p[by], [p]);
    }
    for (const [key, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const same = Uint8Array.from(list, (p) => (p.original.label === p.counterfactual.label ? 1 : 0));
      const hasScores = list.every((p) => p.original.score !== null && p.counterfactual.score !== null);
      const consistency = same.reduce((t, v) => t + v, 0) / list.length;
      const ci = bootstrapCis(
        list.length,
        1,
        (idx, o) => {
          let t = 0;
          for (const i of idx) t += same[i]!;
          o[0] = t / idx.length;
        },
        rng,
        { resamples },
      )[0];
      out.push({
        by,
        key,
        n: list.length,
        consistency,
        flip_rate: 1 - consistency,
        consistency_ci: ci ?? null,
        mean_score_delta: hasScores
          ? list.reduce((t, p) => t + (p.counterfactual.score! - p.original.score!), 0) / list.length
          : null,
      });
    }
  }
  return out;
}
