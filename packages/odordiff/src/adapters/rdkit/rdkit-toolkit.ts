import rdkitPackage, { type MainModule, type Mol, type Reaction } from '@rdkit/rdkit';
import type { GraphAtom, GraphBond, MolGraph } from '../../domain/chem/mol-graph.js';
import type { ChemToolkit, ToolkitDescriptors } from '../../ports.js';

interface RdkitJsonAtom {
  z?: number;
  impHs?: number;
  chg?: number;
  isotope?: number;
}
interface RdkitJsonBond {
  bo?: number;
  atoms: [number, number];
}
interface RdkitJson {
  defaults: { atom: Required<RdkitJsonAtom>; bond: { bo: number } };
  molecules: {
    atoms?: RdkitJsonAtom[];
    bonds?: RdkitJsonBond[];
    extensions?: { name: string; aromaticAtoms?: number[]; aromaticBonds?: number[]; atomRings?: number[][] }[];
  }[];
}

type RdkitFactory = () => Promise<MainModule>;
// The package is CommonJS: depending on the loader the default import is the factory or `{ default: factory }`.
const initRDKitModule = ((rdkitPackage as unknown as { default?: RdkitFactory }).default ??
  rdkitPackage) as unknown as RdkitFactory;

let modulePromise: Promise<MainModule> | undefined;

/** Loads the RDKit MinimalLib WASM module once per process. */
function loadModule(): Promise<MainModule> {
  modulePromise ??= initRDKitModule().then((rd) => {
    rd.disable_logging();
    return rd;
  });
  return modulePromise;
}

/**
 * The only place that touches RDKit MinimalLib. Every molecule lives inside {@link RdkitToolkit.withMol} and is
 * deleted in `finally`; callers receive plain data (SMILES strings, numbers, {@link MolGraph}). Compiled SMARTS
 * queries and reactions are cached inside the toolkit and released by {@link RdkitToolkit.dispose}.
 *
 * @example
 * const rdkit = await RdkitToolkit.load();
 * rdkit.descriptors('CC(C)=CCCC(C)(O)C=C'); // linalool
 */
export class RdkitToolkit implements ChemToolkit {
  readonly #rd: MainModule;
  readonly #queries = new Map<string, Mol | null>();
  readonly #reactions = new Map<string, Reaction | null>();

  private constructor(rd: MainModule) {
    this.#rd = rd;
  }

  /** Initialises the WASM module (cached) and returns a toolkit. */
  static async load(): Promise<RdkitToolkit> {
    return new RdkitToolkit(await loadModule());
  }

  /** RDKit version string. */
  get version(): string {
    return this.#rd.version();
  }

  /** Parses `smiles`, runs `use` on the molecule and always deletes it; `null` when the SMILES does not parse. */
  private withMol<T>(smiles: string, use: (mol: Mol) => T): T | null {
    if (typeof smiles !== 'string' || smiles.length === 0 || smiles.length > 2000) return null;
    let mol: Mol | null = null;
    try {
      mol = this.#rd.get_mol(smiles);
      if (!mol?.is_valid() || mol.get_num_atoms() === 0) return null;
      return use(mol);
    } catch {
      return null;
    } finally {
      mol?.delete();
    }
  }

  private query(smarts: string): Mol | null {
    let q = this.#queries.get(smarts);
    if (q === undefined) {
      try {
        q = this.#rd.get_qmol(smarts);
        if (q && !q.is_valid()) {
          q.delete();
          q = null;
        }
      } catch {
        q = null;
      }
      this.#queries.set(smarts, q);
    }
    return q;
  }

  /** Canonical SMILES (without stereo when `isomeric` is false), or `null` for an invalid input. */
  canonicalSmiles(smiles: string, isomeric = true): string | null {
    return this.withMol(smiles, (mol) =>
      isomeric ? mol.get_smiles() : mol.get_smiles(JSON.stringify({ isomericSmiles: false })),
    );
  }

  /** The molecule as a plain graph (canonical atom order of the input parse), or `null`. */
  graph(smiles: string): MolGraph | null {
    return this.withMol(smiles, (mol) => toGraph(mol.get_smiles(), mol.get_json()));
  }

