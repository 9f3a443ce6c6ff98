import { inverseNormalCdf } from '@quintessence/numeric';
import { standardNormalLoss } from './loss-functions.js';
import { bisect } from './root-finding.js';
import { mean, sampleStd } from './statistics.js';

/**
 * Safety stock and reorder point.
 *
 * The seed's formulas: d̄ = mean demand, σ = sample standard deviation (n − 1), z = Φ⁻¹(service level),
 * safety stock = z·σ·√L, reorder point = d̄·L + safety stock, shortage = reorder point − stock. With lead-time
 * variability the safety stock generalises to z·√(L·σ_d² + d̄²·σ_L²).
 */
export interface StockAnalysisInput {
  readonly demandHistory: ArrayLike<number>;
  readonly currentStock: number;
  /** Mean lead time in periods of the demand history (days for the seed's daily demand). */
  readonly leadTime: number;
  /** Standard deviation of the lead time (default 0). */
  readonly leadTimeSd?: number;
  /** Cycle service level in (0, 1). */
  readonly serviceLevel: number;
}

export interface StockAnalysis {
  readonly averageDemand: number;
  readonly demandStd: number;
  readonly z: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly currentStock: number;
  /** reorder point − stock (negative when above the reorder point). */
  readonly shortage: number;
  readonly shouldReorder: boolean;
}

/** z·√(L·σ_d² + d̄²·σ_L²); equals z·σ_d·√L when the lead time is certain. */
export function safetyStock(o: {
  z: number;
  demandMean: number;
  demandSd: number;
  leadTime: number;
  leadTimeSd?: number;
}): number {
  const sL = o.leadTimeSd ?? 0;
  return o.z * Math.sqrt(o.leadTime * o.demandSd * o.demandSd + o.demandMean * o.demandMean * sL * sL);
}

/**
 * The seed's stock check: safety stock, reorder point and shortage for one product.
 *
 * @example analyzeStock({ demandHistory: [100, 120, 110, 130, 125, 115, 140], currentStock: 150, leadTime: 7, serviceLevel: 0.95 })
 *   // safetyStock 57.57…, reorderPoint 897.57…, shortage 747.57…
 */
export function analyzeStock(input: StockAnalysisInput): StockAnalysis {
  const averageDemand = mean(input.demandHistory);
  const demandStd = sampleStd(input.demandHistory);
  const z = inverseNormalCdf(input.serviceLevel);
  const ss = safetyStock({
    z,
    demandMean: averageDemand,
    demandSd: demandStd,
    leadTime: input.leadTime,
    leadTimeSd: input.leadTimeSd,
  });
  const reorderPoint = averageDemand * input.leadTime + ss;
  const shortage = reorderPoint - input.currentStock;
  return {
    averageDemand,
    demandStd,
    z,
    safetyStock: ss,
    reorderPoint,
    currentStock: input.currentStock,
    shortage,
    shouldReorder: input.currentStock < reorderPoint,
  };
}

/**
 * The safety factor k that achieves a target fill rate β when each replenishment cycle exposes `cycleDemand` units
 * (Q for (s,Q); d̄·R for (R,S)) to a lead-time demand with standard deviation σ: σ·L(k) = (1 − β)·cycleDemand.
 */
export function safetyFactorForFillRate(o: {
  fillRate: number;
  cycleDemand: number;
  leadTimeDemandSd: number;
}): number {
  if (!(o.fillRate > 0 && o.fillRate < 1)) throw new RangeError(`fill rate must be in (0, 1), got ${o.fillRate}`);
  if (o.leadTimeDemandSd <= 0) return 0;
  const target = ((1 - o.fillRate) * o.cycleDemand) / o.leadTimeDemandSd;
  // L(k) is decreasing; L(-8) ≈ 8, L(8) ≈ 0.
  if (target >= standardNormalLoss(-8).loss) return -8;
  return bisect((k) => standardNormalLoss(k).loss - target, -8, 38);
}

/** z from a cycle service level. */
export function safetyFactorForServiceLevel(serviceLevel: number): number {
  return inverseNormalCdf(serviceLevel);
}
