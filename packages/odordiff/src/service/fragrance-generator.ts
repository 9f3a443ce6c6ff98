import { AppError } from '@quintessence/platform';
import { morganBits } from '../domain/chem/fingerprint.js';
import { type BriefTargets, briefMatch, parseBrief } from '../domain/generation/brief.js';
import { type GaProgress, type GraphGaOperators, runGraphGa } from '../domain/generation/graph-ga.js';
import { crossoverCut, graphMutations, unrealisticMotifs } from '../domain/generation/mutations.js';
import { createRng, type Rng } from '../domain/internal/rng.js';
import type { FragmentScores } from '../domain/properties/sa-score.js';
import type { BriefScreen } from '../domain/safety/brief-screen.js';
import type { SafetyAssessment } from '../domain/safety/safety-assessment.js';
import type { ChemToolkit } from '../ports.js';
import type { KnownOdorants } from './known-odorants.js';
import type { KnownOdorant, OdorPredictor } from './odor-predictor.js';
import { computeProperties, type MolecularProperties } from './properties.js';
import type { SafetyScreen } from './safety-screen.js';

/** Design constraints; defaults are the perfumery window of the issue. */
export interface DesignConstraints {
  readonly molWeight: readonly [number, number];
  readonly clogP: readonly [number, number];
  readonly maxSaScore: number;
  /** Vapour-pressure window at 25 °C, log10(Pa). */
  readonly log10VaporPressurePa: readonly [number, number];
  readonly maxHeavyAtoms: number;
}

export const defaultConstraints: DesignConstraints = {
  molWeight: [150, 350],
  clogP: [1.5, 4.5],
  maxSaScore: 4.5,
  log10VaporPressurePa: [-2.5, 3],
  maxHeavyAtoms: 26,
};

/** Options of {@link generateFragrances}. */
export interface GenerateOptions {
  readonly count?: number;
  readonly seed?: number;
  readonly generations?: number;
  readonly populationSize?: number;
  readonly constraints?: Partial<DesignConstraints>;
  /** Known odorants to report beside the novel candidates. */
  readonly knownMatches?: number;
  readonly onProgress?: (p: GaProgress) => void;
}

/** One proposed molecule with everything a chemist needs to judge it. */
export interface FragranceCandidate {
  readonly smiles: string;
  readonly novelty: 'novel' | 'known';
  readonly knownIn: readonly string[];
  readonly fitness: number;
  readonly briefMatch: number;
  readonly odor: {
    readonly top: readonly { readonly descriptor: string; readonly probability: number }[];
    readonly odorless: number;
    readonly isPlausiblyOdorous: boolean;
  };
  readonly properties: MolecularProperties;
  readonly constraintViolations: readonly string[];
  readonly safety: SafetyAssessment;
  readonly nearestKnown: readonly KnownOdorant[];
  readonly generation: number;
}

/** A known odorant that matches the brief by its recorded GS-LF descriptors (retrieval). */
export interface KnownMatch {
  readonly smiles: string;
  readonly descriptors: readonly string[];
  readonly score: number;
}

export interface GenerationResult {
  readonly brief: {
    readonly text: string;
    readonly targets: Readonly<Record<string, number>>;
    readonly avoid: Readonly<Record<string, number>>;
    readonly intensity: string;
    readonly notePosition: string | null;
    readonly unmatched: readonly string[];
    /** EU natural allergens (essential oils, extracts) the brief names: labelling applies if they are used. */
    readonly naturalAllergens: BriefScreen['naturalAllergens'];
  };
  readonly seed: number;
  readonly candidates: readonly FragranceCandidate[];
  readonly knownMatches: readonly KnownMatch[];
  readonly evaluated: number;
  /** Molecules that passed the validity, constraint-independent and safety gates. */
  readonly valid: number;
}

interface Scored {
  readonly properties: MolecularProperties;
  readonly match: number;
  readonly odorless: number;
  readonly probabilities: Float64Array;
  readonly embedding: Float64Array;
  readonly violations: string[];
}

/** Services the generator composes. */
export interface GeneratorServices {
  readonly toolkit: ChemToolkit;
  readonly fragments: FragmentScores;
  readonly predictor: OdorPredictor;
  readonly safety: SafetyScreen;
  readonly known: KnownOdorants;
}

