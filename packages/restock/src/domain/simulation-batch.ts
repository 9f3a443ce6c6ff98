import { designPolicy, type PolicyKind } from './policies.js';
import { simulatePolicy } from './simulation.js';
import { mean, sampleStd } from './statistics.js';

export interface SeriesSimulationOptions {
  readonly trainPeriods: number;
  readonly leadTime: number;
  readonly serviceLevel?: number;
  readonly fillRate?: number;
  readonly policy: PolicyKind;
  readonly reviewPeriod?: number;
}

export interface AggregateSimulation {
  readonly series: number;
  /** Series skipped: too short, or without demand in the training window. */
  readonly skipped: number;
  readonly policy: PolicyKind;
  readonly leadTime: number;
  readonly targetServiceLevel: number | null;
  readonly targetFillRate: number | null;
  /** Mean over series of the fraction of replenishment cycles without a stockout. */
  readonly cycleServiceLevel: number;
  /** Mean over series of the fraction of periods fully served. */
  readonly periodServiceLevel: number;
  /** Demand-weighted fill rate over all series. */
  readonly fillRate: number;
  /** Mean over series of the average on-hand stock. */
  readonly averageOnHand: number;
  /** Mean over series of the average backorders. */
  readonly averageBackorders: number;
  readonly orders: number;
}

/**
 * Designs a policy per series from its first `trainPeriods` values (mean, sample sd) and replays the remaining
 * periods through it; aggregates the achieved service across series.
 */
export function simulateSeriesBatch(
  series: readonly ArrayLike<number>[],
  o: SeriesSimulationOptions,
): AggregateSimulation {
  let used = 0;
  let skipped = 0;
  let csl = 0;
  let psl = 0;
  let served = 0;
  let demand = 0;
  let onHand = 0;
  let backorders = 0;
  let orders = 0;
  for (const y of series) {
    if (y.length <= o.trainPeriods) {
      skipped++;
      continue;
    }
    const train = Array.prototype.slice.call(y, 0, o.trainPeriods) as number[];
    const test = Array.prototype.slice.call(y, o.trainPeriods) as number[];
    const m = mean(train);
    if (!(m > 0)) {
      skipped++;
      continue;
    }
    const policy = designPolicy({
      kind: o.policy,
      demandMean: m,
      demandSd: sampleStd(train),
      leadTime: o.leadTime,
      serviceLevel: o.serviceLevel,
      fillRate: o.fillRate,
      reviewPeriod: o.reviewPeriod,
    });
    const r = simulatePolicy(test, policy, { leadTime: o.leadTime });
    used++;
    csl += r.cycleServiceLevel;
    psl += r.periodServiceLevel;
    served += r.fillRate * r.totalDemand;
    demand += r.totalDemand;
    onHand += r.averageOnHand;
    backorders += r.averageBackorders;
    orders += r.orders;
  }
  const per = (x: number) => (used > 0 ? x / used : Number.NaN);
  return {
    series: used,
    skipped,
    policy: o.policy,
    leadTime: o.leadTime,
    targetServiceLevel: o.fillRate === undefined ? (o.serviceLevel ?? 0.95) : null,
    targetFillRate: o.fillRate ?? null,
    cycleServiceLevel: per(csl),
    periodServiceLevel: per(psl),
    fillRate: demand > 0 ? served / demand : 1,
    averageOnHand: per(onHand),
    averageBackorders: per(backorders),
    orders,
  };
}
