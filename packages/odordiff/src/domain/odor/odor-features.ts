import type { MolGraph } from '../chem/mol-graph.js';
import { morganEnvironments } from '../chem/morgan.js';
import type { MlpInput } from './multi-label-mlp.js';

/** Descriptor values (RDKit) used as the dense block of the odor model, in this order. */
export const odorDenseFeatureNames = [
  'molWeight',
  'clogP',
  'tpsa',
  'hbd',
  'hba',
  'rotatableBonds',
  'aromaticRings',
  'rings',
  'heavyAtoms',
  'heteroAtoms',
  'fsp3',
  'labuteAsa',
  'molarRefractivity',
  'chi0v',
  'chi1v',
  'chi2v',
  'chi3v',
  'chi4v',
  'kappa1',
  'kappa2',
  'kappa3',
  'hallKierAlpha',
  'amideBonds',
  'heterocycles',
  'aliphaticRings',
  'saturatedRings',
] as const;

/** Options of {@link odorFeatures}. */
export interface OdorFeatureOptions {
  /** Folded size of the count Morgan fingerprint. Default 2048. */
  readonly nBits?: number;
  /** Morgan radius. Default 2. */
  readonly radius?: number;
  /** Folded size of the RDKit atom-pair bits appended after the Morgan block; 0 (default) for none. */
  readonly atomPairBits?: number;
  /** Append the 167 MACCS key bits. Default false. */
  readonly maccs?: boolean;
}

/** Number of MACCS positions RDKit reports (key 0 is unused). */
export const maccsSize = 167;

/** Fingerprints computed by the toolkit from the SMILES (not from the graph), when the options ask for them. */
export interface OdorFeatureExtras {
  readonly atomPair?: Uint32Array | null;
  readonly maccs?: Uint32Array | null;
}

/** Every option with its default filled in (older artifacts stored only `nBits` and `radius`). */
export function fullFeatureOptions(o: OdorFeatureOptions = {}): Required<OdorFeatureOptions> {
  return { nBits: o.nBits ?? 2048, radius: o.radius ?? 2, atomPairBits: o.atomPairBits ?? 0, maccs: o.maccs ?? false };
}

/** Width of the sparse block for these options. */
export function sparseWidth(o: OdorFeatureOptions): number {
  const f = fullFeatureOptions(o);
  return f.nBits + f.atomPairBits + (f.maccs ? maccsSize : 0);
}

/** Per-feature mean and standard deviation for the dense block. */
export interface Standardizer {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Features of one molecule for the odor model: log(1 + count) of the Morgan environments folded to `nBits`, then
 * (when the options ask for them) atom-pair bits and MACCS bits with value 1, and the raw dense descriptors
 * (standardise them with {@link applyStandardizer}). Throws when an asked-for fingerprint is missing from `extras`.
 */
export function odorFeatures(
  graph: MolGraph,
  descriptors: Readonly<Record<(typeof odorDenseFeatureNames)[number], number>>,
  options: OdorFeatureOptions = {},
  extras: OdorFeatureExtras = {},
): MlpInput {
  const o = fullFeatureOptions(options);
  const folded = new Map<number, number>();
  for (const [id, count] of morganEnvironments(graph, { radius: o.radius }))
    folded.set(id % o.nBits, (folded.get(id % o.nBits) ?? 0) + count);
  const keys = [...folded.keys()].sort((a, b) => a - b);
  const idx: number[] = keys;
  const val: number[] = keys.map((k) => Math.log1p(folded.get(k)!));
  if (o.atomPairBits > 0) {
    if (!extras.atomPair) throw new TypeError('odorFeatures: atom-pair bits requested but not given');
    for (const b of extras.atomPair) {
      idx.push(o.nBits + (b % o.atomPairBits));
      val.push(1);
    }
  }
  if (o.maccs) {
    if (!extras.maccs) throw new TypeError('odorFeatures: MACCS bits requested but not given');
    for (const b of extras.maccs) {
      idx.push(o.nBits + o.atomPairBits + b);
      val.push(1);
    }
  }
  const dense = Float64Array.from(odorDenseFeatureNames, (n) => descriptors[n] ?? 0);
  return { sparseIdx: Uint32Array.from(idx), sparseVal: Float64Array.from(val), dense };
}

/** Fits mean/std of the dense block over `inputs`. */
export function fitStandardizer(inputs: readonly MlpInput[]): Standardizer {
  const d = inputs[0]?.dense.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const x of inputs) for (let i = 0; i < d; i++) mean[i] += x.dense[i] / inputs.length;
  for (const x of inputs) for (let i = 0; i < d; i++) std[i] += (x.dense[i] - mean[i]) ** 2 / inputs.length;
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

/** A copy of `x` with the dense block standardised. */
export function applyStandardizer(x: MlpInput, s: Standardizer): MlpInput {
  const dense = new Float64Array(x.dense.length);
  for (let i = 0; i < dense.length; i++) dense[i] = (x.dense[i] - s.mean[i]) / s.std[i];
  return { sparseIdx: x.sparseIdx, sparseVal: x.sparseVal, dense };
}
