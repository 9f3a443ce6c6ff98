import { type MlpInput, type MlpWeights, MultiLabelMlp } from './multi-label-mlp.js';
import { applyStandardizer, type OdorFeatureOptions, type Standardizer } from './odor-features.js';
import { applyPlatt, type PlattScaling } from './platt.js';

/** Cross-validation record stored with the weights. */
export interface OdorCvReport {
  readonly folds: number;
  readonly seed: number;
  /** Macro-AUROC of each held-out fold. */
  readonly foldAuroc: readonly number[];
  readonly meanAuroc: number;
  /** Macro-AUROC over the pooled out-of-fold predictions. */
  readonly pooledAuroc: number;
  /** Expected calibration error of the Platt-calibrated out-of-fold probabilities (all labels pooled, 10 bins). */
  readonly calibrationError: number;
  readonly trainingSeconds: number;
}

/** Everything needed to predict: descriptor names, feature settings, ensemble weights and calibration. */
export interface OdorModelArtifact {
  readonly format: 'odordiff-odor-model';
  readonly version: 1;
  readonly descriptors: readonly string[];
  readonly features: Required<OdorFeatureOptions>;
  readonly standardizer: Standardizer;
  readonly members: readonly MlpWeights[];
  /** One Platt scaling per descriptor, fitted on out-of-fold logits. */
  readonly platt: readonly PlattScaling[];
  readonly cv: OdorCvReport;
  readonly dataSource: string;
}

/** A prediction for one molecule. */
export interface OdorPrediction {
  /** Calibrated probability per descriptor, in {@link OdorModel.descriptors} order. */
  readonly probabilities: Float64Array;
  /** Calibrated probability of the `odorless` label (NaN if the vocabulary has none). */
  readonly odorless: number;
  /** `odorless < 0.5`: the model expects the molecule to smell. */
  readonly isPlausiblyOdorous: boolean;
}

/**
 * The trained odor model: an ensemble of {@link MultiLabelMlp}s over count-Morgan + RDKit-descriptor features,
 * averaged in logit space and calibrated per descriptor (Platt scaling on out-of-fold predictions).
 */
export class OdorModel {
  readonly artifact: OdorModelArtifact;
  readonly descriptors: readonly string[];
  readonly #members: MultiLabelMlp[];
  readonly #odorlessIdx: number;
  readonly #logits: Float64Array;
  readonly #tmp: Float64Array;

  constructor(artifact: OdorModelArtifact) {
    if (artifact.format !== 'odordiff-odor-model' || artifact.version !== 1)
      throw new TypeError('OdorModel: not an odordiff odor model (format/version mismatch)');
    if (artifact.platt.length !== artifact.descriptors.length)
      throw new RangeError('OdorModel: one Platt scaling per descriptor is required');
    this.artifact = artifact;
    this.descriptors = artifact.descriptors;
    this.#members = artifact.members.map((w) => MultiLabelMlp.fromWeights(w));
    this.#odorlessIdx = artifact.descriptors.indexOf('odorless');
    this.#logits = new Float64Array(artifact.descriptors.length);
    this.#tmp = new Float64Array(artifact.descriptors.length);
  }

  /** Feature settings the inputs must be built with. */
  get features(): Required<OdorFeatureOptions> {
    return this.artifact.features;
  }

  /** Ensemble-mean logits for raw (unstandardised) features. */
  logits(raw: MlpInput, output: Float64Array = new Float64Array(this.descriptors.length)): Float64Array {
    const x = applyStandardizer(raw, this.artifact.standardizer);
    output.fill(0);
    for (const m of this.#members) {
      m.predictLogits(x, this.#tmp);
      for (let k = 0; k < output.length; k++) output[k] += this.#tmp[k] / this.#members.length;
    }
    return output;
  }

  /** Calibrated probabilities and odorless gate for raw features. */
  predict(raw: MlpInput): OdorPrediction {
    const z = this.logits(raw, this.#logits);
    const probabilities = new Float64Array(z.length);
    for (let k = 0; k < z.length; k++) probabilities[k] = applyPlatt(this.artifact.platt[k], z[k]);
    const odorless = this.#odorlessIdx >= 0 ? probabilities[this.#odorlessIdx] : Number.NaN;
    return { probabilities, odorless, isPlausiblyOdorous: !(odorless >= 0.5) };
  }

  /** The odor-map embedding: mean hidden activation of the ensemble members, L2-normalised. */
  embed(raw: MlpInput): Float64Array {
    const x = applyStandardizer(raw, this.artifact.standardizer);
    const first = this.#members[0];
    const out = new Float64Array(first.options.hidden);
    const h = new Float64Array(first.options.hidden);
    for (const m of this.#members) {
      m.embed(x, h);
      for (let j = 0; j < out.length; j++) out[j] += h[j];
    }
    let norm = 0;
    for (let j = 0; j < out.length; j++) norm += out[j] * out[j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < out.length; j++) out[j] /= norm;
    return out;
  }
}
