import type { Score } from './golden-batch-model.js';

/** The parts of a golden-batch {@link Score} that fault isolation reads. */
export type IsolationScore = Pick<
  Score,
  't2' | 'spe' | 't2Limit' | 'speLimit' | 't2Contributions' | 'speContributions' | 't2Rbc' | 'speRbc'
>;

/** In-control expected value of each channel's contribution (see `GoldenBatchModel.expectedContributions`). */
export interface ExpectedContributions {
  readonly t2: Float64Array;
  readonly spe: Float64Array;
  readonly t2Rbc: Float64Array;
  readonly speRbc: Float64Array;
}

export interface IsolationOptions {
  /** How many of the latest scores are pooled (default 10). */
  readonly window?: number;
  /** `contributions` (default) or reconstruction-based contributions `rbc`. */
  readonly kind?: 'contributions' | 'rbc';
  /** `both` (default): T² and SPE contributions, each divided by its statistic's limit, added; or `spe` only. */
  readonly statistic?: 'spe' | 'both';
  /**
   * Divide each channel's contribution by its in-control expected value (default true), so that every channel has
   * the same scale under normal operation (relative contributions, Westerhuis et al. 2000).
   */
  readonly standardise?: boolean;
  /** Pool only the scores outside the limits (default false: every score of the window). */
  readonly alarmedOnly?: boolean;
}

export interface ChannelIsolation {
  /** Channel indices, most suspect first. */
  readonly ranking: number[];
  /** Each channel's share of the pooled evidence (sums to 1 when any evidence was pooled; all 0 otherwise). */
  readonly shares: number[];
  /** Scores pooled. */
  readonly pooled: number;
}

/**
 * Names the channel(s) behind an alarm from the latest scores: per-channel contributions summed over the last
 * `window` scores, each channel's contribution standardised by its in-control expected value. Summing over several
 * samples lets a persistent single-channel fault (drift, raised noise, offset) dominate the random contributions of
 * single samples; standardising removes the channel-dependent scale of contributions under normal operation.
 *
 * @example
 * const { ranking } = isolateFaultyChannels(recentScores, model.expectedContributions());
 */
export function isolateFaultyChannels(
  scores: readonly IsolationScore[],
  expected: ExpectedContributions,
  options: IsolationOptions = {},
): ChannelIsolation {
  const window = options.window ?? 10;
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError('window must be a positive integer');
  const kind = options.kind ?? 'contributions';
  const both = (options.statistic ?? 'both') === 'both';
  const standardise = options.standardise ?? true;
  const alarmedOnly = options.alarmedOnly ?? false;
  const p = expected.spe.length;
  const speScale = kind === 'rbc' ? expected.speRbc : expected.spe;
  const t2Scale = kind === 'rbc' ? expected.t2Rbc : expected.t2;
  const total = new Float64Array(p);
  let pooled = 0;
  for (let i = Math.max(0, scores.length - window); i < scores.length; i++) {
    const s = scores[i]!;
    if (alarmedOnly && !(s.t2 > s.t2Limit || s.spe > s.speLimit)) continue;
    const spe = kind === 'rbc' ? s.speRbc : s.speContributions;
    if (spe.length !== p) throw new RangeError(`expected ${p} channels; got ${spe.length}`);
    pooled++;
    const speDiv = both && s.speLimit > 0 ? s.speLimit : 1;
    for (let j = 0; j < p; j++) total[j]! += (standardise ? spe[j]! / speScale[j]! : spe[j]!) / speDiv;
    if (both) {
      const t2 = kind === 'rbc' ? s.t2Rbc : s.t2Contributions;
      for (let j = 0; j < p; j++) total[j]! += (standardise ? t2[j]! / t2Scale[j]! : t2[j]!) / s.t2Limit;
    }
  }
  const ranking = Array.from({ length: p }, (_, j) => j).sort((a, b) => total[b]! - total[a]!);
  let sum = 0;
  for (let j = 0; j < p; j++) sum += Math.max(total[j]!, 0);
  const shares = Array.from(total, (v) => (sum > 0 ? Math.max(v, 0) / sum : 0));
  return { ranking, shares, pooled };
}

/**
 * Index of the first confirmed alarm: the first score outside the limits with at least `need` of the last `of`
 * scores (itself included) outside; −1 when there is none.
 */
export function firstConfirmedAlarm(scores: readonly IsolationScore[], need = 2, of = 3): number {
  if (!(need >= 1 && of >= need)) throw new RangeError('need 1 ≤ need ≤ of');
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s.t2 > s.t2Limit || s.spe > s.speLimit)) continue;
    let count = 0;
    for (let k = Math.max(0, i - of + 1); k <= i; k++) {
      const q = scores[k]!;
      if (q.t2 > q.t2Limit || q.spe > q.speLimit) count++;
    }
    if (count >= need) return i;
  }
  return -1;
}
