import { type MolGraph, otherAtom, totalHydrogens } from '../chem/mol-graph.js';

/**
 * SIMPOL.1 coefficients B_k,1..4 (Pankow & Asher 2008, Table 5), k = 0..30; b_k(T) = B1/T + B2 + B3 T + B4 ln T.
 * Published values, cited.
 */
const simpolCoefficients: readonly (readonly [number, number, number, number])[] = [
  [-4.26938e2, 2.89223e-1, 4.42057e-3, 2.92846e-1], // 0 zeroeth group
  [-4.11248e2, 8.96919e-1, -2.48607e-3, 1.40312e-1], // 1 carbon number
  [-1.46442e2, 1.54528, 1.71021e-3, -2.78291e-1], // 2 carbons on the acid side of an amide
  [3.50262e1, -9.20839e-1, 2.24399e-3, -9.363e-2], // 3 aromatic ring
  [-8.7277e1, 1.78059, -3.07187e-3, -1.04341e-1], // 4 non-aromatic ring
  [5.73335, 1.69764e-2, -6.28957e-4, 7.55434e-3], // 5 C=C (non-aromatic)
  [-2.61268e2, -7.63282e-1, -1.68213e-3, 2.89038e-1], // 6 C=C-C=O in a non-aromatic ring
  [-7.25373e2, 8.26326e-1, 2.50957e-3, -2.32304e-1], // 7 hydroxyl (alkyl)
  [-7.29501e2, 9.86017e-1, -2.92664e-3, 1.78077e-1], // 8 aldehyde
  [-1.37456e1, 5.23486e-1, 5.50298e-4, -2.7695e-1], // 9 ketone
  [-7.98796e2, -1.09436, 5.24132e-3, -2.2804e-1], // 10 carboxylic acid
  [-3.93345e2, -9.51778e-1, -2.19071e-3, 3.05843e-1], // 11 ester
  [-1.44334e2, -1.85617, -2.37491e-5, 2.8829e-1], // 12 ether
  [4.05265e1, -2.4378, 3.60133e-3, 9.86422e-2], // 13 ether (alicyclic)
  [-7.07406e1, -1.06674, 3.73104e-3, -1.44003e-1], // 14 ether, aromatic
  [-7.83648e2, -1.03439, -1.07148e-3, 3.15535e-1], // 15 nitrate
  [-5.63872e2, -7.18416e-1, 2.63016e-3, -4.9947e-2], // 16 nitro
  [-4.53961e2, -3.26105e-1, -1.3978e-4, -3.93916e-2], // 17 aromatic hydroxyl
  [3.71375e1, -2.66753, 1.01483e-3, 2.14233e-1], // 18 amine, primary
  [-5.0371e2, 1.04092, -4.12746e-3, 1.8279e-1], // 19 amine, secondary
  [-3.59763e1, -4.08458e-1, 1.67264e-3, -9.98919e-2], // 20 amine, tertiary
  [-6.09432e2, 1.50436, -9.09024e-4, -1.35495e-1], // 21 amine, aromatic
  [-1.02367e2, -7.16253e-1, -2.9067e-4, -5.88556e-1], // 22 amide, primary
  [-1.93802e3, 6.48262e-1, 1.73245e-3, 3.4794e-2], // 23 amide, secondary
  [-5.26919, 3.06435e-1, 3.25397e-3, -6.81506e-1], // 24 amide, tertiary
  [-2.84042e2, -6.25424e-1, -8.22474e-4, -8.80549e-2], // 25 carbonylperoxynitrate
  [1.50093e2, 2.39875e-2, -3.37969e-3, 1.52789e-2], // 26 peroxide
  [-2.03387e1, -5.48718, 8.39075e-3, 1.07884e-1], // 27 hydroperoxide
  [-8.38064e2, -1.096, -4.24385e-4, 2.81812e-1], // 28 carbonylperoxyacid
  [-5.27934e1, -4.63689e-1, -5.11647e-3, 3.84965e-1], // 29 nitrophenol
  [-1.6152e3, 9.01669e-1, 1.44536e-3, 2.66889e-1], // 30 nitroester
];

