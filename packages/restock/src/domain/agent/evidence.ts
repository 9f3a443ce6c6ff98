import { classifyDemand, type DemandClassification } from '../forecasting/classification.js';
import { linearTrend, mean, type Series } from '../statistics.js';

/** What the agent measured about a demand history before deciding anything. */
export interface DemandEvidence {
  readonly periods: number;
  readonly longRunMean: number;
  /** Mean of the most recent third of the history (at least 2 periods). */
  readonly recentMean: number;
  readonly recentPeriods: number;
  /** recentMean / longRunMean (1 when the long-run mean is 0). */
  readonly recentToLongRun: number;
  readonly trendSlope: number;
  readonly trendStdError: number;
  /** slope / standard error. */
  readonly trendT: number;
  /** 'falling' or 'rising' when |t| ≥ the threshold (default 2), else 'flat'. */
  readonly trend: 'falling' | 'flat' | 'rising';
  /** Slope over the mean, per period. */
  readonly trendRelative: number;
  readonly classification: DemandClassification;
  /** 0..1: how much history there is relative to `fullHistoryPeriods` (default 14). */
  readonly dataSufficiency: number;
}

export interface EvidenceOptions {
  readonly trendThreshold?: number;
  readonly fullHistoryPeriods?: number;
}

/** Measures trend (with its uncertainty), recent vs long-run level, intermittency and data sufficiency. */
export function gatherDemandEvidence(history: Series, o: EvidenceOptions = {}): DemandEvidence {
  const n = history.length;
  const longRunMean = mean(history);
  const recentPeriods = Math.min(n, Math.max(2, Math.round(n / 3)));
  const recent = Array.prototype.slice.call(history, n - recentPeriods) as number[];
  const recentMean = mean(recent);
  const fit = linearTrend(history);
  const threshold = o.trendThreshold ?? 2;
  const t = Number.isFinite(fit.tStatistic) ? fit.tStatistic : Math.sign(fit.slope) * 1e9;
  const trend = n >= 4 && t <= -threshold ? 'falling' : n >= 4 && t >= threshold ? 'rising' : 'flat';
  const full = o.fullHistoryPeriods ?? 14;
  return {
    periods: n,
    longRunMean,
    recentMean,
    recentPeriods,
    recentToLongRun: longRunMean > 0 ? recentMean / longRunMean : 1,
    trendSlope: fit.slope,
    trendStdError: fit.slopeStdError,
    trendT: fit.tStatistic,
    trend,
    trendRelative: longRunMean > 0 ? fit.slope / longRunMean : 0,
    classification: classifyDemand(history),
    dataSufficiency: Math.max(0, Math.min(1, n / full)),
  };
}
