import { describe, expect, it } from 'vitest';
import { type GraphGaOperators, runGraphGa } from './graph-ga.js';

// A toy "chemistry": strings over {C, O}; fitness prefers length 12 with exactly 3 O. Bits encode (position, char).
const operators: GraphGaOperators<null> = {
  mutate: (s, rng) => {
    const i = rng.int(s.length + 1);
    const r = rng.next();
    if (r < 0.4) return s.slice(0, i) + (rng.next() < 0.5 ? 'C' : 'O') + s.slice(i);
    if (r < 0.7 && s.length > 1) return s.slice(0, i) + s.slice(i + 1);
    return s.slice(0, i) + (s[i] === 'C' ? 'O' : 'C') + s.slice(i + 1);
  },
  crossover: (a, b, rng) => a.slice(0, rng.int(a.length + 1)) + b.slice(rng.int(b.length + 1)),
  evaluate: (s) => {
    if (!/^[CO]+$/.test(s)) return null;
    const o = [...s].filter((c) => c === 'O').length;
    const bits = Uint32Array.from(new Set([...s].map((c, i) => i * 2 + (c === 'O' ? 1 : 0)))).sort();
    return { smiles: s, fitness: -Math.abs(s.length - 12) - Math.abs(o - 3), bits, data: null };
  },
};

describe('runGraphGa', () => {
  it('improves fitness from poor seeds and reaches the optimum of a toy problem', () => {
    const { population } = runGraphGa(['C', 'CC', 'O'], operators, { seed: 3, generations: 40, populationSize: 20 });
    expect(population[0].fitness === 0).toBe(true);
    expect(population[0].smiles).toHaveLength(12);
  });

  it('is reproducible for a seed and differs for another seed', () => {
    const a = runGraphGa(['CC', 'OC'], operators, { seed: 11, generations: 8 }).population.map((p) => p.smiles);
    const b = runGraphGa(['CC', 'OC'], operators, { seed: 11, generations: 8 }).population.map((p) => p.smiles);
    const c = runGraphGa(['CC', 'OC'], operators, { seed: 12, generations: 8 }).population.map((p) => p.smiles);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('keeps the population diverse through the similarity niche', () => {
    const { population } = runGraphGa(['CCCCCC'], operators, {
      seed: 5,
      generations: 15,
      populationSize: 12,
      maxSimilarity: 0.6,
    });
    expect(new Set(population.map((p) => p.smiles)).size).toBe(population.length);
  });

  it('rejects invalid options', () => {
    expect(() => runGraphGa(['C'], operators, { populationSize: 1 })).toThrow(RangeError);
  });
});
