import { tanimoto } from '../chem/fingerprint.js';
import { createRng, type Rng } from '../internal/rng.js';

/** A scored molecule in the population. */
export interface GaIndividual<T> {
  readonly smiles: string;
  readonly fitness: number;
  readonly bits: Uint32Array;
  readonly data: T;
  /** Generation in which it first appeared (0 = seed). */
  readonly generation: number;
}

/** What the GA needs from chemistry and scoring (implemented by the service over RDKit and the odor model). */
export interface GraphGaOperators<T> {
  /** One random graph mutation; `null` when none applies or the product is invalid. */
  mutate(smiles: string, rng: Rng): string | null;
  /** Child from a cut of each parent; `null` when it fails. */
  crossover(a: string, b: string, rng: Rng): string | null;
  /** Canonical SMILES, fitness and fingerprint; `null` for invalid or hard-gated molecules. */
  evaluate(smiles: string): { smiles: string; fitness: number; bits: Uint32Array; data: T } | null;
}

/** Options of {@link runGraphGa}; every field has a default. */
export interface GraphGaOptions {
  readonly populationSize?: number;
  readonly generations?: number;
  readonly offspringPerGeneration?: number;
  readonly crossoverRate?: number;
  readonly mutationRate?: number;
  readonly tournamentSize?: number;
  /** Survivors more similar than this (Tanimoto) to a better survivor are dropped (diversity niche). */
  readonly maxSimilarity?: number;
  readonly seed?: number;
}

/** Progress of one generation. */
export interface GaProgress {
  readonly generation: number;
  readonly bestFitness: number;
  readonly meanFitness: number;
  readonly evaluated: number;
}

/**
 * A graph-based genetic algorithm in the style of Jensen (2019): crossover by cutting and joining parents, mutations
 * as graph edits, tournament selection, elitist survival with a similarity niche for diversity. Deterministic for a
 * seed: all randomness comes from one seeded Rng and candidates are visited in a fixed order.
 *
 * @example
 * const result = runGraphGa(seeds, operators, { seed: 42, generations: 10 });
 * @see Jensen, "A graph-based genetic algorithm and generative model/Monte Carlo tree search for the exploration of
 * chemical space", Chem. Sci. 10:3567 (2019)
 */
export function runGraphGa<T>(
  seeds: readonly string[],
  operators: GraphGaOperators<T>,
  options: GraphGaOptions = {},
  onGeneration?: (p: GaProgress) => void,
): { population: GaIndividual<T>[]; evaluated: number; valid: number } {
  const o = {
    populationSize: 40,
    generations: 12,
    offspringPerGeneration: 40,
    crossoverRate: 0.5,
    mutationRate: 0.8,
    tournamentSize: 3,
    maxSimilarity: 0.8,
    seed: 42,
    ...options,
  };
  if (!Number.isInteger(o.populationSize) || o.populationSize < 2) throw new RangeError('populationSize must be >= 2');
  if (!Number.isInteger(o.generations) || o.generations < 0) throw new RangeError('generations must be >= 0');
  const rng = createRng(o.seed);
  const seen = new Map<string, GaIndividual<T> | null>();
  let evaluated = 0;
  let valid = 0;
  const evaluate = (smiles: string | null, generation: number): GaIndividual<T> | null => {
    if (!smiles) return null;
    if (seen.has(smiles)) return null;
    const e = operators.evaluate(smiles);
    evaluated++;
    const ind = e && Number.isFinite(e.fitness) ? { ...e, generation } : null;
    if (ind) valid++;
    seen.set(smiles, ind);
    if (e && e.smiles !== smiles) seen.set(e.smiles, ind);
    return ind;
  };

  let population = select(
    seeds.map((s) => evaluate(s, 0)).filter((x): x is GaIndividual<T> => x !== null),
    o.populationSize,
    o.maxSimilarity,
  );
  for (let g = 1; g <= o.generations && population.length > 0; g++) {
    const children: GaIndividual<T>[] = [];
    for (let c = 0; c < o.offspringPerGeneration; c++) {
      const a = tournament(population, o.tournamentSize, rng);
      let child: string | null = a.smiles;
      if (population.length > 1 && rng.next() < o.crossoverRate) {
        const b = tournament(population, o.tournamentSize, rng);
        child = operators.crossover(a.smiles, b.smiles, rng) ?? a.smiles;
      }
      if (rng.next() < o.mutationRate || child === a.smiles) child = operators.mutate(child, rng);
      const ind = evaluate(child, g);
      if (ind) children.push(ind);
    }
    population = select([...population, ...children], o.populationSize, o.maxSimilarity);
    const fit = population.map((p) => p.fitness);
    onGeneration?.({
      generation: g,
      bestFitness: fit[0] ?? Number.NaN,
      meanFitness: fit.reduce((s, x) => s + x, 0) / Math.max(1, fit.length),
      evaluated,
    });
  }
  return { population, evaluated, valid };
}

function tournament<T>(population: readonly GaIndividual<T>[], size: number, rng: Rng): GaIndividual<T> {
  let best = population[rng.int(population.length)];
  for (let i = 1; i < size; i++) {
    const c = population[rng.int(population.length)];
    if (c.fitness > best.fitness) best = c;
  }
  return best;
}

/** Best-first survival with a Tanimoto niche; ties broken by SMILES for determinism. */
function select<T>(pool: readonly GaIndividual<T>[], size: number, maxSimilarity: number): GaIndividual<T>[] {
  const unique = new Map<string, GaIndividual<T>>();
  for (const p of pool) if (!unique.has(p.smiles)) unique.set(p.smiles, p);
  const sorted = [...unique.values()].sort((a, b) => b.fitness - a.fitness || (a.smiles < b.smiles ? -1 : 1));
  const kept: GaIndividual<T>[] = [];
  const skipped: GaIndividual<T>[] = [];
  for (const c of sorted) {
    if (kept.length >= size) break;
    if (kept.some((k) => tanimoto(k.bits, c.bits) > maxSimilarity)) skipped.push(c);
    else kept.push(c);
  }
  for (const c of skipped) {
    if (kept.length >= size) break;
    kept.push(c);
  }
  return kept.sort((a, b) => b.fitness - a.fitness || (a.smiles < b.smiles ? -1 : 1));
}
