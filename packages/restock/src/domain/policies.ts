import { inverseNormalCdf } from '@quintessence/numeric';
import { economicOrderQuantity } from './eoq.js';
import { roundOrderQuantity } from './order-rounding.js';
import { safetyFactorForFillRate, safetyStock } from './safety-stock.js';

/**
 * Replenishment policies as values: each says, from the inventory position at a review, how much to order.
 *
 * - `sQ`: continuous review, order Q (EOQ) whenever position ≤ s.
 * - `RS`: periodic review every R periods, order up to S.
 * - `sS`: order up to S whenever position ≤ s.
 * - `base_stock`: order up to S every period (R = 1).
 */
export type PolicyKind = 'sQ' | 'RS' | 'sS' | 'base_stock';
export const policyKinds: readonly PolicyKind[] = ['sQ', 'RS', 'sS', 'base_stock'];

export interface Policy {
  readonly kind: PolicyKind;
  /** Reorder point s (sQ, sS); for RS/base stock the order-up-to level minus one cycle's demand. */
  readonly reorderPoint: number;
  /** Order quantity Q (sQ) or the nominal Q used for S = s + Q (sS). */
  readonly orderQuantity: number;
  /** Order-up-to level S (RS, sS, base stock). */
  readonly orderUpTo: number;
  /** Review period R (1 for continuous policies simulated per period). */
  readonly reviewPeriod: number;
  readonly safetyStock: number;
  readonly z: number;
  readonly moq: number;
  readonly packSize: number;
}

export interface PolicyDesignInput {
  readonly kind: PolicyKind;
  /** Mean demand per period. */
  readonly demandMean: number;
  /** Standard deviation of demand per period (or per-period forecast error). */
  readonly demandSd: number;
  readonly leadTime: number;
  readonly leadTimeSd?: number;
  /** Cycle service level target (used unless fillRate is given). */
  readonly serviceLevel?: number;
  /** Fill-rate target (type 2 service): the safety factor solves σ·L(k) = (1 − β)·cycle demand. */
  readonly fillRate?: number;
  /** Review period for RS (default 1). */
  readonly reviewPeriod?: number;
  /** Order cost per order (EOQ); with holding cost per unit per period. Without them Q = demand over the review period (at least 1). */
  readonly orderCost?: number;
  readonly holdingCostPerPeriod?: number;
  readonly moq?: number;
  readonly packSize?: number;
}

/**
 * Designs a policy from demand statistics: safety stock z·√(L·σ_d² + d̄²·σ_L²) over the protection interval (L for
 * continuous review, R + L for periodic), z from the cycle service level or solved from a fill rate, Q = EOQ rounded
 * to MOQ and pack size.
 */
export function designPolicy(input: PolicyDesignInput): Policy {
  const moq = input.moq ?? 0;
  const packSize = input.packSize ?? 1;
  const R = input.kind === 'RS' ? Math.max(1, input.reviewPeriod ?? 1) : 1;
  const periodic = input.kind === 'RS' || input.kind === 'base_stock';
  const protection = periodic ? input.leadTime + R : input.leadTime;
  const d = Math.max(input.demandMean, 0);
  let q: number;
  if (input.orderCost && input.holdingCostPerPeriod && d > 0) {
    q = economicOrderQuantity({
      demandRate: d,
      fixedCost: input.orderCost,
      holdingCost: input.holdingCostPerPeriod,
    }).quantity;
  } else {
    q = Math.max(d * R, 1);
  }
  q = roundOrderQuantity(q, { moq, packSize });
  const sigmaProtection = Math.sqrt(protection * input.demandSd ** 2 + d * d * (input.leadTimeSd ?? 0) ** 2);
  let z: number;
  if (input.fillRate !== undefined) {
    z = safetyFactorForFillRate({
      fillRate: input.fillRate,
      cycleDemand: periodic ? d * R : q,
      leadTimeDemandSd: sigmaProtection,
    });
  } else {
    z = inverseNormalCdf(input.serviceLevel ?? 0.95);
  }
  const ss = safetyStock({
    z,
    demandMean: d,
    demandSd: input.demandSd,
    leadTime: protection,
    leadTimeSd: input.leadTimeSd,
  });
  const base = d * protection + ss;
  switch (input.kind) {
    case 'sQ':
      return {
        kind: 'sQ',
        reorderPoint: base,
        orderQuantity: q,
        orderUpTo: base + q,
        reviewPeriod: 1,
        safetyStock: ss,
        z,
        moq,
        packSize,
      };
    case 'sS':
      return {
        kind: 'sS',
        reorderPoint: base,
        orderQuantity: q,
        orderUpTo: base + q,
        reviewPeriod: 1,
        safetyStock: ss,
        z,
        moq,
        packSize,
      };
    case 'RS':
    case 'base_stock':
      return {
        kind: input.kind,
        reorderPoint: base - d * R,
        orderQuantity: d * R,
        orderUpTo: base,
        reviewPeriod: R,
        safetyStock: ss,
        z,
        moq,
        packSize,
      };
  }
}

/**
 * How much the policy orders at a review with the given inventory position (on hand + on order − backorders).
 * (s,Q) orders enough multiples of Q to lift the position above s.
 */
export function orderQuantityFor(policy: Policy, position: number, period = 0): number {
  if (period % policy.reviewPeriod !== 0) return 0;
  const rounding = { moq: policy.moq, packSize: policy.packSize };
  switch (policy.kind) {
    case 'sQ': {
      if (position > policy.reorderPoint) return 0;
      const k = Math.floor((policy.reorderPoint - position) / policy.orderQuantity) + 1;
      return roundOrderQuantity(k * policy.orderQuantity, rounding);
    }
    case 'sS':
      return position <= policy.reorderPoint ? roundOrderQuantity(policy.orderUpTo - position, rounding) : 0;
    case 'RS':
    case 'base_stock':
      return position < policy.orderUpTo ? roundOrderQuantity(policy.orderUpTo - position, rounding) : 0;
  }
}

export interface BudgetRequest {
  readonly id: string;
  readonly quantity: number;
  readonly unitCost: number;
  /** Units short of the reorder point (the risk being covered). */
  readonly shortage: number;
  /** Mean demand per period (for days-of-cover ranking). */
  readonly demandMean: number;
  readonly packSize?: number;
}

/**
 * Budget-constrained allocation: funds orders in order of urgency (shortage in periods of demand, largest first),
 * cutting the last funded order down to whole packs. Returns the funded quantity per id.
 */
export function allocateBudget(requests: readonly BudgetRequest[], budget: number): Map<string, number> {
  const urgency = (r: BudgetRequest) => (r.demandMean > 0 ? r.shortage / r.demandMean : r.shortage);
  const sorted = [...requests].sort((a, b) => urgency(b) - urgency(a) || a.id.localeCompare(b.id));
  const out = new Map<string, number>();
  let left = budget;
  for (const r of sorted) {
    const cost = r.quantity * r.unitCost;
    if (cost <= left) {
      out.set(r.id, r.quantity);
      left -= cost;
      continue;
    }
    const pack = r.packSize && r.packSize > 0 ? r.packSize : 1;
    const affordable = r.unitCost > 0 ? Math.floor(left / r.unitCost / pack) * pack : r.quantity;
    out.set(r.id, Math.max(0, Math.min(affordable, r.quantity)));
    left -= out.get(r.id)! * r.unitCost;
  }
  return out;
}
