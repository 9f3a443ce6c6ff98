import type { ReferenceData } from '../adapters/data/reference-data.js';
import { parseCsv } from '../domain/internal/csv.js';
import { createRng, shuffleInPlace } from '../domain/internal/rng.js';
import { macroAuroc, rocAuc } from '../domain/odor/metrics.js';
import { type MlpInput, MultiLabelMlp } from '../domain/odor/multi-label-mlp.js';
import {
  applyStandardizer,
  fitStandardizer,
  fullFeatureOptions,
  type OdorFeatureOptions,
  sparseWidth,
} from '../domain/odor/odor-features.js';
import { type OdorCvReport, OdorModel, type OdorModelArtifact } from '../domain/odor/odor-model.js';
import { applyPlatt, fitPlatt, type PlattScaling } from '../domain/odor/platt.js';
import type { ChemToolkit } from '../ports.js';
import { odorInputs } from './odor-predictor.js';

/** Options of {@link trainOdorModel}; defaults are the shipped configuration. */
export interface OdorTrainingOptions {
  readonly seed?: number;
  readonly folds?: number;
  readonly epochs?: number;
  readonly hidden?: number;
  readonly dropout?: number;
  readonly weightDecay?: number;
  readonly learningRate?: number;
  /** Morgan size and radius of a single feature set (ignored when `featureSets` is given). */
  readonly nBits?: number;
  readonly radius?: number;
  /**
   * Feature sets of a heterogeneous ensemble; `ensemble` networks are trained on each. Default: the shipped
   * {@link defaultOdorFeatureSets}.
   */
  readonly featureSets?: readonly OdorFeatureOptions[];
  /** MLPs per feature set (default 2). */
  readonly ensemble?: number;
  /** Skip cross-validation (fit the final model only; calibration then uses identity scaling). */
  readonly skipCv?: boolean;
  /** Use only the first `limit` molecules (smoke runs and tests). */
  readonly limit?: number;
  readonly onProgress?: (message: string) => void;
}

/** A labelled odorant set loaded from GS-LF. */
export interface OdorDataset {
  readonly descriptors: readonly string[];
  readonly smiles: readonly string[];
  /** Inputs of the first feature set. */
  readonly inputs: readonly MlpInput[];
  /** Inputs per feature set: `inputSets[set][molecule]`. */
  readonly inputSets: readonly (readonly MlpInput[])[];
  /** Row-major `smiles.length x descriptors.length` 0/1 labels. */
  readonly labels: Float64Array;
  /** Row number in gslf_train.csv (0-based, header excluded) of each kept molecule. */
  readonly rows: readonly number[];
  readonly skipped: number;
}

/** The training outcome: the artifact to store, plus the odor map (embeddings of the training molecules). */
export interface OdorTrainingResult {
  readonly artifact: OdorModelArtifact;
  readonly cv: OdorCvReport;
  readonly dataset: OdorDataset;
  readonly odorMap: Float64Array;
}

export const gslfDataSource =
  'GS-LF (GoodScents + Leffingwell, merged by Lee et al., Science 381:999, 2023 / OpenPOM), ../shared/data/odor/gslf_train.csv; research/benchmark use, raw table not redistributed';

/**
 * The shipped feature sets, chosen by 5-fold CV on GS-LF (bench/odordiff/README.md): count Morgan r2 folded to 2048,
 * and count Morgan r3 folded to 4096 plus atom pairs (2048) and MACCS keys; both with the 26 RDKit descriptors.
 */
export const defaultOdorFeatureSets: readonly Required<OdorFeatureOptions>[] = [
  { nBits: 2048, radius: 2, atomPairBits: 0, maccs: false },
  { nBits: 4096, radius: 3, atomPairBits: 2048, maccs: true },
];

