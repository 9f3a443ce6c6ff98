export type BatchDecision = 'approve' | 'additional_testing' | 'reject';
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** Thresholds of the seed's batch rules (configurable per product or site). */
export interface BatchRules {
  /** Quality at or above which a batch is approved (default 0.9). */
  readonly approveAbove: number;
  /** Quality at or above which a batch goes to additional testing (default 0.7). */
  readonly additionalTestingAbove: number;
  /** Anomaly-rate boundaries for CRITICAL / HIGH / MEDIUM risk (defaults 0.5 / 0.3 / 0.1). */
  readonly criticalAbove: number;
  readonly highAbove: number;
  readonly mediumAbove: number;
}

export const defaultBatchRules: BatchRules = {
  approveAbove: 0.9,
  additionalTestingAbove: 0.7,
  criticalAbove: 0.5,
  highAbove: 0.3,
  mediumAbove: 0.1,
};

export interface BatchAssessment {
  readonly samples: number;
  readonly anomalies: number;
  readonly anomalyRate: number;
  /** 1 − anomaly rate. */
  readonly quality: number;
  readonly decision: BatchDecision;
  readonly risk: RiskLevel;
}

/**
 * The seed's batch assessment: quality = 1 − anomaly rate; approve above 0.9, additional testing above 0.7, else
 * reject; risk CRITICAL above 0.5 anomaly rate, HIGH above 0.3, MEDIUM above 0.1, else LOW.
 */
export function assessBatch(
  samples: number,
  anomalies: number,
  rules: BatchRules = defaultBatchRules,
): BatchAssessment {
  if (!Number.isInteger(samples) || samples < 1)
    throw new RangeError(`a batch needs at least one scored sample; got ${samples}`);
  if (!Number.isInteger(anomalies) || anomalies < 0 || anomalies > samples) {
    throw new RangeError(`anomalies must be an integer in [0, ${samples}]; got ${anomalies}`);
  }
  const { approveAbove, additionalTestingAbove, criticalAbove, highAbove, mediumAbove } = rules;
  if (!(additionalTestingAbove <= approveAbove && mediumAbove <= highAbove && highAbove <= criticalAbove)) {
    throw new RangeError('batch rules must be ordered: additionalTesting <= approve and medium <= high <= critical');
  }
  const anomalyRate = anomalies / samples;
  const quality = 1 - anomalyRate;
  const decision: BatchDecision =
    quality > approveAbove ? 'approve' : quality > additionalTestingAbove ? 'additional_testing' : 'reject';
  const risk: RiskLevel =
    anomalyRate > criticalAbove
      ? 'CRITICAL'
      : anomalyRate > highAbove
        ? 'HIGH'
        : anomalyRate > mediumAbove
          ? 'MEDIUM'
          : 'LOW';
  return { samples, anomalies, anomalyRate, quality, decision, risk };
}
