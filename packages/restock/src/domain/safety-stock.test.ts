import { describe, expect, it } from 'vitest';
import { economicOrderQuantity } from './eoq.js';
import { standardNormalLoss } from './loss-functions.js';
import { roundOrderQuantity } from './order-rounding.js';
import { analyzeStock, safetyFactorForFillRate, safetyStock } from './safety-stock.js';
import { mean, sampleStd } from './statistics.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

describe('analyzeStock (seed formulas)', () => {
  it('reproduces STEEL_SHEETS: safety stock 57.57, reorder point 897.57, shortage 747.57', () => {
    const a = analyzeStock({
      demandHistory: [100, 120, 110, 130, 125, 115, 140],
      currentStock: 150,
      leadTime: 7,
      serviceLevel: 0.95,
    });
    expect(round2(a.safetyStock)).toBe(57.57);
    expect(round2(a.reorderPoint)).toBe(897.57);
    expect(round2(a.shortage)).toBe(747.57);
    expect(a.shouldReorder).toBe(true);
  });

  it('reproduces COPPER_WIRE 17.73 / 306.30 and TITANIUM_RODS 23.03 / 247.03', () => {
    const cu = analyzeStock({
      demandHistory: [25, 30, 28, 32, 27, 29, 31],
      currentStock: 80,
      leadTime: 10,
      serviceLevel: 0.99,
    });
    expect(round2(cu.safetyStock)).toBe(17.73);
    expect(round2(cu.reorderPoint)).toBe(306.3);
    const ti = analyzeStock({
      demandHistory: [15, 18, 12, 20, 16, 14, 17],
      currentStock: 45,
      leadTime: 14,
      serviceLevel: 0.99,
    });
    expect(round2(ti.safetyStock)).toBe(23.03);
    expect(round2(ti.reorderPoint)).toBe(247.03);
  });

  it('uses the n − 1 standard deviation', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
  });

  it('does not reorder at or above the reorder point', () => {
    const a = analyzeStock({ demandHistory: [10, 10, 10], currentStock: 30, leadTime: 3, serviceLevel: 0.95 });
    expect(a.reorderPoint).toBe(30);
    expect(a.shouldReorder).toBe(false);
  });
});

describe('economicOrderQuantity', () => {
  it('EOQ(36500, 50, 5) = 854.4 (the seed test expected the wrong value)', () => {
    expect(economicOrderQuantity({ demandRate: 36500, fixedCost: 50, holdingCost: 5 }).quantity).toBeCloseTo(854.4, 1);
  });
  it('rejects non-positive inputs', () => {
    expect(() => economicOrderQuantity({ demandRate: 0, fixedCost: 50, holdingCost: 5 })).toThrow(RangeError);
  });
});

describe('safetyStock with lead-time variability', () => {
  it('adds d̄²σ_L² under the root', () => {
    expect(safetyStock({ z: 2, demandMean: 10, demandSd: 3, leadTime: 4, leadTimeSd: 1 })).toBeCloseTo(
      2 * Math.sqrt(4 * 9 + 100),
      12,
    );
    expect(safetyStock({ z: 2, demandMean: 10, demandSd: 3, leadTime: 4 })).toBeCloseTo(12, 12);
  });
});

describe('safetyFactorForFillRate', () => {
  it('solves σ·L(k) = (1 − β)·Q', () => {
    const k = safetyFactorForFillRate({ fillRate: 0.98, cycleDemand: 200, leadTimeDemandSd: 40 });
    expect(40 * standardNormalLoss(k).loss).toBeCloseTo(0.02 * 200, 10);
  });
  it('needs less safety for a larger order quantity', () => {
    const small = safetyFactorForFillRate({ fillRate: 0.95, cycleDemand: 50, leadTimeDemandSd: 40 });
    const large = safetyFactorForFillRate({ fillRate: 0.95, cycleDemand: 500, leadTimeDemandSd: 40 });
    expect(large).toBeLessThan(small);
  });
});

describe('roundOrderQuantity', () => {
  it('rounds up to the pack size and at least the MOQ', () => {
    expect(roundOrderQuantity(101, { packSize: 25 })).toBe(125);
    expect(roundOrderQuantity(10, { packSize: 25, moq: 60 })).toBe(75);
    expect(roundOrderQuantity(0, { moq: 60 })).toBe(0);
  });
});
