import { inverseNormalCdf, normalPdf } from '@quintessence/numeric';
import { normalLoss, poissonLoss } from './loss-functions.js';
import { poissonCdf } from './poisson.js';

/**
 * Newsvendor (single-period) models: the base-stock level S* = F⁻¹(p/(p+h)) and its expected cost.
 *
 * @see Snyder & Shen, Fundamentals of Supply Chain Theory, ch. 4.
 */

/** Expected cost g(S) = h·E[(S − D)⁺] + p·E[(D − S)⁺] for D ~ N(μ, σ²). */
export function newsvendorNormalCost(o: {
  level: number;
  holdingCost: number;
  stockoutCost: number;
  mean: number;
  sd: number;
}): number {
  const l = normalLoss(o.level, o.mean, o.sd);
  return o.holdingCost * l.complementaryLoss + o.stockoutCost * l.loss;
}

/** Optimal level and cost for normal demand: S* = μ + σ·z_α, g* = (p + h)σφ(z_α). */
export function newsvendorNormal(o: { holdingCost: number; stockoutCost: number; mean: number; sd: number }): {
  level: number;
  cost: number;
} {
  const z = inverseNormalCdf(o.stockoutCost / (o.stockoutCost + o.holdingCost));
  return { level: o.mean + o.sd * z, cost: (o.stockoutCost + o.holdingCost) * o.sd * normalPdf(z) };
}

/** Expected cost at integer level S for Poisson demand. */
export function newsvendorPoissonCost(o: {
  level: number;
  holdingCost: number;
  stockoutCost: number;
  mean: number;
}): number {
  const l = poissonLoss(o.level, o.mean);
  return o.holdingCost * l.complementaryLoss + o.stockoutCost * l.loss;
}

/** Optimal integer level for Poisson demand: the smallest S with F(S) ≥ p/(p+h). */
export function newsvendorPoisson(o: { holdingCost: number; stockoutCost: number; mean: number }): {
  level: number;
  cost: number;
} {
  const alpha = o.stockoutCost / (o.stockoutCost + o.holdingCost);
  let s = 0;
  while (poissonCdf(s, o.mean) < alpha) s++;
  return { level: s, cost: newsvendorPoissonCost({ ...o, level: s }) };
}

/**
 * Veinott's myopic base-stock level for a multi-period problem with purchase costs c (this period) and c′ (next
 * period) and discount factor γ: F(S) = (p − c + γc′)/(p + h); cost c·S + g(S) − γc′(S − μ).
 */
export function myopicBaseStock(o: {
  holdingCost: number;
  stockoutCost: number;
  purchaseCost: number;
  purchaseCostNext: number;
  discountFactor: number;
  mean: number;
  sd: number;
}): { level: number; cost: number } {
  const ratio =
    (o.stockoutCost - o.purchaseCost + o.discountFactor * o.purchaseCostNext) / (o.stockoutCost + o.holdingCost);
  const level = o.mean + o.sd * inverseNormalCdf(ratio);
  const g = newsvendorNormalCost({
    level,
    holdingCost: o.holdingCost,
    stockoutCost: o.stockoutCost,
    mean: o.mean,
    sd: o.sd,
  });
  const cost = o.purchaseCost * level + g - o.discountFactor * o.purchaseCostNext * (level - o.mean);
  return { level, cost };
}
