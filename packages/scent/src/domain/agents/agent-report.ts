/** What every analysis agent returns (the seed's contract). */
export interface AgentReport {
  readonly agent_id: string;
  readonly anomaly_detected: boolean;
  /** 0..1: how sure the agent is of its verdict. */
  readonly confidence: number;
  readonly findings: readonly string[];
  readonly recommended_action: string;
}

export type Vote = 'approve' | 'reject' | 'abstain';

export interface Consensus {
  readonly decision: Exclude<Vote, 'abstain'> | 'undecided';
  /** Confidence-weighted share of the non-abstaining weight behind the decision (0..1). */
  readonly agreement: number;
  readonly votes: ReadonlyArray<{ readonly agent_id: string; readonly vote: Vote; readonly weight: number }>;
}

export interface ConsensusOptions {
  /** Agents less confident than this abstain (default 0.3). */
  readonly abstainBelow?: number;
}

/**
 * Confidence-weighted vote: an agent that detected an anomaly votes reject, otherwise approve, with its confidence as
 * weight; agents under `abstainBelow` abstain. Ties and all-abstain give `undecided`.
 */
export function consensus(reports: readonly AgentReport[], options: ConsensusOptions = {}): Consensus {
  const abstainBelow = options.abstainBelow ?? 0.3;
  let approve = 0;
  let reject = 0;
  const votes = reports.map((r) => {
    if (!(r.confidence >= 0 && r.confidence <= 1)) {
      throw new RangeError(`agent ${r.agent_id}: confidence must be in [0, 1]; got ${r.confidence}`);
    }
    const vote: Vote = r.confidence < abstainBelow ? 'abstain' : r.anomaly_detected ? 'reject' : 'approve';
    if (vote === 'approve') approve += r.confidence;
    if (vote === 'reject') reject += r.confidence;
    return { agent_id: r.agent_id, vote, weight: vote === 'abstain' ? 0 : r.confidence };
  });
  const total = approve + reject;
  if (total === 0 || approve === reject) return { decision: 'undecided', agreement: total === 0 ? 0 : 0.5, votes };
  const decision = reject > approve ? 'reject' : 'approve';
  return { decision, agreement: Math.max(approve, reject) / total, votes };
}

/**
 * The deterministic root-cause narrative: it names every agent that detected an anomaly with its findings and the
 * consensus, and says "no anomaly" only when no agent detected one, so it cannot contradict the detectors. An LLM
 * narrative is accepted only if {@link narrativeConsistent} holds for it.
 */
export function templateNarrative(reports: readonly AgentReport[], result: Consensus): string {
  const flagged = reports.filter((r) => r.anomaly_detected);
  const head =
    flagged.length === 0
      ? 'No agent detected an anomaly.'
      : `${flagged.length} of ${reports.length} agents detected an anomaly: ${flagged
          .map((r) => `${r.agent_id} (confidence ${r.confidence.toFixed(2)}: ${r.findings.join('; ') || 'no details'})`)
          .join(', ')}.`;
  const actions = flagged.map((r) => r.recommended_action).filter((a) => a.length > 0);
  const decision =
    result.decision === 'undecided'
      ? 'The agents are undecided; a person must review.'
      : `Consensus: ${result.decision} (agreement ${(100 * result.agreement).toFixed(0)} %).`;
  return [head, decision, ...(actions.length > 0 ? [`Recommended: ${[...new Set(actions)].join(' ')}`] : [])].join(' ');
}

/**
 * Whether a narrative (for example from the LLM gateway) agrees with the detectors: every agent that detected an
 * anomaly is named, and it does not claim that nothing was found while something was.
 */
export function narrativeConsistent(narrative: string, reports: readonly AgentReport[]): boolean {
  const flagged = reports.filter((r) => r.anomaly_detected);
  if (flagged.length === 0) return true;
  const text = narrative.toLowerCase();
  if (/\bno (agent detected an )?anomal(y|ies)\b|\bhealthy\b|\ball (readings|samples) (are )?normal\b/.test(text))
    return false;
  return flagged.every((r) => text.includes(r.agent_id.toLowerCase()));
}