/** Ranks GS-LF odorants by how well their recorded descriptors match the brief. */
export function retrieveKnown(targets: BriefTargets, known: KnownOdorants, k: number): KnownMatch[] {
  const scored = known.gslf.map((o) => {
    const set = new Set(o.descriptors);
    let num = 0;
    let den = 0;
    for (const [d, w] of targets.positive) {
      den += w;
      if (set.has(d)) num += w;
    }
    for (const d of targets.negative.keys()) if (set.has(d)) num -= 0.5;
    // prefer specific profiles: a molecule with 3 matching of 4 labels beats one with 3 of 12
    const score = den ? num / den - 0.01 * Math.max(0, o.descriptors.length - 4) : 0;
    return { smiles: o.canonical, descriptors: o.descriptors, score };
  });
  return scored.sort((a, b) => b.score - a.score || (a.smiles < b.smiles ? -1 : 1)).slice(0, k);
}

/**
 * Brief -> molecules: parses the brief, seeds a graph GA with the best-matching known odorants, maximises brief
 * match minus odorless probability under the perfumery constraints and safety gates (IFRA-prohibited, analogues and
 * critical alerts are excluded), then reports the best candidates (novel first) with predicted odor, properties,
 * full safety screen, novelty marks and nearest known odorants. The same seed gives the same output.
 */
