import type { ReferenceData } from '../adapters/data/reference-data.js';
import { parseCsv } from '../domain/internal/csv.js';
import { createRng, shuffleInPlace } from '../domain/internal/rng.js';
import { macroAuroc } from '../domain/odor/metrics.js';
import { type MlpInput, MultiLabelMlp } from '../domain/odor/multi-label-mlp.js';
import { applyStandardizer, fitStandardizer, odorFeatures } from '../domain/odor/odor-features.js';
import { type OdorCvReport, OdorModel, type OdorModelArtifact } from '../domain/odor/odor-model.js';
import { applyPlatt, fitPlatt, type PlattScaling } from '../domain/odor/platt.js';
import type { ChemToolkit } from '../ports.js';

/** Options of {@link trainOdorModel}; defaults are the shipped configuration. */
export interface OdorTrainingOptions {
  readonly seed?: number;
  readonly folds?: number;
  readonly epochs?: number;
  readonly hidden?: number;
  readonly dropout?: number;
  readonly weightDecay?: number;
  readonly learningRate?: number;
  readonly nBits?: number;
  readonly radius?: number;
  /** MLPs per ensemble. */
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
  readonly inputs: readonly MlpInput[];
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

/** Loads and featurises GS-LF. */
export function loadOdorDataset(
  toolkit: ChemToolkit,
  data: ReferenceData,
  features: { nBits: number; radius: number },
  limit = Number.POSITIVE_INFINITY,
): OdorDataset {
  const [header, ...rows] = parseCsv(data.text('odor', 'gslf_train.csv')).filter((r) => r.length > 2);
  const descriptors = header.slice(2).map((h) => h.trim());
  const smiles: string[] = [];
  const inputs: MlpInput[] = [];
  const labelRows: number[][] = [];
  const kept: number[] = [];
  let skipped = 0;
  for (let i = 0; i < rows.length && inputs.length < limit; i++) {
    const r = rows[i];
    const graph = toolkit.graph(r[0]);
    const d = toolkit.descriptors(r[0]);
    if (!graph || !d) {
      skipped++;
      continue;
    }
    smiles.push(r[0]);
    inputs.push(odorFeatures(graph, d, features));
    labelRows.push(r.slice(2).map((v) => (Number(v) > 0 ? 1 : 0)));
    kept.push(i);
  }
  const L = descriptors.length;
  const labels = new Float64Array(inputs.length * L);
  labelRows.forEach((row, i) => {
    for (let k = 0; k < L; k++) labels[i * L + k] = row[k];
  });
  return { descriptors, smiles, inputs, labels, rows: kept, skipped };
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
    ensemble: 1,
    skipCv: false,
    limit: Number.POSITIVE_INFINITY,
    ...options,
  };
  const log = o.onProgress ?? (() => {});
  const started = performance.now();
  const features = { nBits: o.nBits, radius: o.radius };
  const ds = loadOdorDataset(toolkit, data, features, o.limit);
  const n = ds.inputs.length;
  const L = ds.descriptors.length;
  log(`featurised ${n} molecules (${ds.skipped} skipped), ${L} descriptors`);

  const mlpOptions = (seed: number) => ({
    sparseDim: o.nBits,
    denseDim: ds.inputs[0].dense.length,
    hidden: o.hidden,
    outputs: L,
    dropout: o.dropout,
    weightDecay: o.weightDecay,
    learningRate: o.learningRate,
    epochs: o.epochs,
    seed,
  });
  const trainEnsemble = (inputs: MlpInput[], labels: Float64Array, seedBase: number) =>
    Array.from({ length: o.ensemble }, (_, m) => {
      const mlp = new MultiLabelMlp(mlpOptions(seedBase + m));
      mlp.fit(inputs, labels);
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
        train.map((i) => applyStandardizer(ds.inputs[i], st)),
        labelsOf(train),
        o.seed * 1000 + f * 10,
      );
      const scores = new Float64Array(test.length * L);
      const z = new Float64Array(L);
      test.forEach((i, r) => {
        const x = applyStandardizer(ds.inputs[i], st);
        for (const m of members) {
          m.predictLogits(x, z);
          for (let k = 0; k < L; k++) scores[r * L + k] += z[k] / members.length;
        }
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
  }

  log('training the final ensemble on all molecules');
  const standardizer = fitStandardizer(ds.inputs);
  const all = ds.inputs.map((x) => applyStandardizer(x, standardizer));
  const members = trainEnsemble(all, ds.labels, o.seed * 1000 + 999);
  const meanAuroc = foldAuroc.length ? foldAuroc.reduce((a, b) => a + b, 0) / foldAuroc.length : Number.NaN;
  const cv: OdorCvReport = {
    folds: o.skipCv ? 0 : o.folds,
    seed: o.seed,
    foldAuroc,
    meanAuroc,
    pooledAuroc,
    calibrationError,
    trainingSeconds: (performance.now() - started) / 1000,
  };
  const artifact: OdorModelArtifact = {
    format: 'odordiff-odor-model',
    version: 1,
    descriptors: ds.descriptors,
    features,
    standardizer,
    members: members.map((m) => m.toWeights()),
    platt,
    cv,
    dataSource: gslfDataSource,
  };
  const model = new OdorModel(artifact);
  const H = o.hidden;
  const odorMap = new Float64Array(n * H);
  for (const [i, x] of ds.inputs.entries()) odorMap.set(model.embed(x), i * H);
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