  /** RDKit descriptors plus stereo/ring counts needed by the SA score; `null` for invalid SMILES. */
  descriptors(smiles: string): ToolkitDescriptors | null {
    return this.withMol(smiles, (mol) => {
      const d = JSON.parse(mol.get_descriptors()) as Record<string, number>;
      return {
        molWeight: d.amw,
        exactMass: d.exactmw,
        clogP: d.CrippenClogP,
        tpsa: d.tpsa,
        hbd: d.NumHBD,
        hba: d.NumHBA,
        rotatableBonds: d.NumRotatableBonds,
        aromaticRings: d.NumAromaticRings,
        rings: d.NumRings,
        heavyAtoms: d.NumHeavyAtoms,
        heteroAtoms: d.NumHeteroatoms,
        fsp3: d.FractionCSP3,
        spiroAtoms: d.NumSpiroAtoms,
        bridgeheadAtoms: d.NumBridgeheadAtoms,
        stereoCenters: d.NumAtomStereoCenters,
        labuteAsa: d.labuteASA,
        molarRefractivity: d.CrippenMR,
        chi0v: d.chi0v,
        chi1v: d.chi1v,
        chi2v: d.chi2v,
        chi3v: d.chi3v,
        chi4v: d.chi4v,
        kappa1: d.kappa1,
        kappa2: d.kappa2,
        kappa3: d.kappa3,
        hallKierAlpha: d.hallKierAlpha,
        amideBonds: d.NumAmideBonds,
        heterocycles: d.NumHeterocycles,
        aliphaticRings: d.NumAliphaticRings,
        saturatedRings: d.NumSaturatedRings,
      };
    });
  }

  /** RDKit atom-pair fingerprint folded to `nBits`, as sorted set-bit indices, or `null`. */
  atomPairBits(smiles: string, nBits = 2048): Uint32Array | null {
    return this.withMol(smiles, (mol) => onBits(mol.get_atom_pair_fp(JSON.stringify({ nBits }))));
  }

  /** RDKit topological-torsion fingerprint folded to `nBits`, as sorted set-bit indices, or `null`. */
  torsionBits(smiles: string, nBits = 2048): Uint32Array | null {
    return this.withMol(smiles, (mol) => onBits(mol.get_topological_torsion_fp(JSON.stringify({ nBits }))));
  }

  /** MACCS keys (166 bits) as sorted set-bit indices, or `null`. */
  maccsBits(smiles: string): Uint32Array | null {
    return this.withMol(smiles, (mol) => {
      const bits = mol.get_maccs_fp();
      const on: number[] = [];
      for (let i = 0; i < bits.length; i++) if (bits[i] === '1') on.push(i);
      return Uint32Array.from(on);
    });
  }

  /** Standard InChIKey, or `null` when RDKit cannot produce one. */
  inchiKey(smiles: string): string | null {
    return this.withMol(smiles, (mol) => {
      const inchi = mol.get_inchi();
      if (!inchi) return null;
      const key = this.#rd.get_inchikey_for_inchi(inchi);
      return key || null;
    });
  }

  /** For each SMARTS, the number of unique matches in the molecule (-1 for an invalid SMARTS); `null` if invalid. */
  countMatches(smiles: string, smarts: readonly string[]): number[] | null {
    return this.withMol(smiles, (mol) =>
      smarts.map((s) => {
        const q = this.query(s);
        if (!q) return -1;
        const first = mol.get_substruct_match(q);
        if (!first || first === '{}') return 0;
        const json = mol.get_substruct_matches(q);
        if (!json || json === '{}') return 0;
        const parsed = JSON.parse(json) as unknown[];
        return parsed.length;
      }),
    );
  }

  /** Whether a SMARTS is valid for RDKit. */
  isValidSmarts(smarts: string): boolean {
    return this.query(smarts) !== null;
  }

  /**
   * Runs a one-reactant reaction SMARTS on a molecule and returns the sanitised, canonical product SMILES (unique,
   * in RDKit's order). Invalid products are dropped.
   */
  react(reactionSmarts: string, smiles: string, maxProducts = 50): string[] {
    const reaction = this.#reaction(reactionSmarts);
    if (!reaction) return [];
    const productSmiles: string[] = [];
    this.withMol(smiles, (mol) => {
      const reactants = new this.#rd.MolList();
      let products: ReturnType<typeof reaction.run_reactants> | null = null;
      try {
        reactants.append(mol);
        products = reaction.run_reactants(reactants, maxProducts);
        for (let i = 0; i < products.size(); i++) {
          const list = products.get(i);
          if (!list) continue;
          try {
            for (let j = 0; j < list.size(); j++) {
              const p = list.at(j);
              if (!p) continue;
              try {
                const raw = p.get_smiles();
                if (raw) productSmiles.push(raw);
              } finally {
                p.delete();
              }
            }
          } finally {
            list.delete();
          }
        }
      } finally {
        products?.delete();
        reactants.delete();
      }
    });
    const unique = new Set<string>();
    for (const raw of productSmiles) {
      const canonical = this.canonicalSmiles(raw);
      if (canonical) unique.add(canonical);
    }
    return [...unique];
  }

