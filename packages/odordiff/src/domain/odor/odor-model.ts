import { type MlpInput, type MlpWeights, MultiLabelMlp } from './multi-label-mlp.js';
import { applyStandardizer, fullFeatureOptions, type OdorFeatureOptions, type Standardizer } from './odor-features.js';
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
  /**
   * How well the calibrated `odorless` probability separates odorless from odorous molecules out of fold: AUROC of
   * that one descriptor, and the gate `p(odorless) >= 0.5` as recall on odorless / share of odorous wrongly gated.
   * Absent in artifacts trained before it was recorded.
   */
  readonly odorlessGate?: {
    readonly auroc: number;
    readonly odorless: number;
    readonly odorous: number;
    readonly recallAtHalf: number;
    readonly falseGateRateAtHalf: number;
  };
  readonly trainingSeconds: number;
}

/** Everything needed to predict: descriptor names, feature settings, ensemble weights and calibration. */
export interface OdorModelArtifact {
  readonly format: 'odordiff-odor-model';
  readonly version: 1;
  readonly descriptors: readonly string[];
  /** Features of the first feature set (kept for readers of older artifacts). */
  readonly features: OdorFeatureOptions;
  /**
   * Feature sets of a heterogeneous ensemble (same dense descriptor block, different sparse fingerprints); absent
   * when every member uses `features`.
   */
  readonly featureSets?: readonly OdorFeatureOptions[];
  /** Index into `featureSets` per member (absent: all 0). */
  readonly memberFeatureSet?: readonly number[];
  /** Standardisation of the dense descriptor block (shared by all feature sets). */
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
 * The trained odor model: an ensemble of {@link MultiLabelMlp}s, possibly over different fingerprint feature sets
 * (count Morgan; atom pairs; MACCS) with the same RDKit-descriptor block, averaged in logit space and calibrated per
 * descriptor (Platt scaling on out-of-fold predictions).
 */
export class OdorModel {
  readonly artifact: OdorModelArtifact;
  readonly descriptors: readonly string[];
  /** The feature sets the inputs must be built with, in order; {@link OdorModel.logits} takes one input per set. */
  readonly featureSets: readonly Required<OdorFeatureOptions>[];
  readonly #members: MultiLabelMlp[];
  readonly #memberSet: readonly number[];
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
    this.featureSets = (artifact.featureSets ?? [artifact.features]).map(fullFeatureOptions);
    this.#members = artifact.members.map((w) => MultiLabelMlp.fromWeights(w));
    this.#memberSet = artifact.memberFeatureSet ?? artifact.members.map(() => 0);
    if (
      this.#memberSet.length !== this.#members.length ||
      this.#memberSet.some((k) => !(k >= 0 && k < this.featureSets.length))
    )
      throw new RangeError('OdorModel: every member needs a valid feature set');
    this.#odorlessIdx = artifact.descriptors.indexOf('odorless');
    this.#logits = new Float64Array(artifact.descriptors.length);
    this.#tmp = new Float64Array(artifact.descriptors.length);
  }

  /** Feature settings of the first set. */
  get features(): Required<OdorFeatureOptions> {
    return this.featureSets[0];
  }

  #inputs(raw: MlpInput | readonly MlpInput[]): MlpInput[] {
    const list = Array.isArray(raw) ? (raw as readonly MlpInput[]) : [raw as MlpInput];
    if (list.length !== this.featureSets.length)
      throw new RangeError(`OdorModel: expected ${this.featureSets.length} feature inputs, got ${list.length}`);
    return list.map((x) => applyStandardizer(x, this.artifact.standardizer));
  }

  /** Ensemble-mean logits for raw (unstandardised) features, one input per feature set. */
  logits(
    raw: MlpInput | readonly MlpInput[],
    output: Float64Array = new Float64Array(this.descriptors.length),
  ): Float64Array {
    const xs = this.#inputs(raw);
    output.fill(0);
    this.#members.forEach((m, i) => {
      m.predictLogits(xs[this.#memberSet[i]], this.#tmp);
      for (let k = 0; k < output.length; k++) output[k] += this.#tmp[k] / this.#members.length;
    });
    return output;
  }

  /** Calibrated probabilities and odorless gate for raw features. */
  predict(raw: MlpInput | readonly MlpInput[]): OdorPrediction {
    const z = this.logits(raw, this.#logits);
    const probabilities = new Float64Array(z.length);
    for (let k = 0; k < z.length; k++) probabilities[k] = applyPlatt(this.artifact.platt[k], z[k]);
    const odorless = this.#odorlessIdx >= 0 ? probabilities[this.#odorlessIdx] : Number.NaN;
    return { probabilities, odorless, isPlausiblyOdorous: !(odorless >= 0.5) };
  }

  /**
   * The odor-map embedding: the hidden activation of the first member (hidden units of different networks are not
   * aligned, so they are not averaged), L2-normalised.
   */
  embed(raw: MlpInput | readonly MlpInput[]): Float64Array {
    const xs = this.#inputs(raw);
    const first = this.#members[0];
    const out = first.embed(xs[this.#memberSet[0]], new Float64Array(first.options.hidden));
    let norm = 0;
    for (let j = 0; j < out.length; j++) norm += out[j] * out[j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < out.length; j++) out[j] /= norm;
    return out;
  }
}
