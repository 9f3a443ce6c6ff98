import type { AuditAnalysis, CellResult } from '../audit/analyse-pairs.js';
import type { ExtendedGroupReport } from '../metrics/metric-frame.js';

/** Risk level of an audit outcome. */
export type RiskLevel = 'low' | 'medium' | 'high';

/** Everything a report needs; produced by the `audit` command and saved as the technical JSON report. */
export interface AuditReport {
  readonly kind: 'quintessence.counterfactual.audit';
  readonly version: 1;
  readonly title: string;
  readonly generated_at: string;
  readonly model: { readonly name: string; readonly version?: string };
  readonly data: {
    readonly description: string;
    readonly sentences: number;
    readonly pairs: number;
    readonly model_calls: number;
  };
  readonly settings: {
    readonly seed: number;
    readonly resamples: number;
    readonly alpha: number;
    readonly correction: string;
    readonly confidence_level: number;
  };
  readonly analysis: AuditAnalysis;
  readonly group_metrics?: ExtendedGroupReport;
  readonly risk: { readonly level: RiskLevel; readonly reasons: readonly string[] };
  readonly mitigation: readonly string[];
  readonly next_audit_date: string;
}

export interface BuildReportInput {
  readonly title: string;
  readonly generatedAt: Date;
  readonly model: { name: string; version?: string };
  readonly data: AuditReport['data'];
  readonly settings: AuditReport['settings'];
  readonly analysis: AuditAnalysis;
  readonly groupMetrics?: ExtendedGroupReport;
}

/** Flip rates at or above this are material in the risk rule. */
const MATERIAL_FLIP_RATE = 0.05;

function cellName(c: CellResult): string {
  return `${c.attribute} ${c.direction} (${c.strategy})`;
}

/**
 * Risk rule: high when a non-control cell is significant after correction with a flip rate >= 5%, or the group
 * metrics fail the 80% rule; medium when any non-control cell is significant or a control cell raised a false alarm
 * (the audit itself is then not trustworthy); low otherwise.
 */
export function assessRisk(analysis: AuditAnalysis, groupMetrics?: ExtendedGroupReport): AuditReport['risk'] {
  const reasons: string[] = [];
  let level: RiskLevel = 'low';
  const raise = (to: RiskLevel) => {
    if (to === 'high' || (to === 'medium' && level === 'low')) level = to;
  };
  for (const c of analysis.cells) {
    if (c.control) {
      if (c.significant) {
        raise('medium');
        reasons.push(
          `control cell ${cellName(c)} shows an effect (p_adj = ${c.p_adjusted.toPrecision(3)}): the model reacts to the rewrite itself or is noisy; judge attribute effects against this control`,
        );
      }
      continue;
    }
    if (c.significant && c.flip_rate >= MATERIAL_FLIP_RATE) {
      raise('high');
      reasons.push(
        `${cellName(c)}: ${(100 * c.flip_rate).toFixed(1)}% of decisions flip (p_adj = ${c.p_adjusted.toPrecision(3)})`,
      );
    } else if (c.significant) {
      raise('medium');
      reasons.push(
        `${cellName(c)}: significant score shift (mean delta ${c.mean_score_delta?.toPrecision(3) ?? 'n/a'}, p_adj = ${c.p_adjusted.toPrecision(3)})`,
      );
    }
  }
  if (groupMetrics?.four_fifths_rule.passes === false) {
    raise('high');
    reasons.push(`selection-rate ratio ${groupMetrics.four_fifths_rule.ratio?.toFixed(3)} fails the 80% rule`);
  }
  if (reasons.length === 0) reasons.push('no significant counterfactual effect after correction and no control alarm');
  return { level, reasons };
}

/** Mitigation steps that follow from the findings. */
export function mitigationPlan(analysis: AuditAnalysis, risk: AuditReport['risk']['level']): string[] {
  const steps: string[] = [];
  const flagged = analysis.cells.filter((c) => !c.control && c.significant);
  for (const c of flagged) {
    steps.push(
      `Investigate ${c.attribute} (${c.direction}, ${c.strategy}): inspect the flipped pairs, add counterfactual data augmentation for this attribute, and re-audit.`,
    );
  }
  if (analysis.cells.some((c) => c.control && c.significant)) {
    steps.push(
      'Stabilise the model under test (fix seeds / temperature) before relying on this audit; controls raised alarms.',
    );
  }
  if (risk === 'high')
    steps.push('Block release until the high-risk findings are mitigated and a re-audit passes (EU AI Act Art. 9(2)).');
  if (steps.length === 0) steps.push('No mitigation required; keep monitoring in production (Art. 9(2)(c), Art. 15).');
  return steps;
}

/** Days until the next audit by risk level. */
export const reauditDays: Readonly<Record<RiskLevel, number>> = { high: 30, medium: 90, low: 180 };

/** Assembles the report: risk level, mitigation plan and next audit date follow from the analysis. */
export function buildAuditReport(input: BuildReportInput): AuditReport {
  const risk = assessRisk(input.analysis, input.groupMetrics);
  const next = new Date(input.generatedAt.getTime() + reauditDays[risk.level] * 86_400_000);
  return {
    kind: 'quintessence.counterfactual.audit',
    version: 1,
    title: input.title,
    generated_at: input.generatedAt.toISOString(),
    model: input.model,
    data: input.data,
    settings: input.settings,
    analysis: input.analysis,
    ...(input.groupMetrics ? { group_metrics: input.groupMetrics } : {}),
    risk,
    mitigation: mitigationPlan(input.analysis, risk.level),
    next_audit_date: next.toISOString().slice(0, 10),
  };
}
