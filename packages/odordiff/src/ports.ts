import type { MolGraph } from './domain/chem/mol-graph.js';

/** RDKit descriptors as plain numbers (names follow RDKit's `get_descriptors`). */
export interface ToolkitDescriptors {
  readonly molWeight: number;
  readonly exactMass: number;
  readonly clogP: number;
  readonly tpsa: number;
  readonly hbd: number;
  readonly hba: number;
  readonly rotatableBonds: number;
  readonly aromaticRings: number;
  readonly rings: number;
  readonly heavyAtoms: number;
  readonly heteroAtoms: number;
  readonly fsp3: number;
  readonly spiroAtoms: number;
  readonly bridgeheadAtoms: number;
  readonly stereoCenters: number;
  readonly labuteAsa: number;
  readonly molarRefractivity: number;
  readonly chi0v: number;
  readonly chi1v: number;
  readonly chi2v: number;
  readonly chi3v: number;
  readonly chi4v: number;
  readonly kappa1: number;
  readonly kappa2: number;
  readonly kappa3: number;
  readonly hallKierAlpha: number;
  readonly amideBonds: number;
  readonly heterocycles: number;
  readonly aliphaticRings: number;
  readonly saturatedRings: number;
}

/**
 * What OdorDiff needs from a cheminformatics toolkit. The RDKit adapter implements it; every method takes and
 * returns plain data, and returns `null` for a SMILES that does not parse.
 */
export interface ChemToolkit {
  canonicalSmiles(smiles: string, isomeric?: boolean): string | null;
  graph(smiles: string): MolGraph | null;
  descriptors(smiles: string): ToolkitDescriptors | null;
  inchiKey(smiles: string): string | null;
  /** RDKit atom-pair fingerprint folded to `nBits`, as sorted set-bit indices. */
  atomPairBits(smiles: string, nBits?: number): Uint32Array | null;
  /** MACCS keys (166 bits, index 0 unused) as sorted set-bit indices. */
  maccsBits(smiles: string): Uint32Array | null;
  /** Unique match count per SMARTS (-1 for an invalid SMARTS). */
  countMatches(smiles: string, smarts: readonly string[]): number[] | null;
  /** Products of a single-reactant reaction SMARTS, canonical and de-duplicated. */
  react(reactionSmarts: string, smiles: string, maxProducts?: number): string[];
  /** Product sets of a two-part product template, as SMILES pairs (fragments of a cut). */
  productPairs(reactionSmarts: string, smiles: string, maxProducts?: number): [string, string][];
  /** Joins two fragments at dummy atoms with the same atom-map number. */
  zip(left: string, right: string): string | null;
}