export function generateFragrances(
  services: GeneratorServices,
  prompt: string,
  options: GenerateOptions = {},
): GenerationResult {
  const { toolkit, predictor, safety, known, fragments } = services;
  const screen = safety.screenBrief(prompt);
  if (screen.refused) throw new AppError('ODORDIFF_BRIEF_REFUSED', `brief refused: ${screen.reasons.join('; ')}`);
  const targets = parseBrief(prompt, { vocabulary: predictor.descriptors });
  if (targets.positive.size === 0)
    throw new AppError(
      'VALIDATION_ERROR',
      `the brief names no odor this model knows (try words such as citrus, woody, floral, musk, aquatic); unmatched: ${targets.unmatched.join(', ') || '(none)'}`,
    );
  const seed = options.seed ?? 42;
  const count = options.count ?? 5;
  const c: DesignConstraints = { ...defaultConstraints, ...options.constraints };
  const descriptors = predictor.descriptors;
  const cache = new Map<string, Scored | null>();

  const score = (canonical: string): Scored | null => {
    if (cache.has(canonical)) return cache.get(canonical)!;
    let result: Scored | null = null;
    const properties = computeProperties(toolkit, fragments, canonical);
    const unrealistic = properties ? toolkit.countMatches(canonical, unrealisticMotifs) : null;
    if (
      properties &&
      isFragranceElementSet(canonical) &&
      properties.heavyAtoms <= c.maxHeavyAtoms &&
      unrealistic?.every((n) => n === 0)
    ) {
      const odor = predictor.probabilities(canonical);
      if (odor) {
        const violations: string[] = [];
        const outside = (name: string, v: number, [lo, hi]: readonly [number, number]) => {
          if (v < lo) violations.push(`${name} ${v.toFixed(2)} < ${lo}`);
          else if (v > hi) violations.push(`${name} ${v.toFixed(2)} > ${hi}`);
        };
        outside('MW', properties.molWeight, c.molWeight);
        outside('cLogP', properties.clogP, c.clogP);
        outside('log10 VP/Pa', Math.log10(properties.vaporPressurePa), c.log10VaporPressurePa);
        if (properties.saScore > c.maxSaScore) violations.push(`SA ${properties.saScore.toFixed(2)} > ${c.maxSaScore}`);
        result = {
          properties,
          match: briefMatch(targets, descriptors, odor.probabilities),
          odorless: odor.odorless,
          probabilities: odor.probabilities,
          embedding: odor.embedding,
          violations,
        };
      }
    }
    cache.set(canonical, result);
    return result;
  };

  const penalty = (s: Scored): number => {
    const p = s.properties;
    const below = (v: number, lo: number, scale: number) => Math.max(0, lo - v) / scale;
    const above = (v: number, hi: number, scale: number) => Math.max(0, v - hi) / scale;
    const lvp = Math.log10(p.vaporPressurePa);
    let total =
      below(p.molWeight, c.molWeight[0], 50) +
      above(p.molWeight, c.molWeight[1], 50) +
      below(p.clogP, c.clogP[0], 1) +
      above(p.clogP, c.clogP[1], 1) +
      above(p.saScore, c.maxSaScore, 1) +
      below(lvp, c.log10VaporPressurePa[0], 1) +
      above(lvp, c.log10VaporPressurePa[1], 1);
    if (targets.notePosition && p.notePosition !== targets.notePosition) total += 0.5;
    return 0.2 * total;
  };

  const operators: GraphGaOperators<Scored> = {
    mutate: (smiles: string, rng: Rng) => {
      for (let attempt = 0; attempt < 4; attempt++) {
        const m = graphMutations[rng.int(graphMutations.length)];
        const products = toolkit.react(m.smarts, smiles, 20);
        if (products.length) return products[rng.int(products.length)];
      }
      return null;
    },
    crossover: (a: string, b: string, rng: Rng) => {
      const pa = toolkit.productPairs(crossoverCut, a, 30);
      const pb = toolkit.productPairs(crossoverCut, b, 30);
      if (!pa.length || !pb.length) return null;
      const left = pa[rng.int(pa.length)].find((f) => f.includes('[1*]'));
      const right = pb[rng.int(pb.length)].find((f) => f.includes('[2*]'));
      if (!left || !right) return null;
      return toolkit.zip(left.replace('[1*]', '[*:1]'), right.replace('[2*]', '[*:1]'));
    },
    evaluate: (smiles: string) => {
      const canonical = toolkit.canonicalSmiles(smiles, false);
      if (!canonical) return null;
      const s = score(canonical);
      if (!s) return null;
      const quick = safety.assess(canonical, { alerts: 'core' });
      if (!quick || quick.recommendation === 'reject' || quick.ifra.status === 'analogue-of-prohibited') return null;
      const graph = toolkit.graph(canonical);
      if (!graph) return null;
      const fitness = s.match - 0.5 * s.odorless - penalty(s) - (quick.recommendation === 'caution' ? 0.02 : 0);
      return { smiles: canonical, fitness, bits: morganBits(graph), data: s };
    },
  };

  const retrieved = retrieveKnown(targets, known, 60);
  const rng = createRng(seed ^ 0x5eed);
  const extra = known.gslf.length
    ? Array.from({ length: 10 }, () => known.gslf[rng.int(known.gslf.length)].canonical)
    : [];
  const seeds = [...retrieved.map((r) => r.smiles), ...extra];
  const ga = runGraphGa(
    seeds,
    operators,
    { seed, generations: options.generations ?? 12, populationSize: options.populationSize ?? 40 },
    options.onProgress,
  );

  const ranked = ga.population.filter((p) => p.data.violations.length === 0 && p.data.odorless < 0.5);
  const pool = ranked.length >= count ? ranked : ga.population;
  const withNovelty = pool.map((p) => ({ p, sources: known.sourcesOf(p.smiles) }));
  const novelFirst = [
    ...withNovelty.filter((x) => x.sources.length === 0),
    ...withNovelty.filter((x) => x.sources.length > 0),
  ];
  const candidates: FragranceCandidate[] = [];
  for (const { p, sources } of novelFirst) {
    if (candidates.length >= count) break;
    const full = safety.assess(p.smiles);
    if (!full || full.recommendation === 'reject') continue;
    const d = p.data;
    candidates.push({
      smiles: p.smiles,
      novelty: sources.length ? 'known' : 'novel',
      knownIn: sources,
      fitness: p.fitness,
      briefMatch: d.match,
      odor: {
        top: descriptors
          .map((descriptor, k) => ({ descriptor, probability: d.probabilities[k] }))
          .filter((t) => t.descriptor !== 'odorless')
          .sort((a, b) => b.probability - a.probability)
          .slice(0, 5),
        odorless: d.odorless,
        isPlausiblyOdorous: d.odorless < 0.5,
      },
      properties: d.properties,
      constraintViolations: d.violations,
      safety: full,
      nearestKnown: predictor.nearest(d.embedding, 3),
      generation: p.generation,
    });
  }
  return {
    brief: {
      text: prompt,
      targets: Object.fromEntries(targets.positive),
      avoid: Object.fromEntries(targets.negative),
      intensity: targets.intensity,
      notePosition: targets.notePosition,
      unmatched: targets.unmatched,
      naturalAllergens: screen.naturalAllergens,
    },
    seed,
    candidates,
    knownMatches: retrieved.slice(0, options.knownMatches ?? 5),
    evaluated: ga.evaluated,
    valid: ga.valid,
  };
}

/** Only C, H, N, O and S, neutral, no radicals or isotopes: molecules a perfumer would make. */
function isFragranceElementSet(smiles: string): boolean {
  const brackets = smiles.match(/\[[^\]]*\]/g) ?? [];
  if (brackets.some((b) => b !== '[nH]')) return false;
  return !/(Cl|Br|B(?!r)|F|I|P|Si)/.test(smiles.replace(/\[nH\]/g, ''));
}
