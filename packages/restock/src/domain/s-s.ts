import { newsvendorPoisson, newsvendorPoissonCost } from './newsvendor.js';
import { poissonPmf } from './poisson.js';

/**
 * Periodic-review (s, S) policies: exact cost and optimum for Poisson demand (Zheng & Federgruen 1991) and the
 * power approximation for normal demand (Ehrhardt & Mosier 1984).
 *
 * @see Snyder & Shen, Fundamentals of Supply Chain Theory, §4.6.
 */
export interface SsPoissonOptions {
  readonly holdingCost: number;
  readonly stockoutCost: number;
  readonly fixedCost: number;
  /** Mean demand per period. */
  readonly demandMean: number;
}

/** Exact expected cost per period of (s, S) with Poisson demand: [K + Σ_{d<S−s} m(d)g(S − d)] / M(S − s). */
export function sSCostPoisson(o: SsPoissonOptions & { reorderPoint: number; orderUpToLevel: number }): number {
  const span = o.orderUpToLevel - o.reorderPoint;
  if (!Number.isInteger(span) || span <= 0) throw new RangeError('S − s must be a positive integer');
  const pmf = new Float64Array(span);
  for (let d = 0; d < span; d++) pmf[d] = poissonPmf(d, o.demandMean);
  const m = new Float64Array(span);
  m[0] = 1 / (1 - pmf[0]!);
  for (let j = 1; j < span; j++) {
    let acc = 0;
    for (let l = 1; l <= j; l++) acc += pmf[l]! * m[j - l]!;
    m[j] = m[0]! * acc;
  }
  let total = o.fixedCost;
  let M = 0;
  for (let d = 0; d < span; d++) {
    M += m[d]!;
    total +=
      m[d]! *
      newsvendorPoissonCost({
        level: o.orderUpToLevel - d,
        holdingCost: o.holdingCost,
        stockoutCost: o.stockoutCost,
        mean: o.demandMean,
      });
  }
  return total / M;
}

/** Optimal (s, S) for Poisson demand by the Zheng–Federgruen search. */
export function sSPoissonExact(o: SsPoissonOptions): { reorderPoint: number; orderUpToLevel: number; cost: number } {
  const g = (y: number) =>
    newsvendorPoissonCost({ level: y, holdingCost: o.holdingCost, stockoutCost: o.stockoutCost, mean: o.demandMean });
  const c = (s: number, S: number) => sSCostPoisson({ ...o, reorderPoint: s, orderUpToLevel: S });
  const yStar = newsvendorPoisson({
    holdingCost: o.holdingCost,
    stockoutCost: o.stockoutCost,
    mean: o.demandMean,
  }).level;
  let s = yStar;
  const S0 = yStar;
  do s -= 1;
  while (c(s, S0) > g(s));
  let bestS = S0;
  let bestCost = c(s, S0);
  for (let S = S0 + 1; g(S) <= bestCost; S++) {
    if (c(s, S) < bestCost) {
      bestS = S;
      while (c(s, bestS) <= g(s + 1)) s += 1;
      bestCost = c(s, bestS);
    }
  }
  return { reorderPoint: s, orderUpToLevel: bestS, cost: bestCost };
}

/** Power approximation for (s, S) with normal demand per period (mean μ, sd σ) and lead time L periods (default 0). */
export function sSPowerApproximation(o: {
  holdingCost: number;
  stockoutCost: number;
  fixedCost: number;
  demandMean: number;
  demandSd: number;
  leadTime?: number;
}): { reorderPoint: number; orderUpToLevel: number } {
  const L = o.leadTime ?? 0;
  const muL = o.demandMean * (L + 1);
  const sigmaL = o.demandSd * Math.sqrt(L + 1);
  const Q =
    1.3 *
    o.demandMean ** 0.494 *
    (o.fixedCost / o.holdingCost) ** 0.506 *
    (1 + (sigmaL * sigmaL) / (o.demandMean * o.demandMean)) ** 0.116;
  const z = Math.sqrt((Q / sigmaL) * (o.holdingCost / o.stockoutCost));
  const s = 0.973 * muL + sigmaL * (0.183 / z + 1.063 - 2.192 * z);
  return { reorderPoint: s, orderUpToLevel: s + Q };
}
