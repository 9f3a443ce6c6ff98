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
 * What each agent's anomalies are called in a narrative. A narrative that asserts one of these while that agent did
 * not flag anything names an anomaly no detector found.
 */
export const anomalyTerms: Readonly<Record<string, RegExp>> = {
  mspc: /contaminat\w*|off[- ]spec\w*|foreign (compound|odou?r)|outside the (golden|fingerprint)\w*/g,
  process:
    /(temperature|humidity|pressure|ph|flow)\s+(is |was |were |are )?(out of (control|limits?|range)|outside|too (high|low)|above|below|exceed\w*)/g,
  sensor_health:
    /(dead|stuck|noisy|drifting|faulty|failed)\s+(sensor\s+)?channels?|sensor (fault|failure)|calibration (has )?(expired|overdue)/g,
  identification: /unknown (product|odou?r|sample)|misidentif\w*|wrong product|product mix-?up/g,
};

const negation = /\b(no|not|nor|without|never|absence of|free of|rules? out|ruled out)\b[^.;:]*$/;

/**
 * Why a narrative (for example from the LLM gateway) contradicts the detectors, or null when it does not. It
 * contradicts them when it claims that nothing was found while an agent flagged an anomaly, leaves out an agent that
 * flagged one, or asserts an anomaly (see {@link anomalyTerms}; negated mentions such as "no contamination" do not
 * count) of an agent that flagged nothing.
 */
export function narrativeContradiction(narrative: string, reports: readonly AgentReport[]): string | null {
  const text = narrative.toLowerCase();
  const flagged = reports.filter((r) => r.anomaly_detected);
  if (flagged.length > 0) {
    const healthy =
      /\bno (agent detected an )?anomal(y|ies)\b|\bhealthy\b|\ball (readings|samples) (are )?normal\b/.exec(text);
    if (healthy) {
      return `it says "${healthy[0]}" although ${flagged.map((r) => r.agent_id).join(', ')} detected an anomaly`;
    }
    const missing = flagged.filter((r) => !text.includes(r.agent_id.toLowerCase()));
    if (missing.length > 0)
      return `it does not name the agents that detected an anomaly: ${missing.map((r) => r.agent_id).join(', ')}`;
  }
  for (const r of reports) {
    if (r.anomaly_detected) continue;
    const terms = anomalyTerms[r.agent_id];
    if (!terms) continue;
    for (const m of text.matchAll(terms)) {
      const before = text.slice(Math.max(0, m.index - 60), m.index);
      if (negation.test(before)) continue;
      return `it asserts "${m[0]}", but the ${r.agent_id} agent detected no anomaly`;
    }
  }
  return null;
}

/**
 * Whether a narrative agrees with the detectors: every agent that detected an anomaly is named, it does not claim
 * that nothing was found while something was, and it names no anomaly that no agent flagged.
 */
export function narrativeConsistent(narrative: string, reports: readonly AgentReport[]): boolean {
  return narrativeContradiction(narrative, reports) === null;
}
