import type { MolGraph } from '../domain/chem/mol-graph.js';
import type { FragmentScores } from '../domain/properties/sa-score.js';
import { saScore } from '../domain/properties/sa-score.js';
import { type NotePosition, vaporPressure } from '../domain/properties/vapor-pressure.js';
import type { ChemToolkit } from '../ports.js';

/** The properties a fragrance chemist screens first; all computed, none estimated by lookup. */
export interface MolecularProperties {
  /** The SMILES as given. */
  readonly smiles: string;
  readonly canonicalSmiles: string;
  /** Average molecular weight (g/mol). */
  readonly molWeight: number;
  /** Wildman–Crippen logP. */
  readonly clogP: number;
  /** Topological polar surface area (Å²). */
  readonly tpsa: number;
  readonly hbd: number;
  readonly hba: number;
  readonly rotatableBonds: number;
  readonly aromaticRings: number;
  readonly heavyAtoms: number;
  readonly fsp3: number;
  /** Synthetic accessibility, 1 (easy) .. 10 (hard). */
  readonly saScore: number;
  /** SIMPOL.1 liquid vapour pressure at 25 °C: log10(atm) and Pa. */
  readonly vaporPressureLog10Atm: number;
  readonly vaporPressurePa: number;
  /** Note position implied by the vapour pressure. */
  readonly notePosition: NotePosition;
}

/** The RDKit descriptors and the SA score of {@link MolecularProperties}. */
export type MoleculeScores = Pick<
  MolecularProperties,
  | 'molWeight'
  | 'clogP'
  | 'tpsa'
  | 'hbd'
  | 'hba'
  | 'rotatableBonds'
  | 'aromaticRings'
  | 'heavyAtoms'
  | 'fsp3'
  | 'saScore'
>;

/** The descriptors and SA score of a SMILES with its graph; `null` when the SMILES does not parse. */
export function scoreMolecule(
  toolkit: ChemToolkit,
  fragments: FragmentScores,
  smiles: string,
): { graph: MolGraph; scores: MoleculeScores } | null {
  const graph = toolkit.graph(smiles);
  const d = toolkit.descriptors(smiles);
  if (!graph || !d) return null;
  return {
    graph,
    scores: {
      molWeight: d.molWeight,
      clogP: d.clogP,
      tpsa: d.tpsa,
      hbd: d.hbd,
      hba: d.hba,
      rotatableBonds: d.rotatableBonds,
      aromaticRings: d.aromaticRings,
      heavyAtoms: d.heavyAtoms,
      fsp3: d.fsp3,
      saScore: saScore(
        { graph, stereoCenters: d.stereoCenters, spiroAtoms: d.spiroAtoms, bridgeheadAtoms: d.bridgeheadAtoms },
        fragments,
      ),
    },
  };
}

/** Computes {@link MolecularProperties}; `null` when the SMILES does not parse. */
export function computeProperties(
  toolkit: ChemToolkit,
  fragments: FragmentScores,
  smiles: string,
): MolecularProperties | null {
  const scored = scoreMolecule(toolkit, fragments, smiles);
  if (!scored) return null;
  const vp = vaporPressure(scored.graph);
  return {
    smiles,
    canonicalSmiles: scored.graph.smiles,
    ...scored.scores,
    vaporPressureLog10Atm: vp.log10Atm,
    vaporPressurePa: vp.pascal,
    notePosition: vp.notePosition,
  };
}
