/**
 * A plain, toolkit-independent molecular graph: what the adapter hands to domain code (never an RDKit object).
 * Hydrogens are implicit (counted in `hs`) unless the input kept them as atoms (isotopic hydrogens, for example).
 */
export interface MolGraph {
  /** Canonical SMILES written by the toolkit. */
  readonly smiles: string;
  readonly atoms: readonly GraphAtom[];
  readonly bonds: readonly GraphBond[];
  /** Smallest set of smallest rings as atom index lists (RDKit's ring perception). */
  readonly rings: readonly (readonly number[])[];
}

export interface GraphAtom {
  /** Atomic number. */
  readonly z: number;
  /** Hydrogens attached to this atom that are not atoms of the graph (implicit plus explicit-count). */
  readonly hs: number;
  readonly charge: number;
  /** Mass number when one was given (0 otherwise). */
  readonly isotope: number;
  readonly isAromatic: boolean;
  readonly isInRing: boolean;
  /** Indices of bonds touching this atom, in the toolkit's bond order. */
  readonly bondIdx: readonly number[];
}

export interface GraphBond {
  readonly begin: number;
  readonly end: number;
  /** RDKit bond type code: 1 single, 2 double, 3 triple, 12 aromatic (0 other/unknown). */
  readonly type: number;
  readonly isInRing: boolean;
}

/** RDKit's `Bond::BondType` codes used in fingerprint invariants. */
export const bondTypeCode = { single: 1, double: 2, triple: 3, aromatic: 12 } as const;

/** Index of the atom at the other end of bond `b` from atom `a`. */
export function otherAtom(bond: GraphBond, a: number): number {
  return bond.begin === a ? bond.end : bond.begin;
}

/** Number of graph neighbours (heavy atoms and any hydrogens kept as atoms). */
export function degreeOf(graph: MolGraph, a: number): number {
  return graph.atoms[a].bondIdx.length;
}

/** Total hydrogens on an atom: implicit/explicit count plus hydrogen atoms bonded to it. */
export function totalHydrogens(graph: MolGraph, a: number): number {
  let n = graph.atoms[a].hs;
  for (const b of graph.atoms[a].bondIdx) if (graph.atoms[otherAtom(graph.bonds[b], a)].z === 1) n++;
  return n;
}
