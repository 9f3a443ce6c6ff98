import { describe, expect, it } from 'vitest';
import { formulate } from './formulation.js';

describe('formulate', () => {
  it('splits an EdP concentrate 0.3/0.5/0.2 across tiers', () => {
    const f = formulate(
      [
        { smiles: 'A', notePosition: 'top', weight: 1 },
        { smiles: 'B', notePosition: 'heart', weight: 1 },
        { smiles: 'C', notePosition: 'heart', weight: 3 },
        { smiles: 'D', notePosition: 'base', weight: 1 },
      ],
      { product: 'edp' },
    );
    const by = Object.fromEntries(f.lines.map((l) => [l.smiles, l]));
    expect(f.concentratePercent).toBe(18);
    expect(by.A.concentratePercent).toBeCloseTo(30, 9);
    expect(by.B.concentratePercent).toBeCloseTo(12.5, 9);
    expect(by.C.concentratePercent).toBeCloseTo(37.5, 9);
    expect(by.D.productPercent).toBeCloseTo(0.2 * 18, 9);
    expect(f.isIfraCompliant).toBe(true);
  });

  it('caps a restricted material at its IFRA limit and redistributes within the tier', () => {
    const f = formulate(
      [
        { smiles: 'R', notePosition: 'heart', weight: 1, ifraLimitPercent: 0.6 },
        { smiles: 'S', notePosition: 'heart', weight: 1 },
        { smiles: 'T', notePosition: 'top', weight: 1 },
        { smiles: 'U', notePosition: 'base', weight: 1 },
      ],
      { product: 'parfum' },
    );
    const r = f.lines.find((l) => l.smiles === 'R')!;
    const s = f.lines.find((l) => l.smiles === 'S')!;
    expect(r.productPercent).toBeCloseTo(0.6, 9);
    expect(r.capped).toBe(true);
    expect(r.concentratePercent + s.concentratePercent).toBeCloseTo(50, 9);
    expect(f.isIfraCompliant).toBe(true);
  });

  it('leaves prohibited materials out and reports empty tiers and unassigned concentrate', () => {
    const f = formulate(
      [
        { smiles: 'P', notePosition: 'top', weight: 1, isProhibited: true },
        { smiles: 'Q', notePosition: 'heart', weight: 1, ifraLimitPercent: 1 },
      ],
      { product: 'edt' },
    );
    expect(f.lines.map((l) => l.smiles)).toEqual(['Q']);
    expect(f.warnings.join(' ')).toContain('prohibited');
    expect(f.unassignedConcentratePercent).toBeCloseTo(100 - (1 / 12) * 100, 6);
  });
});
