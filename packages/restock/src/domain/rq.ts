import { inverseNormalCdf } from '@quintessence/numeric';
import { economicOrderQuantity, economicOrderQuantityWithBackorders } from './eoq.js';
import { normalLoss, normalSecondLoss } from './loss-functions.js';
import { newsvendorNormal, newsvendorNormalCost, newsvendorPoissonCost } from './newsvendor.js';
import { poissonCdf } from './poisson.js';
import { bisect } from './root-finding.js';

/**
 * Continuous-review (r, Q) policies under normal or Poisson demand: exact cost, optimal r for a given Q, and the
 * classic approximations (EIL, EOQB, EOQ + SS, loss function) and the Federgruen–Zheng exact Poisson algorithm.
 * Rates are per year (λ, τ), lead time L in years.
 *
 * @see Snyder & Shen, Fundamentals of Supply Chain Theory, ch. 5; Federgruen & Zheng, Oper. Res. 40(4), 1992.
 */
export interface RqNormalOptions {
  readonly holdingCost: number;
  readonly stockoutCost: number;
  readonly fixedCost: number;
  /** Demand rate λ per unit time. */
  readonly demandMean: number;
  /** Standard deviation τ of demand per unit time. */
  readonly demandSd: number;
  readonly leadTime: number;
}

function leadTimeDemand(o: RqNormalOptions): { mu: number; sigma: number } {
  return { mu: o.demandMean * o.leadTime, sigma: o.demandSd * Math.sqrt(o.leadTime) };
}

/** Exact expected cost per unit time g(r, Q) = [Kλ + ∫_r^{r+Q} g(y)dy]/Q, the integral in closed form. */
export function rqCost(o: RqNormalOptions & { reorderPoint: number; orderQuantity: number }): number {
  const { mu, sigma } = leadTimeDemand(o);
  const { reorderPoint: r, orderQuantity: Q, holdingCost: h, stockoutCost: p } = o;
  const integral =
    h * Q * (r - mu + Q / 2) +
    (h + p) * (normalSecondLoss(r, mu, sigma).loss - normalSecondLoss(r + Q, mu, sigma).loss);
  return (o.fixedCost * o.demandMean + integral) / Q;
}

/** The r minimising g(r, Q) for fixed Q: the solution of g(r) = g(r + Q). */
export function rqOptimalReorderPoint(o: Omit<RqNormalOptions, 'fixedCost'> & { orderQuantity: number }): number {
  const { mu, sigma } = leadTimeDemand({ ...o, fixedCost: 1 });
  const cost = (y: number) =>
    newsvendorNormalCost({ level: y, holdingCost: o.holdingCost, stockoutCost: o.stockoutCost, mean: mu, sd: sigma });
  const S = newsvendorNormal({ holdingCost: o.holdingCost, stockoutCost: o.stockoutCost, mean: mu, sd: sigma }).level;
  const Q = o.orderQuantity;
  return bisect((r) => cost(r) - cost(r + Q), S - 5 * Q - 10 * sigma, S);
}

/** Expected-inventory-level approximation (Hadley–Whitin iteration). */
export function rqEilApproximation(o: RqNormalOptions): { reorderPoint: number; orderQuantity: number; cost: number } {
  const { mu, sigma } = leadTimeDemand(o);
  const { holdingCost: h, stockoutCost: p, fixedCost: K, demandMean: l } = o;
  let Q = economicOrderQuantity({ demandRate: l, fixedCost: K, holdingCost: h }).quantity;
  let r = 0;
  for (let i = 0; i < 1000; i++) {
    const rNext = mu + sigma * inverseNormalCdf(1 - (Q * h) / (p * l));
    const qNext = Math.sqrt((2 * l * (K + p * normalLoss(rNext, mu, sigma).loss)) / h);
    const done = Math.abs(qNext - Q) < 1e-12 * Q && Math.abs(rNext - r) < 1e-12 * Math.max(1, Math.abs(r));
    Q = qNext;
    r = rNext;
    if (done) break;
  }
  const n = normalLoss(r, mu, sigma).loss;
  return { reorderPoint: r, orderQuantity: Q, cost: h * (r - mu + Q / 2) + (K * l) / Q + (p * l * n) / Q };
}

