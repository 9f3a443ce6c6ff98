import { describe, expect, it } from 'vitest';
import {
  type AgentReport,
  consensus,
  narrativeConsistent,
  narrativeContradiction,
  templateNarrative,
} from './agent-report.js';

const report = (
  agent_id: string,
  anomaly_detected: boolean,
  confidence: number,
  findings: string[] = [],
): AgentReport => ({
  agent_id,
  anomaly_detected,
  confidence,
  findings,
  recommended_action: anomaly_detected ? `Investigate ${agent_id}.` : '',
});

describe('consensus', () => {
  it('weighs votes by confidence and reports the agreement level', () => {
    const r = consensus([report('mspc', true, 0.9), report('process', false, 0.6), report('health', false, 0.2)]);
    expect(r.decision).toBe('reject');
    expect(r.agreement).toBeCloseTo(0.9 / 1.5, 12);
    expect(r.votes.map((v) => v.vote)).toEqual(['reject', 'approve', 'abstain']);
  });

  it('is undecided on a tie or when everyone abstains, and rejects invalid confidences', () => {
    expect(consensus([report('a', true, 0.5), report('b', false, 0.5)]).decision).toBe('undecided');
    expect(consensus([report('a', true, 0.1)])).toMatchObject({ decision: 'undecided', agreement: 0 });
    expect(() => consensus([report('a', true, 1.5)])).toThrow(RangeError);
  });
});

describe('narratives', () => {
  it('never contradicts the detectors, whatever the mix of reports', () => {
    const ids = ['mspc', 'process', 'sensor_health', 'identification'];
    for (let mask = 0; mask < 16; mask++) {
      const reports = ids.map((id, i) => report(id, ((mask >> i) & 1) === 1, 0.35 + 0.15 * i, [`finding ${i}`]));
      const text = templateNarrative(reports, consensus(reports));
      expect(narrativeConsistent(text, reports)).toBe(true);
      if (mask === 0) expect(text).toMatch(/^No agent detected an anomaly/);
      else expect(text).not.toMatch(/No agent detected/);
    }
  });

  it('rejects an LLM narrative that calls flagged readings healthy or omits a flagging agent', () => {
    const reports = [report('mspc', true, 0.9, ['T² 40 > 18']), report('process', false, 0.8)];
    expect(narrativeConsistent('All readings are normal and the batch is healthy.', reports)).toBe(false);
    expect(narrativeConsistent('The process agent saw stable humidity.', reports)).toBe(false);
    expect(narrativeConsistent('The mspc agent found T² above its limit on channel 3.', reports)).toBe(true);
  });

  it('refuses a narrative that asserts an anomaly no agent flagged, but not a negated mention', () => {
    const calm = [report('mspc', false, 0.9), report('process', false, 0.8), report('sensor_health', false, 0.7)];
    expect(narrativeContradiction('Hydrogen sulfide contamination is likely.', calm)).toBe(
      'it asserts "contamination", but the mspc agent detected no anomaly',
    );
    expect(narrativeContradiction('Channel 3 is a stuck channel.', calm)).toMatch(/sensor_health agent detected no/);
    expect(narrativeContradiction('Humidity was above its limit during filling.', calm)).toMatch(/process agent/);
    expect(narrativeContradiction('No contamination, and no stuck channel: the batch is in control.', calm)).toBeNull();
    const flagged = [report('mspc', true, 0.9, ['SPE 12 > 2']), report('identification', false, 0.9)];
    expect(narrativeContradiction('The mspc agent points to contamination.', flagged)).toBeNull();
    expect(narrativeContradiction('The mspc agent saw an unknown product.', flagged)).toBe(
      'it asserts "unknown product", but the identification agent detected no anomaly',
    );
  });
});
