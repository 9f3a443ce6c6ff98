/**
 * Confidence of a restocking decision, computed from evidence (never taken from an LLM). Each factor is in (0, 1]
 * and the confidence is their product, so any single weak piece of evidence lowers it:
 *
 * | factor | value |
 * |---|---|
 * | forecast uncertainty | 1 / (1 + cv), cv = σ_LT / μ_LT of lead-time demand |
 * | data sufficiency | 0.5 + 0.5·sufficiency |
 * | trend | 0.7 when demand is significantly falling (overstock risk), 1 otherwise |
 * | intermittency | smooth 1, erratic 0.9, intermittent 0.85, lumpy 0.75 |
 * | supplier reliability | 0.7 + 0.3·on-time rate |
 * | simulated service | min(1, achieved / target cycle service level) of the proposed policy |
 * | LLM agreement | 1 without an LLM; 0.5 when the actions differ; else 1 − min(0.5, relative quantity gap) |
 */
export interface ConfidenceEvidence {
  readonly leadTimeDemandCv: number;
  readonly dataSufficiency: number;
  readonly trend: 'falling' | 'flat' | 'rising';
  readonly demandClass: 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no_demand';
  readonly supplierOnTimeRate?: number;
  readonly simulatedServiceLevel?: number;
  readonly targetServiceLevel: number;
  readonly llm?: { readonly actionAgrees: boolean; readonly quantityGap: number };
}

export interface ConfidenceBreakdown {
  readonly confidence: number;
  readonly factors: Readonly<Record<string, number>>;
}

const classFactor = { smooth: 1, erratic: 0.9, intermittent: 0.85, lumpy: 0.75, no_demand: 0.5 } as const;

/** Combines the evidence into a confidence in [0, 1] with the factor breakdown. */
export function computeConfidence(e: ConfidenceEvidence): ConfidenceBreakdown {
  const factors: Record<string, number> = {
    forecast_uncertainty: 1 / (1 + Math.max(0, Number.isFinite(e.leadTimeDemandCv) ? e.leadTimeDemandCv : 1)),
    data_sufficiency: 0.5 + 0.5 * Math.max(0, Math.min(1, e.dataSufficiency)),
    trend: e.trend === 'falling' ? 0.7 : 1,
    intermittency: classFactor[e.demandClass],
    supplier_reliability: 0.7 + 0.3 * Math.max(0, Math.min(1, e.supplierOnTimeRate ?? 1)),
  };
  if (e.simulatedServiceLevel !== undefined) {
    factors.simulated_service = Math.max(0, Math.min(1, e.simulatedServiceLevel / e.targetServiceLevel));
  }
  if (e.llm) {
    factors.llm_agreement = e.llm.actionAgrees ? 1 - Math.min(0.5, Math.max(0, e.llm.quantityGap)) : 0.5;
  }
  let c = 1;
  for (const v of Object.values(factors)) c *= v;
  return { confidence: Math.max(0, Math.min(1, c)), factors };
}