/** EOQ-with-backorders approximation: Q from EOQB, r = r(Q). */
export function rqEoqbApproximation(o: RqNormalOptions): { reorderPoint: number; orderQuantity: number } {
  const Q = economicOrderQuantityWithBackorders({
    demandRate: o.demandMean,
    fixedCost: o.fixedCost,
    holdingCost: o.holdingCost,
    stockoutCost: o.stockoutCost,
  }).quantity;
  return { reorderPoint: rqOptimalReorderPoint({ ...o, orderQuantity: Q }), orderQuantity: Q };
}

/** EOQ plus safety stock: Q = EOQ, r = μ + z_α σ with α = p/(p + h). */
export function rqEoqSafetyStockApproximation(o: RqNormalOptions): { reorderPoint: number; orderQuantity: number } {
  const { mu, sigma } = leadTimeDemand(o);
  const Q = economicOrderQuantity({
    demandRate: o.demandMean,
    fixedCost: o.fixedCost,
    holdingCost: o.holdingCost,
  }).quantity;
  const r = newsvendorNormal({ holdingCost: o.holdingCost, stockoutCost: o.stockoutCost, mean: mu, sd: sigma }).level;
  return { reorderPoint: r, orderQuantity: Q };
}

/** Loss-function approximation: n(r) = hQ/(h + p), Q = √(2[Kλ + (h + p)n⁽²⁾(r)]/h), iterated to a fixed point. */
export function rqLossFunctionApproximation(o: RqNormalOptions): { reorderPoint: number; orderQuantity: number } {
  const { mu, sigma } = leadTimeDemand(o);
  const { holdingCost: h, stockoutCost: p, fixedCost: K, demandMean: l } = o;
  let Q = economicOrderQuantity({ demandRate: l, fixedCost: K, holdingCost: h }).quantity;
  let r = 0;
  for (let i = 0; i < 1000; i++) {
    const target = (h * Q) / (h + p);
    const rNext = bisect((y) => normalLoss(y, mu, sigma).loss - target, mu - 40 * sigma - target, mu + 40 * sigma);
    const qNext = Math.sqrt((2 * (K * l + (h + p) * normalSecondLoss(rNext, mu, sigma).loss)) / h);
    const done = Math.abs(qNext - Q) < 1e-12 * Q && Math.abs(rNext - r) < 1e-12 * Math.max(1, Math.abs(r));
    Q = qNext;
    r = rNext;
    if (done) break;
  }
  return { reorderPoint: r, orderQuantity: Q };
}

export interface RqPoissonOptions {
  readonly holdingCost: number;
  readonly stockoutCost: number;
  readonly fixedCost: number;
  readonly demandMean: number;
  readonly leadTime: number;
}

/** Exact cost of integer (r, Q) under Poisson demand: [Kλ + Σ_{y=r+1}^{r+Q} g(y)]/Q. */
export function rqCostPoisson(o: RqPoissonOptions & { reorderPoint: number; orderQuantity: number }): number {
  const mu = o.demandMean * o.leadTime;
  let total = o.fixedCost * o.demandMean;
  for (let y = o.reorderPoint + 1; y <= o.reorderPoint + o.orderQuantity; y++) {
    total += newsvendorPoissonCost({ level: y, holdingCost: o.holdingCost, stockoutCost: o.stockoutCost, mean: mu });
  }
  return total / o.orderQuantity;
}

/** Optimal integer (r, Q) under Poisson demand (Federgruen–Zheng: grow Q, shift r while the cost falls). */
export function rqPoissonExact(o: RqPoissonOptions): { reorderPoint: number; orderQuantity: number; cost: number } {
  const mu = o.demandMean * o.leadTime;
  const g = (y: number) =>
    newsvendorPoissonCost({ level: y, holdingCost: o.holdingCost, stockoutCost: o.stockoutCost, mean: mu });
  const alpha = o.stockoutCost / (o.stockoutCost + o.holdingCost);
  let S = 0;
  while (poissonCdf(S, mu) < alpha) S++;
  let Q = 1;
  let r = S - 1;
  let cost = rqCostPoisson({ ...o, reorderPoint: r, orderQuantity: Q });
  for (;;) {
    const nextR = g(r) < g(r + Q + 1) ? r - 1 : r;
    const nextCost = rqCostPoisson({ ...o, reorderPoint: nextR, orderQuantity: Q + 1 });
    if (nextCost > cost) break;
    r = nextR;
    Q += 1;
    cost = nextCost;
  }
  return { reorderPoint: r, orderQuantity: Q, cost };
}