  /**
   * Runs a reaction whose product template has two parts and returns each product set as a pair of SMILES
   * (unsanitised, as RDKit writes them), e.g. the two fragments of a bond cut.
   */
  productPairs(reactionSmarts: string, smiles: string, maxProducts = 50): [string, string][] {
    const rxn = this.#reaction(reactionSmarts);
    if (!rxn) return [];
    const pairs: [string, string][] = [];
    this.withMol(smiles, (mol) => {
      const reactants = new this.#rd.MolList();
      let products: ReturnType<Reaction['run_reactants']> | null = null;
      try {
        reactants.append(mol);
        products = rxn.run_reactants(reactants, maxProducts);
        for (let i = 0; i < products.size(); i++) {
          const list = products.get(i);
          if (!list) continue;
          const parts: string[] = [];
          try {
            for (let j = 0; j < list.size(); j++) {
              const p = list.at(j);
              if (!p) continue;
              try {
                parts.push(p.get_smiles());
              } finally {
                p.delete();
              }
            }
          } finally {
            list.delete();
          }
          if (parts.length === 2) pairs.push([parts[0], parts[1]]);
        }
      } finally {
        products?.delete();
        reactants.delete();
      }
    });
    return pairs;
  }

  /**
   * Joins two fragments at their dummy atoms labelled with the same atom-map number (`[*:1]`), returning the
   * canonical SMILES of the sanitised product, or `null`.
   */
  zip(left: string, right: string): string | null {
    let a: Mol | null = null;
    let b: Mol | null = null;
    let z: Mol | null = null;
    try {
      a = this.#rd.get_mol(left);
      b = this.#rd.get_mol(right);
      if (!a?.is_valid() || !b?.is_valid()) return null;
      z = this.#rd.molzip(a, b, '{}');
      if (!z?.is_valid()) return null;
      const smiles = z.get_smiles();
      return smiles ? this.canonicalSmiles(smiles) : null;
    } catch {
      return null;
    } finally {
      a?.delete();
      b?.delete();
      z?.delete();
    }
  }

  #reaction(reactionSmarts: string): Reaction | null {
    let rxn = this.#reactions.get(reactionSmarts);
    if (rxn === undefined) {
      try {
        rxn = this.#rd.get_rxn(reactionSmarts);
      } catch {
        rxn = null;
      }
      this.#reactions.set(reactionSmarts, rxn);
    }
    return rxn;
  }

  /** Releases cached queries and reactions. The toolkit must not be used afterwards. */
  dispose(): void {
    for (const q of this.#queries.values()) q?.delete();
    for (const r of this.#reactions.values()) r?.delete();
    this.#queries.clear();
    this.#reactions.clear();
  }
}

function toGraph(smiles: string, json: string): MolGraph {
  const doc = JSON.parse(json) as RdkitJson;
  const m = doc.molecules[0];
  const da = doc.defaults.atom;
  const ext = m.extensions?.find((e) => e.name === 'rdkitRepresentation');
  const aromaticAtoms = new Set(ext?.aromaticAtoms ?? []);
  const aromaticBonds = new Set(ext?.aromaticBonds ?? []);
  const rings = ext?.atomRings ?? [];
  const rawAtoms = m.atoms ?? [];
  const rawBonds = m.bonds ?? [];
  const ringAtoms = new Set<number>();
  const ringBonds = new Set<string>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      ringAtoms.add(ring[i]);
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      ringBonds.add(a < b ? `${a}-${b}` : `${b}-${a}`);
    }
  }
  const bondIdx: number[][] = rawAtoms.map(() => []);
  const bonds: GraphBond[] = rawBonds.map((b, i) => {
    const [x, y] = b.atoms;
    bondIdx[x].push(i);
    bondIdx[y].push(i);
    const bo = b.bo ?? doc.defaults.bond.bo;
    return {
      begin: x,
      end: y,
      type: aromaticBonds.has(i) ? 12 : bo >= 1 && bo <= 3 ? bo : 0,
      isInRing: ringBonds.has(x < y ? `${x}-${y}` : `${y}-${x}`),
    };
  });
  const atoms: GraphAtom[] = rawAtoms.map((a, i) => ({
    z: a.z ?? da.z,
    hs: a.impHs ?? da.impHs,
    charge: a.chg ?? da.chg,
    isotope: a.isotope ?? da.isotope,
    isAromatic: aromaticAtoms.has(i),
    isInRing: ringAtoms.has(i),
    bondIdx: bondIdx[i],
  }));
  return { smiles, atoms, bonds, rings };
}

/** Set-bit indices of a fingerprint given as a '0'/'1' string. */
function onBits(bits: string): Uint32Array {
  const on: number[] = [];
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') on.push(i);
  return Uint32Array.from(on);
}
