import { orderQuantityFor, type Policy } from './policies.js';
import type { Series } from './statistics.js';

export interface SimulationOptions {
  /**
   * Integer lead time in periods. Continuous-review policies (sQ, sS) order during period t and receive at the
   * start of t + L (L = 0: at once); periodic ones (RS, base stock) review at the end of t and receive at t + L + 1.
   */
  readonly leadTime: number;
  /** Starting on-hand stock (default: the policy's order-up-to level). */
  readonly initialStock?: number;
  readonly holdingCostPerUnit?: number;
  readonly backorderCostPerUnit?: number;
  readonly orderCost?: number;
  /** Periods at the start excluded from the statistics (default 0). */
  readonly warmup?: number;
}

export interface SimulationResult {
  readonly periods: number;
  /** Fraction of replenishment cycles (between receipts) without a stockout. */
  readonly cycleServiceLevel: number;
  /** Fraction of periods whose demand was met in full from stock. */
  readonly periodServiceLevel: number;
  /** Fraction of demand met from stock on hand. */
  readonly fillRate: number;
  readonly averageOnHand: number;
  /** Average backorders at the end of a period. */
  readonly averageBackorders: number;
  readonly orders: number;
  readonly totalDemand: number;
  readonly cost: number;
}

/**
 * Replays a demand series through a policy. Each period: receive arrivals due → serve demand (unmet demand is
 * backordered and served first from later receipts) → review the inventory position (on hand + on order −
 * backorders) and order.
 */
export function simulatePolicy(demand: Series, policy: Policy, o: SimulationOptions): SimulationResult {
  const L = Math.max(0, Math.round(o.leadTime));
  const warmup = o.warmup ?? 0;
  // A continuous-review order is placed when the position crosses s during period t and arrives L periods later;
  // a periodic review happens at the end of period t, so its order arrives at the start of t + L + 1.
  const continuous = policy.kind === 'sQ' || policy.kind === 'sS';
  const transit = continuous ? L : L + 1;
  const n = demand.length;
  const arrivals = new Float64Array(n + L + 2);
  let onHand = o.initialStock ?? policy.orderUpTo;
  let backorders = 0;
  let onOrder = 0;
  let orders = 0;
  let cycles = 0;
  let cyclesWithStockout = 0;
  let cycleStockout = false;
  let periodsOk = 0;
  let served = 0;
  let totalDemand = 0;
  let sumOnHand = 0;
  let sumBackorders = 0;
  let cost = 0;
  let counted = 0;
  for (let t = 0; t < n; t++) {
    const counting = t >= warmup;
    const received = arrivals[t]!;
    if (received > 0) {
      onOrder -= received;
      onHand += received;
      const cleared = Math.min(onHand, backorders);
      onHand -= cleared;
      backorders -= cleared;
      if (counting) {
        cycles++;
        if (cycleStockout) cyclesWithStockout++;
      }
      cycleStockout = false;
    }
    const d = Math.max(0, demand[t]!);
    const fromStock = Math.min(onHand, d);
    onHand -= fromStock;
    backorders += d - fromStock;
    if (d - fromStock > 0) cycleStockout = true;
    const position = onHand + onOrder - backorders;
    const q = orderQuantityFor(policy, position, t);
    if (q > 0) {
      if (transit === 0) {
        onHand += q;
        const cleared = Math.min(onHand, backorders);
        onHand -= cleared;
        backorders -= cleared;
      } else {
        arrivals[t + transit] = arrivals[t + transit]! + q;
        onOrder += q;
      }
      if (counting) orders++;
    }
    if (counting) {
      counted++;
      totalDemand += d;
      served += fromStock;
      if (fromStock >= d) periodsOk++;
      sumOnHand += onHand;
      sumBackorders += backorders;
      cost +=
        (o.holdingCostPerUnit ?? 0) * onHand +
        (o.backorderCostPerUnit ?? 0) * backorders +
        (q > 0 ? (o.orderCost ?? 0) : 0);
    }
  }
  return {
    periods: counted,
    cycleServiceLevel: cycles > 0 ? 1 - cyclesWithStockout / cycles : periodsOk === counted ? 1 : 0,
    periodServiceLevel: counted > 0 ? periodsOk / counted : Number.NaN,
    fillRate: totalDemand > 0 ? served / totalDemand : 1,
    averageOnHand: counted > 0 ? sumOnHand / counted : Number.NaN,
    averageBackorders: counted > 0 ? sumBackorders / counted : Number.NaN,
    orders,
    totalDemand,
    cost,
  };
}

/** Bootstraps a demand path of `length` periods by resampling history with an injected Rng. */
export function bootstrapDemand(history: Series, length: number, rng: { next(): number }): Float64Array {
  const out = new Float64Array(length);
  for (let t = 0; t < length; t++) out[t] = history[Math.floor(rng.next() * history.length)]!;
  return out;
}
