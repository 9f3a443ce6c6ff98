import { describe, expect, it } from 'vitest';
import { decideRestock, type RestockSituation } from './decide.js';

const steel: RestockSituation = {
  productId: 'STEEL_SHEETS',
  demandHistory: [100, 120, 110, 130, 125, 115, 140],
  currentStock: 150,
  leadTimeDays: 7,
  serviceLevel: 0.95,
  unitPrice: 500,
};

const long = (f: (i: number) => number, n = 28) => Array.from({ length: n }, (_, i) => f(i));

describe('decideRestock', () => {
  it('keeps the seed numbers and recommends a restock below the reorder point', () => {
    const d = decideRestock(steel);
    expect(d.stock.safetyStock).toBeCloseTo(57.57, 2);
    expect(d.action).toBe('restock');
    expect(d.quantity).toBeGreaterThanOrEqual(Math.ceil(d.stock.shortage) - 1);
    expect(d.reasoning).toContain('897.57');
    expect(d.reasoning).toContain('57.57');
  });

  it('returns none, quantity 0 and confidence 1 at or above the reorder point', () => {
    const d = decideRestock({ ...steel, currentStock: 1000 });
    expect(d.action).toBe('none');
    expect(d.quantity).toBe(0);
    expect(d.confidence.confidence).toBe(1);
  });

  it('gives lower confidence and a smaller order for falling demand than for stable demand', () => {
    const stable = decideRestock({ ...steel, demandHistory: long((i) => 100 + ((i * 7) % 5) - 2), currentStock: 100 });
    const falling = decideRestock({
      ...steel,
      demandHistory: long((i) => 160 - 4 * i + ((i * 7) % 5) - 2),
      currentStock: 100,
    });
    expect(falling.evidence.trend).toBe('falling');
    expect(stable.evidence.trend).toBe('flat');
    expect(falling.confidence.confidence).toBeLessThan(stable.confidence.confidence);
    expect(falling.plannedDailyDemand).toBeLessThan(falling.stock.averageDemand);
  });

  it('gives lower confidence for sparse history', () => {
    const history = long((i) => 100 + ((i * 7) % 5) - 2);
    const rich = decideRestock({ ...steel, demandHistory: history, currentStock: 100 });
    const sparse = decideRestock({ ...steel, demandHistory: history.slice(-3), currentStock: 100 });
    expect(sparse.confidence.confidence).toBeLessThan(rich.confidence.confidence);
  });

  it('gives lower confidence when the LLM disagrees with the policy, and clamps absurd quantities', () => {
    const base = decideRestock(steel);
    const agree = decideRestock(steel, {
      llmProposal: { action: 'restock', quantity: base.quantity, confidence: 0.2, reasoning: 'ok' },
    });
    const disagree = decideRestock(steel, {
      llmProposal: { action: 'none', quantity: 0, confidence: 0.99, reasoning: 'no' },
    });
    const absurd = decideRestock(steel, {
      llmProposal: { action: 'restock', quantity: 1e9, confidence: 1, reasoning: 'lots' },
    });
    expect(agree.confidence.confidence).toBeCloseTo(base.confidence.confidence, 12);
    expect(disagree.confidence.confidence).toBeLessThan(agree.confidence.confidence);
    expect(absurd.llm?.wasClamped).toBe(true);
    expect(absurd.llm!.clampedQuantity).toBeLessThanOrEqual(3 * base.quantity);
    // the LLM never changes the decision
    expect(disagree.action).toBe('restock');
    expect(disagree.quantity).toBe(base.quantity);
  });

  it('transfers when another location has surplus above the rule and the shortage is small', () => {
    const small = { ...steel, currentStock: 700, otherLocations: [{ locationId: 'WH-B', surplus: 350 }] };
    const d = decideRestock(small);
    expect(d.action).toBe('transfer');
    expect(d.transferFrom).toBe('WH-B');
    expect(d.quantity).toBe(Math.ceil(d.stock.shortage));
    const strict = decideRestock(small, { transferRule: { minSurplus: 400, maxShortage: 500 } });
    expect(strict.action).toBe('restock');
  });

  it('rounds the order to MOQ and pack size', () => {
    const d = decideRestock({ ...steel, moq: 1000, packSize: 250 });
    expect(d.quantity % 250).toBe(0);
    expect(d.quantity).toBeGreaterThanOrEqual(1000);
  });
});

describe('decideRestock lead-time uncertainty', () => {
  it('uses backtest residuals when the history is long enough, and they reflect noisier demand', () => {
    const calm = decideRestock({
      ...steel,
      demandHistory: long((i) => 100 + (i % 2)),
      currentStock: 100,
      leadTimeDays: 3,
    });
    const noisy = decideRestock({
      ...steel,
      demandHistory: long((i) => 100 + ((i * 37) % 41) - 20),
      currentStock: 100,
      leadTimeDays: 3,
    });
    expect(calm.reasoning).toContain('backtest residuals');
    expect(noisy.confidence.factors.forecast_uncertainty).toBeLessThan(calm.confidence.factors.forecast_uncertainty!);
    expect(decideRestock(steel).reasoning).toContain('(σ·√L)');
  });
});
