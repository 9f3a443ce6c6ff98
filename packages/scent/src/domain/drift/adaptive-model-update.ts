import { GoldenBatchModel } from '../mspc/golden-batch-model.js';

export interface AdaptiveUpdateOptions {
  /**
   * Refuse when more than this share of the batch is outside the current model's limits (default 0.1, the share at
   * which the seed rules stop approving a batch).
   */
  readonly maxAnomalyRate?: number;
  /** Refuse when the model mean moves more than this in one update, in limit units of the current model (default 0.5). */
  readonly maxStepShift?: number;
  /**
   * Refuse when the updated mean is further than this from the base (originally trained) model's mean, in its limit
   * units (default 1: the adapted centre may never move to where the original model alarms); beyond it only a
   * deliberate retrain or a recalibration moves the model.
   */
  readonly maxCumulativeShift?: number;
  /** Reference readings kept, newest first (the forgetting window; default the size of the given reference set). */
  readonly window?: number;
  /** In-control readings the batch must contribute (default 10). */
  readonly minSamples?: number;
}

export interface AdaptiveUpdateInput {
  /** The model now in use. */
  readonly current: GoldenBatchModel;
  /** The deliberately trained model the lineage started from. */
  readonly base: GoldenBatchModel;
  /** The current model's reference readings, oldest first. */
  readonly reference: readonly ArrayLike<number>[];
  /** The released batch's readings. */
  readonly batch: readonly ArrayLike<number>[];
}

export type AdaptiveUpdateRefusal = 'anomaly_rate' | 'too_few_samples' | 'step_shift' | 'cumulative_shift';

interface OutcomeCommon {
  /** Batch readings within the current model's limits (added) and outside them (left out). */
  readonly used: number;
  readonly excluded: number;
  readonly anomalyRate: number;
  /** Mean shift in limit units of the current model and of the base model (null when no model was fitted). */
  readonly stepShift: number | null;
  readonly cumulativeShift: number | null;
}

export type AdaptiveUpdateOutcome =
  | (OutcomeCommon & {
      readonly accepted: true;
      readonly model: GoldenBatchModel;
      /** The new reference set (the newest `window` readings), oldest first; the model is centred on its mean. */
      readonly reference: number[][];
      /** How many of the new reference readings come from the batch. */
      readonly fromBatch: number;
    })
  | (OutcomeCommon & { readonly accepted: false; readonly reason: AdaptiveUpdateRefusal; readonly message: string });

/**
 * How far a point is from a model's centre in units of its control limits: √max(T²/T²lim, SPE/SPElim), 1 on the
 * nearer limit. Used on model means, it measures how far an update moved the model.
 */
export function limitDistance(model: GoldenBatchModel, point: ArrayLike<number>): number {
  const s = model.score(point);
  return Math.sqrt(Math.max(s.t2 / s.t2Limit, s.speLimit > 0 ? s.spe / s.speLimit : 0));
}

/**
 * Adaptive golden-model update from an accepted (released) batch that cannot absorb a fault: the batch's readings
 * within the current model's limits join a sliding window of reference readings and the model is re-centred on the
 * window's mean, keeping the trained scaling, loadings, eigenvalues and limits. Only the centre moves: a refit of the
 * covariance on a window that spans a creeping change widens the limits along it and absorbs the fault through the
 * spread even when the centre is capped (seen in simulation), while an additive baseline drift is a shift of the
 * centre. Guards: (1) the batch's out-of-limit share must be at most
 * `maxAnomalyRate`; (2) only in-control readings are added; (3) the refitted mean may move at most `maxStepShift`
 * limit units from the current model per update, and (4) at most `maxCumulativeShift` limit units from the base
 * model in total — a slowly creeping fault that each update would accept stops being absorbed there and is then
 * detected as it grows; (5) old readings leave the window so the model follows the present line.
 *
 * The guards cannot tell a legitimate drift from a creeping fault moving the same way: both are bounded by the
 * cumulative cap, and a line that legitimately drifts past it needs recalibration (which brings calibrated values
 * back to the base model) or a deliberate retrain.
 *
 * @example
 * const out = adaptGoldenModel({ current, base, reference, batch });
 * if (out.accepted) store(out.model, out.reference); else audit(out.reason);
 */
export function adaptGoldenModel(
  input: AdaptiveUpdateInput,
  options: AdaptiveUpdateOptions = {},
): AdaptiveUpdateOutcome {
  const maxAnomalyRate = options.maxAnomalyRate ?? 0.1;
  const maxStep = options.maxStepShift ?? 0.5;
  const maxCumulative = options.maxCumulativeShift ?? 1;
  const window = options.window ?? input.reference.length;
  const minSamples = options.minSamples ?? 10;
  if (!(maxAnomalyRate >= 0 && maxAnomalyRate <= 1)) throw new RangeError('maxAnomalyRate must be in [0, 1]');
  if (!(maxStep > 0 && maxCumulative > 0)) throw new RangeError('shift bounds must be positive');
  if (!(Number.isInteger(window) && window >= 3)) throw new RangeError('window must be an integer >= 3');
  const { current, base, batch } = input;
  if (base.channels !== current.channels) throw new RangeError('base and current models differ in channels');
  if (batch.length === 0) throw new RangeError('the batch has no readings');
  const inControl: number[][] = [];
  for (const x of batch) {
    if (x.length !== current.channels) {
      throw new RangeError(`batch readings need ${current.channels} channels; got ${x.length}`);
    }
    if (!current.score(x).isAnomaly) inControl.push(Array.from(x));
  }
  const common = {
    used: inControl.length,
    excluded: batch.length - inControl.length,
    anomalyRate: (batch.length - inControl.length) / batch.length,
  };
  const refuse = (
    reason: AdaptiveUpdateRefusal,
    message: string,
    stepShift: number | null = null,
    cumulativeShift: number | null = null,
  ): AdaptiveUpdateOutcome => ({ ...common, accepted: false, reason, message, stepShift, cumulativeShift });
  if (common.anomalyRate > maxAnomalyRate) {
    return refuse(
      'anomaly_rate',
      `${(100 * common.anomalyRate).toFixed(1)} % of the batch is outside the current limits (at most ${(100 * maxAnomalyRate).toFixed(1)} % for an update)`,
    );
  }
  if (inControl.length < minSamples) {
    return refuse('too_few_samples', `the batch has ${inControl.length} in-control readings; ${minSamples} needed`);
  }
  const reference = [...input.reference.map((r) => Array.from(r)), ...inControl].slice(-window);
  const fromBatch = Math.min(inControl.length, reference.length);
  const mean = new Array<number>(current.channels).fill(0);
  for (const r of reference) for (let j = 0; j < mean.length; j++) mean[j]! += r[j]! / reference.length;
  const model = GoldenBatchModel.fromJSON({ ...current.toJSON(), mean });
  const stepShift = limitDistance(current, mean);
  const cumulativeShift = limitDistance(base, mean);
  if (stepShift > maxStep) {
    return refuse(
      'step_shift',
      `the update would move the model mean ${stepShift.toFixed(2)} limit units in one step (at most ${maxStep})`,
      stepShift,
      cumulativeShift,
    );
  }
  if (cumulativeShift > maxCumulative) {
    return refuse(
      'cumulative_shift',
      `the update would move the model mean ${cumulativeShift.toFixed(2)} limit units from the originally trained model (at most ${maxCumulative}); recalibrate the sensor or retrain the fingerprint deliberately`,
      stepShift,
      cumulativeShift,
    );
  }
  return { ...common, accepted: true, model, reference, fromBatch, stepShift, cumulativeShift };
}
