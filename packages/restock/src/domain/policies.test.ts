import { inverseNormalCdf } from '@quintessence/numeric';
import { describe, expect, it } from 'vitest';
import { allocateBudget, designPolicy, orderQuantityFor } from './policies.js';
import { mulberry32, normalDraw } from './rng.js';
import { simulatePolicy } from './simulation.js';

describe('designPolicy', () => {
  it('(s,Q): s = d̄L + z·σ√L and Q = EOQ rounded to the pack size', () => {
    const p = designPolicy({
      kind: 'sQ',
      demandMean: 100,
      demandSd: 20,
      leadTime: 4,
      serviceLevel: 0.95,
      orderCost: 50,
      holdingCostPerPeriod: 0.1,
      packSize: 50,
    });
    expect(p.reorderPoint).toBeCloseTo(400 + inverseNormalCdf(0.95) * 20 * 2, 10);
    expect(p.orderQuantity).toBe(Math.ceil(Math.sqrt((2 * 50 * 100) / 0.1) / 50) * 50);
  });
  it('(R,S) protects over R + L', () => {
    const p = designPolicy({
      kind: 'RS',
      demandMean: 10,
      demandSd: 3,
      leadTime: 2,
      reviewPeriod: 2,
      serviceLevel: 0.9,
    });
    expect(p.orderUpTo).toBeCloseTo(40 + inverseNormalCdf(0.9) * 3 * 2, 10);
    expect(orderQuantityFor(p, 10, 1)).toBe(0); // not a review period
    expect(orderQuantityFor(p, 10, 2)).toBe(Math.ceil(p.orderUpTo - 10));
  });
  it('a fill-rate target gives a lower safety factor than the same cycle service level when Q is large', () => {
    const fill = designPolicy({
      kind: 'sQ',
      demandMean: 10,
      demandSd: 5,
      leadTime: 2,
      fillRate: 0.95,
      orderCost: 100,
      holdingCostPerPeriod: 0.01,
    });
    const csl = designPolicy({
      kind: 'sQ',
      demandMean: 10,
      demandSd: 5,
      leadTime: 2,
      serviceLevel: 0.95,
      orderCost: 100,
      holdingCostPerPeriod: 0.01,
    });
    expect(fill.z).toBeLessThan(csl.z);
  });
});

describe('allocateBudget', () => {
  it('funds the most urgent SKUs first and cuts the last to whole packs', () => {
    const out = allocateBudget(
      [
        { id: 'a', quantity: 100, unitCost: 10, shortage: 10, demandMean: 10 },
        { id: 'b', quantity: 100, unitCost: 10, shortage: 100, demandMean: 10 },
        { id: 'c', quantity: 100, unitCost: 1, shortage: 50, demandMean: 10, packSize: 30 },
      ],
      1050,
    );
    expect(out.get('b')).toBe(100);
    expect(out.get('c')).toBe(30); // 50 left → one pack of 30
    expect(out.get('a')).toBe(2); // 20 left → 2 units of a
  });
});

describe('simulatePolicy', () => {
  it('a base-stock policy on normal demand achieves about its target cycle service level', () => {
    const rng = mulberry32(7);
    const demand = Float64Array.from({ length: 20000 }, () => Math.max(0, 100 + 10 * normalDraw(rng)));
    const policy = designPolicy({ kind: 'base_stock', demandMean: 100, demandSd: 10, leadTime: 2, serviceLevel: 0.95 });
    const r = simulatePolicy(demand, policy, { leadTime: 2, warmup: 10 });
    expect(r.cycleServiceLevel).toBeGreaterThan(0.93);
    expect(r.cycleServiceLevel).toBeLessThan(0.97);
    expect(r.fillRate).toBeGreaterThan(r.cycleServiceLevel);
  });
  it('receives before demand: an order arriving this period serves this period', () => {
    const policy = designPolicy({ kind: 'sS', demandMean: 5, demandSd: 0, leadTime: 1, serviceLevel: 0.5 });
    const r = simulatePolicy([5, 5, 5, 5, 5, 5], policy, { leadTime: 1 });
    expect(r.fillRate).toBe(1);
    expect(r.averageBackorders).toBe(0);
  });
  it('more safety stock never lowers the fill rate', () => {
    const rng = mulberry32(1);
    const demand = Float64Array.from({ length: 3000 }, () => (rng.next() < 0.3 ? Math.round(rng.next() * 10) : 0));
    const lo = simulatePolicy(
      demand,
      designPolicy({ kind: 'sQ', demandMean: 1.5, demandSd: 2.8, leadTime: 3, serviceLevel: 0.8 }),
      { leadTime: 3 },
    );
    const hi = simulatePolicy(
      demand,
      designPolicy({ kind: 'sQ', demandMean: 1.5, demandSd: 2.8, leadTime: 3, serviceLevel: 0.98 }),
      { leadTime: 3 },
    );
    expect(hi.fillRate).toBeGreaterThanOrEqual(lo.fillRate);
    expect(hi.averageOnHand).toBeGreaterThan(lo.averageOnHand);
  });
});
