import type { MolGraph } from '../chem/mol-graph.js';
import { morganEnvironments } from '../chem/morgan.js';

/** Fragment contribution per unhashed Morgan radius-2 environment id (Ertl & Schuffenhauer's `fpscores`). */
export type FragmentScores = ReadonlyMap<number, number>;

/** Molecule facts the SA score needs beyond the graph (RDKit's stereo and ring descriptors). */
export interface SaScoreInput {
  readonly graph: MolGraph;
  /** Assigned plus unassigned possible tetrahedral stereocentres. */
  readonly stereoCenters: number;
  readonly spiroAtoms: number;
  readonly bridgeheadAtoms: number;
}

/** Builds the fragment table from the published list of `[score, id, id, ...]` rows. */
export function fragmentScoresFromRows(rows: readonly (readonly number[])[]): FragmentScores {
  const table = new Map<number, number>();
  for (const row of rows) for (let j = 1; j < row.length; j++) table.set(row[j], row[0]);
  return table;
}

/**
 * Synthetic accessibility score, 1 (easy) to 10 (hard): mean fragment contribution over the molecule's Morgan
 * radius-2 environments (unknown fragments count -4), minus size, stereo, spiro, bridgehead and macrocycle penalties,
 * plus the fingerprint-density correction, rescaled to 1..10 with the smoothed upper end. Identical to RDKit's
 * Contrib `sascorer.py`.
 *
 * @example
 * saScore({ graph, stereoCenters: 0, spiroAtoms: 0, bridgeheadAtoms: 0 }, fragments); // 1.0..10.0
 * @see Ertl & Schuffenhauer, J. Cheminform. 1:8 (2009)
 */
export function saScore(input: SaScoreInput, fragments: FragmentScores): number {
  const { graph } = input;
  const nAtoms = graph.atoms.length;
  if (nAtoms === 0) throw new RangeError('saScore: empty molecule');
  const fp = morganEnvironments(graph, { radius: 2 });
  let fragmentScore = 0;
  let nFragments = 0;
  for (const [id, count] of fp) {
    nFragments += count;
    fragmentScore += (fragments.get(id) ?? -4) * count;
  }
  fragmentScore /= nFragments;

  let macrocycles = 0;
  for (const ring of graph.rings) if (ring.length > 8) macrocycles++;
  const sizePenalty = nAtoms ** 1.005 - nAtoms;
  const stereoPenalty = Math.log10(input.stereoCenters + 1);
  const spiroPenalty = Math.log10(input.spiroAtoms + 1);
  const bridgePenalty = Math.log10(input.bridgeheadAtoms + 1);
  const macrocyclePenalty = macrocycles > 0 ? Math.log10(2) : 0;
  const complexity = -sizePenalty - stereoPenalty - spiroPenalty - bridgePenalty - macrocyclePenalty;
  const density = nAtoms > fp.size ? Math.log(nAtoms / fp.size) * 0.5 : 0;

  const raw = fragmentScore + complexity + density;
  const min = -4.0;
  const max = 2.5;
  let score = 11 - ((raw - min + 1) / (max - min)) * 9;
  if (score > 8) score = 8 + Math.log(score + 1 - 9);
  return Math.min(10, Math.max(1, score));
}
