import { hashCombine, hashPair, hashSequence } from './boost-hash.js';
import { degreeOf, type MolGraph, otherAtom, totalHydrogens } from './mol-graph.js';

/** Options of {@link morganEnvironments}. */
export interface MorganOptions {
  /** Number of expansion rounds (radius 2 is ECFP4-like). Default 2. */
  readonly radius?: number;
  /** Add "atom is in a ring" to the initial invariants (RDKit's default). Default true. */
  readonly includeRingMembership?: boolean;
}

/** Standard atomic weights (RDKit periodic table) for elements whose isotopes appear in practice. */
const atomicWeight: Readonly<Record<number, number>> = {
  1: 1.008,
  6: 12.011,
  7: 14.007,
  8: 15.999,
  9: 18.998,
  15: 30.974,
  16: 32.067,
  17: 35.453,
  35: 79.904,
  53: 126.904,
};

/** Exact masses of the isotopes that occur in labelled compounds; other isotopes fall back to their mass number. */
const isotopeMass: Readonly<Record<string, number>> = {
  '1:2': 2.0141017778,
  '1:3': 3.0160492777,
  '6:11': 11.0114336,
  '6:13': 13.0033548378,
  '6:14': 14.003241989,
  '7:15': 15.0001088982,
  '8:17': 16.9991317,
  '8:18': 17.999161,
  '9:18': 18.000938,
  '16:34': 33.9678669,
  '17:37': 36.96590259,
  '35:81': 80.9162906,
  '53:123': 122.905589,
  '53:125': 124.9046302,
  '53:131': 130.9061246,
};

function deltaMass(z: number, isotope: number): number {
  if (!isotope) return 0;
  const weight = atomicWeight[z];
  if (weight === undefined) return 0;
  const mass = isotopeMass[`${z}:${isotope}`] ?? isotope;
  return Math.trunc(mass - weight);
}

/**
 * RDKit's connectivity (ECFP) invariants: hash of atomic number, total degree, total hydrogens, formal charge,
 * integer mass delta and (optionally) ring membership.
 */
export function connectivityInvariants(graph: MolGraph, includeRingMembership = true): Uint32Array {
  const n = graph.atoms.length;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const atom = graph.atoms[i];
    const hs = totalHydrogens(graph, i);
    const components = [
      atom.z,
      degreeOf(graph, i) + atom.hs,
      hs,
      atom.charge >>> 0,
      deltaMass(atom.z, atom.isotope) >>> 0,
    ];
    if (includeRingMembership && atom.isInRing) components.push(1);
    out[i] = hashSequence(components);
  }
  return out;
}

interface RoundEntry {
  readonly key: string;
  readonly invariant: number;
  readonly atom: number;
}

/**
 * Unhashed Morgan (circular) fingerprint as RDKit's Morgan generator computes it with default options: environment
 * id -> count, redundant environments (same bond set as an earlier one) removed. The ids are identical to RDKit's
 * `GetMorganGenerator(radius).GetSparseCountFingerprint(mol)` (no chirality, bond types on).
 *
 * @example
 * const counts = morganEnvironments(graph, { radius: 2 });
 * @see Rogers & Hahn, J. Chem. Inf. Model. 50:742 (2010); RDKit Code/GraphMol/Fingerprints/MorganGenerator.cpp
 */
export function morganEnvironments(graph: MolGraph, options: MorganOptions = {}): Map<number, number> {
  const radius = options.radius ?? 2;
  const nAtoms = graph.atoms.length;
  const nBonds = graph.bonds.length;
  const words = Math.max(1, Math.ceil(nBonds / 32));
  const counts = new Map<number, number>();
  const add = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);

  let current = connectivityInvariants(graph, options.includeRingMembership ?? true);
  for (let i = 0; i < nAtoms; i++) add(current[i]);

  let atomHoods: Uint32Array[] = Array.from({ length: nAtoms }, () => new Uint32Array(words));
  const roundHoods: Uint32Array[] = Array.from({ length: nAtoms }, () => new Uint32Array(words));
  const dead = new Uint8Array(nAtoms);
  const seen = new Set<string>();
  const pairs: [number, number][] = [];

  for (let layer = 0; layer < radius; layer++) {
    const next = new Uint32Array(nAtoms);
    const round: RoundEntry[] = [];
    for (let a = 0; a < nAtoms; a++) {
      if (dead[a]) continue;
      const bondIdx = graph.atoms[a].bondIdx;
      if (bondIdx.length === 0) {
        dead[a] = 1;
        continue;
      }
      pairs.length = 0;
      const hood = roundHoods[a];
      for (const b of bondIdx) {
        hood[b >>> 5] |= 1 << (b & 31);
        const o = otherAtom(graph.bonds[b], a);
        const other = atomHoods[o];
        for (let w = 0; w < words; w++) hood[w] |= other[w];
        pairs.push([graph.bonds[b].type, current[o]]);
      }
      pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      let invariant = hashCombine(layer, current[a]);
      for (const [bondType, neighbour] of pairs) invariant = hashCombine(invariant, hashPair(bondType, neighbour));
      next[a] = invariant;
      round.push({ key: hood.join(','), invariant, atom: a });
    }
    round.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : p.invariant - q.invariant || p.atom - q.atom));
    for (let i = 0; i < round.length; i++) {
      const entry = round[i];
      if (!seen.has(entry.key)) {
        add(entry.invariant);
        seen.add(entry.key);
      } else {
        dead[entry.atom] = 1;
      }
    }
    current = next;
    atomHoods = roundHoods.map((h) => h.slice());
  }
  return counts;
}
