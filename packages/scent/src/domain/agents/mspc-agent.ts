import { type ExpectedContributions, isolateFaultyChannels } from '../mspc/fault-isolation.js';
import type { Score } from '../mspc/golden-batch-model.js';
import { marginConfidence, windowEvidence } from './agent-evidence.js';
import type { AgentReport } from './agent-report.js';

export const mspcAgentId = 'mspc';

export interface MspcAgentOptions {
  /** False-alarm probability of each limit of the model (the model's α). */
  readonly alpha: number;
  /** Smallest alarm rate of a window that matters (default 0.1, the seed's MEDIUM risk band). */
  readonly rateOfConcern?: number;
  /** Suspect channels named in the findings (default 3). */
  readonly topChannels?: number;
  /** What was scored, for the findings (default "reading"). */
  readonly subject?: string;
  /**
   * The model's in-control expected contributions (`model.expectedContributions()`). With them, suspect channels come
   * from the alarmed readings' T² and SPE contributions, each standardised by its expected value and divided by its
   * limit, summed (`isolateFaultyChannels`; better top-1 isolation on the simulated line, bench/scent/isolation);
   * without them, from the reconstruction-based contributions of the statistic most over its limit.
   */
  readonly expectedContributions?: ExpectedContributions;
}

/** The part of a golden-batch {@link Score} the agent needs. */
export type MspcScore = Pick<
  Score,
  't2' | 'spe' | 't2Limit' | 'speLimit' | 't2Rbc' | 'speRbc' | 't2Contributions' | 'speContributions'
>;

/**
 * The anomaly / contamination agent: judges golden-batch MSPC scores (Hotelling T² and SPE against their limits).
 * One reading is anomalous when either statistic exceeds its limit, with confidence from the distance to the limit;
 * a window is anomalous when its number of alarms is more likely under an out-of-control process (alarm rate
 * `rateOfConcern`) than under the in-control false-alarm rate 1 − (1 − α)² of the two limits. Suspect channels come
 * from the alarms' standardised contributions when `expectedContributions` is given, else from the
 * reconstruction-based contributions of the statistic most over its limit, averaged over the alarms.
 *
 * @example
 * const report = runMspcAgent(rows.map((r) => model.score(r)), { alpha: model.alpha });
 */
export function runMspcAgent(scores: readonly MspcScore[], options: MspcAgentOptions): AgentReport {
  const rateOfConcern = options.rateOfConcern ?? 0.1;
  const top = options.topChannels ?? 3;
  const subject = options.subject ?? 'reading';
  if (scores.length === 0) {
    return {
      agent_id: mspcAgentId,
      anomaly_detected: false,
      confidence: 0,
      findings: [`no scored ${subject}s (no golden-batch model applies); the agent abstains`],
      recommended_action: 'Train a golden-batch fingerprint for this product and sensor.',
    };
  }
  const windowAlpha = 1 - (1 - options.alpha) ** 2;
  const channels = scores[0]!.t2Rbc.length;
  const share = new Float64Array(channels);
  let alarms = 0;
  let worst = 0;
  let worstIndex = 0;
  for (const [i, s] of scores.entries()) {
    const t2Ratio = s.t2 / s.t2Limit;
    const speRatio = s.speLimit > 0 ? s.spe / s.speLimit : 0;
    const ratio = Math.max(t2Ratio, speRatio);
    if (ratio > worst) {
      worst = ratio;
      worstIndex = i;
    }
    if (ratio <= 1) continue;
    alarms++;
    const rbc = speRatio >= t2Ratio ? s.speRbc : s.t2Rbc;
    let total = 0;
    for (let j = 0; j < channels; j++) total += rbc[j]!;
    if (total > 0) for (let j = 0; j < channels; j++) share[j]! += rbc[j]! / total;
  }
  const n = scores.length;
  let anomaly: boolean;
  let confidence: number;
  if (n === 1) {
    anomaly = worst > 1;
    confidence = marginConfidence(worst, 1);
  } else {
    const evidence = windowEvidence(alarms, n, windowAlpha, Math.max(rateOfConcern, 2 * windowAlpha));
    anomaly = evidence.anomaly;
    confidence = evidence.confidence;
  }
  const w = scores[worstIndex]!;
  const findings = [
    n === 1
      ? `${subject} ${worst > 1 ? 'outside' : 'inside'} the golden-batch limits (T² ${fmt(w.t2)} / ${fmt(w.t2Limit)}, SPE ${fmt(w.spe)} / ${fmt(w.speLimit)})`
      : `${alarms} of ${n} ${subject}s outside the golden-batch limits (${fmt(n * windowAlpha)} expected by chance at α = ${options.alpha}); worst T² ${fmt(w.t2)} / ${fmt(w.t2Limit)}, SPE ${fmt(w.spe)} / ${fmt(w.speLimit)}`,
  ];
  const suspects: Array<{ channel: number; share: number }> = [];
  if (alarms > 0) {
    if (options.expectedContributions) {
      const iso = isolateFaultyChannels(scores, options.expectedContributions, {
        window: scores.length,
        alarmedOnly: true,
      });
      for (const j of iso.ranking) suspects.push({ channel: j, share: iso.shares[j]! });
    } else {
      for (let j = 0; j < channels; j++) suspects.push({ channel: j, share: share[j]! / alarms });
      suspects.sort((a, b) => b.share - a.share);
    }
    findings.push(
      `suspect channels by contribution: ${suspects
        .slice(0, top)
        .map((s) => `ch ${s.channel} (${(100 * s.share).toFixed(0)} %)`)
        .join(', ')}`,
    );
  }
  const lead = suspects[0];
  return {
    agent_id: mspcAgentId,
    anomaly_detected: anomaly,
    confidence,
    findings,
    recommended_action: anomaly
      ? `Hold the product: sample for contamination or off-spec composition, starting from the compounds channel ${lead?.channel ?? '?'} responds to.`
      : '',
  };
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}
