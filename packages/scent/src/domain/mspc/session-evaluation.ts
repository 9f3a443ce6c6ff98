import { columnMeans, OffsetCompensation } from '../drift/offset-compensation.js';
import type { LabelledBatch } from '../identification/drift-protocol.js';
import { rocAuc } from '../identification/roc-auc.js';
import { GoldenBatchModel, type GoldenBatchOptions } from './golden-batch-model.js';

export interface SessionMspcResult {
  readonly session: string;
  readonly good_samples: number;
  readonly other_samples: number;
  /** Share of the good product's samples (transfer samples excluded) flagged. */
  readonly false_alarm_rate: number;
  /** Share of other products' samples flagged. */
  readonly detection_rate: number;
  /** AUROC of the anomaly score (max of T²/limit and SPE/limit), other products positive. */
  readonly auroc: number;
  /** Control limits the golden model used (`theory` when the first session has too few good samples to cross-validate). */
  readonly limits: 'theory' | 'cross-validated';
}

export interface MspcSessionOptions extends GoldenBatchOptions {
  /** Good-product samples of each later session used for offset compensation (first K in arrival order). */
  readonly transferSamples?: number;
  /** Signed log transform sign(x)·ln(1+|x|) of features first (default true). */
  readonly signedLog?: boolean;
  /**
   * `cross-validated` (default) or `theory` limits; see {@link GoldenBatchOptions.limits}. Cross-validated limits
   * need 4 good samples in the first session; with fewer, the theoretical limits are used and reported.
   */
  readonly limits?: 'theory' | 'cross-validated';
  /** Divide the compensated deviation by √(1 + 1/K) for the error of the K-sample transfer mean (default true). */
  readonly scaleForTransferError?: boolean;
}

/**
 * Golden-batch MSPC across sessions: the model is fitted on the first session's samples of the good product (with
 * cross-validated limits by default: a handful of samples of hundreds of features makes the theoretical SPE limit flag
 * everything); each later session is scored, optionally after offset compensation from its first K good-product
 * samples, scaled for the error of their mean.
 */
export function evaluateMspcAcrossSessions(
  sessions: readonly LabelledBatch[],
  goodLabel: number,
  options: MspcSessionOptions = {},
): SessionMspcResult[] {
  const prep = (r: ArrayLike<number>) =>
    options.signedLog === false
      ? Float64Array.from(r)
      : Float64Array.from(r, (v) => Math.sign(v) * Math.log1p(Math.abs(v)));
  const first = sessions[0];
  if (!first) throw new RangeError('no sessions');
  const golden = first.rows.filter((_, i) => first.labels[i] === goodLabel).map(prep);
  if (golden.length < 3)
    throw new RangeError(`the first session has ${golden.length} samples of the good product; at least 3 are needed`);
  const wanted = options.limits ?? 'cross-validated';
  const limits = wanted === 'cross-validated' && golden.length < 4 ? 'theory' : wanted;
  const model = GoldenBatchModel.fit(golden, { ...options, limits });
  const reference = columnMeans(golden);
  const k = options.transferSamples ?? 0;
  return sessions.slice(1).map((s) => {
    const rows = s.rows.map(prep);
    const goodIdx = s.labels.flatMap((l, i) => (l === goodLabel ? [i] : []));
    const transfer = goodIdx.slice(0, k);
    const compensation = new OffsetCompensation(
      reference,
      transfer.map((i) => rows[i]!),
      { scaleForTransferError: options.scaleForTransferError ?? true },
    );
    const scored = rows.map((_, i) => i).filter((i) => !transfer.includes(i));
    const scores: number[] = [];
    const positive: boolean[] = [];
    let falseAlarms = 0;
    let detections = 0;
    let good = 0;
    let other = 0;
    for (const i of scored) {
      const sc = model.score(compensation.apply(rows[i]!));
      const isGood = s.labels[i] === goodLabel;
      scores.push(Math.max(sc.t2 / sc.t2Limit, sc.speLimit > 0 ? sc.spe / sc.speLimit : 0));
      positive.push(!isGood);
      if (isGood) {
        good++;
        if (sc.isAnomaly) falseAlarms++;
      } else {
        other++;
        if (sc.isAnomaly) detections++;
      }
    }
    return {
      session: s.name,
      good_samples: good,
      other_samples: other,
      false_alarm_rate: good ? falseAlarms / good : Number.NaN,
      detection_rate: other ? detections / other : Number.NaN,
      auroc: rocAuc(scores, positive),
      limits,
    };
  });
}
