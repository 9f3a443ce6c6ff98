import { describe, expect, it } from 'vitest';
import type { GraphAtom, GraphBond, MolGraph } from '../chem/mol-graph.js';
import { simpolGroups, vaporPressure } from './vapor-pressure.js';

/** Builds a small acyclic graph from atom specs and bonds (no toolkit needed). */
function graph(atoms: [number, number][], bonds: [number, number, number][]): MolGraph {
  const bondIdx: number[][] = atoms.map(() => []);
  const gb: GraphBond[] = bonds.map(([a, b, type], i) => {
    bondIdx[a].push(i);
    bondIdx[b].push(i);
    return { begin: a, end: b, type, isInRing: false };
  });
  const ga: GraphAtom[] = atoms.map(([z, hs], i) => ({
    z,
    hs,
    charge: 0,
    isotope: 0,
    isAromatic: false,
    isInRing: false,
    bondIdx: bondIdx[i],
  }));
  return { smiles: '', atoms: ga, bonds: gb, rings: [] };
}

const octane = graph(
  [
    [6, 3],
    [6, 2],
    [6, 2],
    [6, 2],
    [6, 2],
    [6, 2],
    [6, 2],
    [6, 3],
  ],
  [0, 1, 2, 3, 4, 5, 6].map((i) => [i, i + 1, 1] as [number, number, number]),
);

describe('SIMPOL.1 vapour pressure', () => {
  it('reproduces the Pankow & Asher estimate for n-octane at 298.15 K (close to the measured -1.73)', () => {
    // zeroeth group + 8 x carbon number, evaluated from Table 5 by hand: -1.550
    const v = vaporPressure(octane);
    expect(v.log10Atm).toBeCloseTo(-1.55, 2);
    expect(v.notePosition).toBe('top');
  });

  it('counts an ester and an alkyl hydroxyl', () => {
    // ethyl acetate CC(=O)OCC and ethanol CCO
    const ester = graph(
      [
        [6, 3],
        [6, 0],
        [8, 0],
        [8, 0],
        [6, 2],
        [6, 3],
      ],
      [
        [0, 1, 1],
        [1, 2, 2],
        [1, 3, 1],
        [3, 4, 1],
        [4, 5, 1],
      ],
    );
    expect(simpolGroups(ester)[11]).toBe(1);
    expect(simpolGroups(ester)[12]).toBe(0);
    const ethanol = graph(
      [
        [6, 3],
        [6, 2],
        [8, 1],
      ],
      [
        [0, 1, 1],
        [1, 2, 1],
      ],
    );
    expect(simpolGroups(ethanol)[7]).toBe(1);
    // each hydroxyl lowers the vapour pressure by orders of magnitude
    expect(vaporPressure(ethanol).log10Atm).toBeLessThan(vaporPressure(ester).log10Atm);
  });

  it('rejects a non-positive temperature', () => {
    expect(() => vaporPressure(octane, { temperatureK: 0 })).toThrow(RangeError);
  });
});