/** Loads and featurises GS-LF for each feature set. */
export function loadOdorDataset(
  toolkit: ChemToolkit,
  data: ReferenceData,
  featureSets: readonly OdorFeatureOptions[],
  limit = Number.POSITIVE_INFINITY,
): OdorDataset {
  const [header, ...rows] = parseCsv(data.text('odor', 'gslf_train.csv')).filter((r) => r.length > 2);
  const descriptors = header.slice(2).map((h) => h.trim());
  const smiles: string[] = [];
  const inputSets: MlpInput[][] = featureSets.map(() => []);
  const labelRows: number[][] = [];
  const kept: number[] = [];
  let skipped = 0;
  for (let i = 0; i < rows.length && smiles.length < limit; i++) {
    const r = rows[i];
    const x = odorInputs(toolkit, r[0], featureSets);
    if (!x) {
      skipped++;
      continue;
    }
    smiles.push(r[0]);
    for (const [s, input] of x.entries()) inputSets[s].push(input);
    labelRows.push(r.slice(2).map((v) => (Number(v) > 0 ? 1 : 0)));
    kept.push(i);
  }
  const L = descriptors.length;
  const labels = new Float64Array(smiles.length * L);
  labelRows.forEach((row, i) => {
    for (let k = 0; k < L; k++) labels[i * L + k] = row[k];
  });
  return { descriptors, smiles, inputs: inputSets[0], inputSets, labels, rows: kept, skipped };
}

/**
 * Trains the odor model reproducibly (seeded folds, initialisation, shuffling and dropout): k-fold cross-validation
 * for an honest macro-AUROC and out-of-fold logits, Platt calibration per descriptor on those logits, then the final
 * ensemble on all molecules.
 */
export function trainOdorModel(
  toolkit: ChemToolkit,
  data: ReferenceData,
  options: OdorTrainingOptions = {},
): OdorTrainingResult {
  const o = {
    seed: 42,
    folds: 5,
    epochs: 20,
    hidden: 256,
    dropout: 0.3,
    weightDecay: 1e-4,
    learningRate: 1e-3,
    nBits: 2048,
    radius: 2,
    ensemble: 2,
    skipCv: false,
    limit: Number.POSITIVE_INFINITY,
    ...options,
  };
  const log = o.onProgress ?? (() => {});
  const started = performance.now();
  const featureSets = (
    options.featureSets ??
    (options.nBits !== undefined || options.radius !== undefined
      ? [{ nBits: o.nBits, radius: o.radius }]
      : defaultOdorFeatureSets)
  ).map(fullFeatureOptions);
  const ds = loadOdorDataset(toolkit, data, featureSets, o.limit);
  const n = ds.inputs.length;
  const L = ds.descriptors.length;
  const S = featureSets.length;
  log(`featurised ${n} molecules (${ds.skipped} skipped), ${L} descriptors, ${S} feature set(s)`);

  const mlpOptions = (set: number, seed: number) => ({
    sparseDim: sparseWidth(featureSets[set]),
    denseDim: ds.inputs[0].dense.length,
    hidden: o.hidden,
    outputs: L,
    dropout: o.dropout,
    weightDecay: o.weightDecay,
    learningRate: o.learningRate,
    epochs: o.epochs,
    seed,
  });
  // Member m of every feature set is seeded `seedBase + m` (different sparse widths give different networks).
  const memberFeatureSet = featureSets.flatMap((_, set) => Array.from({ length: o.ensemble }, () => set));
  const trainEnsemble = (inputSets: MlpInput[][], labels: Float64Array, seedBase: number) =>
    memberFeatureSet.map((set, i) => {
      const mlp = new MultiLabelMlp(mlpOptions(set, seedBase + (i % o.ensemble)));
      mlp.fit(inputSets[set], labels);
      log(`  trained member ${i + 1}/${memberFeatureSet.length} (feature set ${set + 1})`);
      return mlp;
    });
  const labelsOf = (idx: readonly number[]) => {
    const y = new Float64Array(idx.length * L);
    for (const [r, i] of idx.entries()) y.set(ds.labels.subarray(i * L, i * L + L), r * L);
    return y;
  };

  const oof = new Float64Array(n * L);
  const foldAuroc: number[] = [];
  let platt: PlattScaling[] = ds.descriptors.map(() => ({ a: 1, b: 0 }));
  let pooledAuroc = Number.NaN;
  let calibrationError = Number.NaN;
  let odorlessGate: OdorCvReport['odorlessGate'];
  if (!o.skipCv) {
    const order = shuffleInPlace(
      Array.from({ length: n }, (_, i) => i),
      createRng(o.seed),
    );
    for (let f = 0; f < o.folds; f++) {
      const test = order.filter((_, i) => i % o.folds === f);
      const train = order.filter((_, i) => i % o.folds !== f);
      const st = fitStandardizer(train.map((i) => ds.inputs[i]));
      const members = trainEnsemble(
        ds.inputSets.map((xs) => train.map((i) => applyStandardizer(xs[i], st))),
        labelsOf(train),
        o.seed * 1000 + f * 10,
      );
      const scores = new Float64Array(test.length * L);
      const z = new Float64Array(L);
      test.forEach((i, r) => {
        const xs = ds.inputSets.map((set) => applyStandardizer(set[i], st));
        members.forEach((m, j) => {
          m.predictLogits(xs[memberFeatureSet[j]], z);
          for (let k = 0; k < L; k++) scores[r * L + k] += z[k] / members.length;
        });
        oof.set(scores.subarray(r * L, r * L + L), i * L);
      });
      const auc = macroAuroc(scores, labelsOf(test), test.length, L).auroc;
      foldAuroc.push(auc);
      log(`fold ${f + 1}/${o.folds}: macro-AUROC ${auc.toFixed(4)}`);
    }
    pooledAuroc = macroAuroc(oof, ds.labels, n, L).auroc;
    platt = ds.descriptors.map((_, k) => {
      const z = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        z[i] = oof[i * L + k];
        y[i] = ds.labels[i * L + k];
      }
      return fitPlatt(z, y);
    });
    calibrationError = expectedCalibrationError(oof, ds.labels, platt, n, L);
    odorlessGate = odorlessGateReport(oof, ds.labels, platt, n, ds.descriptors.indexOf('odorless'), L);
  }

  log('training the final ensemble on all molecules');
  const standardizer = fitStandardizer(ds.inputs);
  const all = ds.inputSets.map((xs) => xs.map((x) => applyStandardizer(x, standardizer)));
  const members = trainEnsemble(all, ds.labels, o.seed * 1000 + 999);
  const meanAuroc = foldAuroc.length ? foldAuroc.reduce((a, b) => a + b, 0) / foldAuroc.length : Number.NaN;
  const cv: OdorCvReport = {
    folds: o.skipCv ? 0 : o.folds,
    seed: o.seed,
    foldAuroc,
    meanAuroc,
    pooledAuroc,
    calibrationError,
    ...(odorlessGate ? { odorlessGate } : {}),
    trainingSeconds: (performance.now() - started) / 1000,
  };
  const artifact: OdorModelArtifact = {
    format: 'odordiff-odor-model',
    version: 1,
    descriptors: ds.descriptors,
    features: featureSets[0],
    ...(S > 1 ? { featureSets, memberFeatureSet } : {}),
    standardizer,
    members: members.map((m) => m.toWeights()),
    platt,
    cv,
    dataSource: gslfDataSource,
  };
  const model = new OdorModel(artifact);
  const H = o.hidden;
  const odorMap = new Float64Array(n * H);
  for (let i = 0; i < n; i++) odorMap.set(model.embed(ds.inputSets.map((xs) => xs[i])), i * H);
  return { artifact, cv, dataset: ds, odorMap };
}