/** Names of the SIMPOL.1 groups, index k. */
export const simpolGroupNames = [
  'zeroeth',
  'carbon',
  'carbonAcidSideOfAmide',
  'aromaticRing',
  'nonAromaticRing',
  'cEqC',
  'cEqCCEqOInRing',
  'hydroxylAlkyl',
  'aldehyde',
  'ketone',
  'carboxylicAcid',
  'ester',
  'ether',
  'etherAlicyclic',
  'etherAromatic',
  'nitrate',
  'nitro',
  'hydroxylAromatic',
  'aminePrimary',
  'amineSecondary',
  'amineTertiary',
  'amineAromatic',
  'amidePrimary',
  'amideSecondary',
  'amideTertiary',
  'carbonylPeroxyNitrate',
  'peroxide',
  'hydroperoxide',
  'carbonylPeroxyAcid',
  'nitrophenol',
  'nitroester',
] as const;

const C = 6;
const N = 7;
const O = 8;

/** Counts the SIMPOL.1 groups of a molecule (hydrogens implicit). Heteroatoms SIMPOL does not cover are ignored. */
export function simpolGroups(graph: MolGraph): Int32Array {
  const nu = new Int32Array(31);
  nu[0] = 1;
  const { atoms, bonds } = graph;
  const neighbours = (a: number) =>
    atoms[a].bondIdx.map((b) => ({ atom: otherAtom(bonds[b], a), type: bonds[b].type }));
  const isCarbonyl = (a: number) =>
    atoms[a].z === C && neighbours(a).some((n) => n.type === 2 && atoms[n.atom].z === O);
  const carbonylO = (a: number) => neighbours(a).find((n) => n.type === 2 && atoms[n.atom].z === O)?.atom;
  const isNitroN = (a: number) =>
    atoms[a].z === N &&
    neighbours(a).filter((n) => atoms[n.atom].z === O && atoms[n.atom].bondIdx.length === 1).length >= 2;

  for (let a = 0; a < atoms.length; a++) if (atoms[a].z === C) nu[1]++;
  for (const ring of graph.rings) {
    if (ring.every((a) => atoms[a].isAromatic)) nu[3]++;
    else nu[4]++;
  }
  for (const b of bonds) {
    if (b.type !== 2 || atoms[b.begin].z !== C || atoms[b.end].z !== C) continue;
    nu[5]++;
    if (b.isInRing) {
      for (const end of [b.begin, b.end]) {
        const next = neighbours(end).find((n) => n.type === 1 && isCarbonyl(n.atom) && atoms[n.atom].isInRing);
        if (next) {
          nu[6]++;
          break;
        }
      }
    }
  }
  for (let a = 0; a < atoms.length; a++) {
    const atom = atoms[a];
    const nb = neighbours(a);
    const hs = totalHydrogens(graph, a);
    if (atom.z === C && isCarbonyl(a)) {
      const others = nb.filter((n) => n.atom !== carbonylO(a));
      const oSingle = others.filter((n) => atoms[n.atom].z === O && n.type === 1);
      const nSingle = others.filter((n) => atoms[n.atom].z === N && n.type === 1);
      const carbons = others.filter((n) => atoms[n.atom].z === C);
      if (oSingle.length === 1) {
        const o = oSingle[0].atom;
        const oHs = totalHydrogens(graph, o);
        const oOther = neighbours(o).filter((n) => n.atom !== a);
        if (oHs > 0 || atoms[o].charge < 0) nu[10]++;
        else if (oOther.some((n) => atoms[n.atom].z === O)) nu[28]++;
        else if (oOther.some((n) => atoms[n.atom].z === C)) nu[11]++;
      } else if (nSingle.length === 1) {
        const nAtom = nSingle[0].atom;
        const nHs = totalHydrogens(graph, nAtom);
        nu[nHs >= 2 ? 22 : nHs === 1 ? 23 : 24]++;
        nu[2] += acidSideCarbons(graph, a, nAtom);
      } else if (carbons.length === 2) nu[9]++;
      else if (hs >= 1 && carbons.length <= 1) nu[8]++;
    } else if (atom.z === O && nb.length >= 1 && nb.every((n) => n.type === 1 || n.type === 12)) {
      const [n1, n2] = nb;
      if (nb.length === 1 && hs >= 1) {
        const c = n1.atom;
        if (atoms[c].z === C && !isCarbonyl(c)) {
          if (atoms[c].isAromatic) nu[17]++;
          else nu[7]++;
        } else if (atoms[c].z === O) nu[27]++;
      } else if (nb.length === 2) {
        const z1 = atoms[n1.atom].z;
        const z2 = atoms[n2.atom].z;
        if (z1 === O || z2 === O) {
          if (z1 === O && a < n1.atom) nu[26]++;
          if (z2 === O && a < n2.atom) nu[26]++;
        } else if (z1 === C && z2 === C && !isCarbonyl(n1.atom) && !isCarbonyl(n2.atom)) {
          if (atoms[n1.atom].isAromatic || atoms[n2.atom].isAromatic || atom.isAromatic) nu[14]++;
          else if (atom.isInRing) nu[13]++;
          else nu[12]++;
        } else if ((z1 === N && isNitroN(n1.atom)) || (z2 === N && isNitroN(n2.atom))) nu[15]++;
      }
    } else if (atom.z === N) {
      if (isNitroN(a)) {
        if (!nb.some((n) => atoms[n.atom].z === O && atoms[n.atom].bondIdx.length === 2)) nu[16]++;
      } else if (!nb.some((n) => isCarbonyl(n.atom)) && nb.every((n) => n.type === 1) && !atom.isAromatic) {
        if (nb.some((n) => atoms[n.atom].isAromatic)) nu[21]++;
        else if (hs >= 2) nu[18]++;
        else if (hs === 1) nu[19]++;
        else if (nb.length === 3) nu[20]++;
      }
    }
  }
  return nu;
}

