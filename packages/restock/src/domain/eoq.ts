/**
 * Economic order quantity models (deterministic demand).
 *
 * @see F. W. Harris (1913); Snyder & Shen, Fundamentals of Supply Chain Theory, ch. 3.
 */

function positive(name: string, v: number): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
}

/**
 * EOQ Q* = √(2Kλ/h) and its annual cost g* = √(2Kλh).
 *
 * @example economicOrderQuantity({ demandRate: 36500, fixedCost: 50, holdingCost: 5 }).quantity // 854.4003745...
 */
export function economicOrderQuantity(o: { demandRate: number; fixedCost: number; holdingCost: number }): {
  quantity: number;
  cost: number;
} {
  positive('demandRate', o.demandRate);
  positive('fixedCost', o.fixedCost);
  positive('holdingCost', o.holdingCost);
  return {
    quantity: Math.sqrt((2 * o.fixedCost * o.demandRate) / o.holdingCost),
    cost: Math.sqrt(2 * o.fixedCost * o.demandRate * o.holdingCost),
  };
}

/** EOQ with planned backorders: Q* = √(2Kλ(h+p)/(hp)), backordered fraction x* = h/(h+p), g* = √(2Kλhp/(h+p)). */
export function economicOrderQuantityWithBackorders(o: {
  demandRate: number;
  fixedCost: number;
  holdingCost: number;
  stockoutCost: number;
}): { quantity: number; backorderFraction: number; cost: number } {
  positive('stockoutCost', o.stockoutCost);
  const { fixedCost: K, demandRate: l, holdingCost: h, stockoutCost: p } = o;
  return {
    quantity: Math.sqrt((2 * K * l * (h + p)) / (h * p)),
    backorderFraction: h / (h + p),
    cost: Math.sqrt((2 * K * l * h * p) / (h + p)),
  };
}

export interface DiscountOptions {
  readonly fixedCost: number;
  /** Holding cost as a fraction of the unit cost per year (i). */
  readonly holdingRate: number;
  readonly demandRate: number;
  /** Lower quantity bound of each price region, starting at 0. */
  readonly breakpoints: readonly number[];
  readonly unitCosts: readonly number[];
}

/** EOQ with all-units quantity discounts: the best of each region's clamped EOQ (region index is 0-based). */
export function eoqAllUnitsDiscount(o: DiscountOptions): { quantity: number; region: number; cost: number } {
  const { fixedCost: K, holdingRate: i, demandRate: l, breakpoints: b, unitCosts: c } = o;
  let best = { quantity: Number.NaN, region: -1, cost: Number.POSITIVE_INFINITY };
  for (let j = 0; j < c.length; j++) {
    const hi = j + 1 < b.length ? b[j + 1]! : Number.POSITIVE_INFINITY;
    let q = Math.sqrt((2 * K * l) / (i * c[j]!));
    if (q < b[j]!) q = b[j]!;
    if (q >= hi) continue;
    const cost = c[j]! * l + (K * l) / q + (i * c[j]! * q) / 2;
    if (cost < best.cost) best = { quantity: q, region: j, cost };
  }
  return best;
}

/** EOQ with incremental quantity discounts (each region's EOQ with the fixed-cost adjustment c̄ⱼ). */
export function eoqIncrementalDiscount(o: DiscountOptions): { quantity: number; region: number; cost: number } {
  const { fixedCost: K, holdingRate: i, demandRate: l, breakpoints: b, unitCosts: c } = o;
  let best = { quantity: Number.NaN, region: -1, cost: Number.POSITIVE_INFINITY };
  let cumulative = 0; // cost of buying b[j] units
  for (let j = 0; j < c.length; j++) {
    if (j > 0) cumulative += c[j - 1]! * (b[j]! - b[j - 1]!);
    const cBar = cumulative - c[j]! * b[j]!;
    const hi = j + 1 < b.length ? b[j + 1]! : Number.POSITIVE_INFINITY;
    const q = Math.sqrt((2 * (K + cBar) * l) / (i * c[j]!));
    if (q < b[j]! || q >= hi) continue;
    const cost = c[j]! * l + ((K + cBar) * l) / q + (i * (c[j]! * q + cBar)) / 2;
    if (cost < best.cost) best = { quantity: q, region: j, cost };
  }
  return best;
}