function expectedCalibrationError(
  logits: Float64Array,
  labels: Float64Array,
  platt: readonly PlattScaling[],
  n: number,
  L: number,
): number {
  const bins = 10;
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < L; k++) {
      const p = applyPlatt(platt[k], logits[i * L + k]);
      const b = Math.min(bins - 1, Math.floor(p * bins));
      count[b]++;
      conf[b] += p;
      acc[b] += labels[i * L + k];
    }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(acc[b] - conf[b]) / (n * L);
  return ece;
}

/** Out-of-fold quality of the odorless gate (see {@link OdorCvReport.odorlessGate}); undefined without that label. */
function odorlessGateReport(
  logits: Float64Array,
  labels: Float64Array,
  platt: readonly PlattScaling[],
  n: number,
  k: number,
  L: number,
): OdorCvReport['odorlessGate'] {
  if (k < 0) return undefined;
  const p = Float64Array.from({ length: n }, (_, i) => applyPlatt(platt[k], logits[i * L + k]));
  const y = Float64Array.from({ length: n }, (_, i) => labels[i * L + k]);
  let odorless = 0;
  let caught = 0;
  let wronglyGated = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 0.5) {
      odorless++;
      if (p[i] >= 0.5) caught++;
    } else if (p[i] >= 0.5) wronglyGated++;
  }
  const odorous = n - odorless;
  return {
    auroc: rocAuc(p, y),
    odorless,
    odorous,
    recallAtHalf: odorless ? caught / odorless : Number.NaN,
    falseGateRateAtHalf: odorous ? wronglyGated / odorous : Number.NaN,
  };
}