/** Carbons reachable from the amide carbonyl carbon without passing through the amide nitrogen (incl. itself). */
function acidSideCarbons(graph: MolGraph, carbonyl: number, nitrogen: number): number {
  const seen = new Set([carbonyl, nitrogen]);
  const stack = [carbonyl];
  let carbons = 0;
  while (stack.length) {
    const a = stack.pop()!;
    if (graph.atoms[a].z === C) carbons++;
    for (const b of graph.atoms[a].bondIdx) {
      const o = otherAtom(graph.bonds[b], a);
      if (!seen.has(o)) {
        seen.add(o);
        stack.push(o);
      }
    }
  }
  return carbons;
}

/** Where a material sits in a perfume's evaporation curve. */
export type NotePosition = 'top' | 'heart' | 'base';

/** Result of {@link vaporPressure}. */
export interface VaporPressureEstimate {
  /** log10 of the liquid vapour pressure in atm at the given temperature. */
  readonly log10Atm: number;
  /** Vapour pressure in pascal. */
  readonly pascal: number;
  readonly temperatureK: number;
  readonly notePosition: NotePosition;
  /** SIMPOL.1 group counts (index = k). */
  readonly groups: Int32Array;
}

/** Options of {@link vaporPressure}. */
export interface VaporPressureOptions {
  /** Temperature in kelvin. Default 298.15 (25 °C). */
  readonly temperatureK?: number;
  /** Pressure (Pa) at or above which a material reads as a top note. Default 5 Pa. */
  readonly topAbovePa?: number;
  /** Pressure (Pa) below which a material reads as a base note. Default 0.05 Pa. */
  readonly baseBelowPa?: number;
}

/**
 * Liquid vapour pressure by the SIMPOL.1 group-contribution method, and the note position it implies (top >= 5 Pa,
 * base < 0.05 Pa at 25 °C, heart between; perfumery rules of thumb).
 *
 * @example
 * vaporPressure(graph).pascal;
 * @see Pankow & Asher, Atmos. Chem. Phys. 8:2773 (2008)
 */
export function vaporPressure(graph: MolGraph, options: VaporPressureOptions = {}): VaporPressureEstimate {
  const T = options.temperatureK ?? 298.15;
  if (!(T > 0)) throw new RangeError('vaporPressure: temperatureK must be positive');
  const groups = simpolGroups(graph);
  let log10Atm = 0;
  for (let k = 0; k < groups.length; k++) {
    if (!groups[k]) continue;
    const [b1, b2, b3, b4] = simpolCoefficients[k];
    log10Atm += groups[k] * (b1 / T + b2 + b3 * T + b4 * Math.log(T));
  }
  const pascal = 10 ** log10Atm * 101325;
  const top = options.topAbovePa ?? 5;
  const base = options.baseBelowPa ?? 0.05;
  const notePosition: NotePosition = pascal >= top ? 'top' : pascal < base ? 'base' : 'heart';
  return { log10Atm, pascal, temperatureK: T, notePosition, groups };
}
