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
}

/** Per-feature mean and standard deviation for the dense block. */
export interface Standardizer {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Features of one molecule for the odor model: log(1 + count) of the Morgan environments folded to `nBits`, and
 * the raw dense descriptors (standardise them with {@link applyStandardizer}).
 */
export function odorFeatures(
  graph: MolGraph,
  descriptors: Readonly<Record<(typeof odorDenseFeatureNames)[number], number>>,
  options: OdorFeatureOptions = {},
): MlpInput {
  const nBits = options.nBits ?? 2048;
  const folded = new Map<number, number>();
  for (const [id, count] of morganEnvironments(graph, { radius: options.radius ?? 2 }))
    folded.set(id % nBits, (folded.get(id % nBits) ?? 0) + count);
  const keys = [...folded.keys()].sort((a, b) => a - b);
  const sparseIdx = Uint32Array.from(keys);
  const sparseVal = Float64Array.from(keys, (k) => Math.log1p(folded.get(k)!));
  const dense = Float64Array.from(odorDenseFeatureNames, (n) => descriptors[n] ?? 0);
  return { sparseIdx, sparseVal, dense };
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
