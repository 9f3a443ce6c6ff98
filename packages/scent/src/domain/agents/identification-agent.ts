import type { OpenSetClassifier, OpenSetPrediction } from '../identification/open-set-classifier.js';
import { marginConfidence, windowEvidence } from './agent-evidence.js';
import type { AgentReport } from './agent-report.js';

export const identificationAgentId = 'identification';

export interface IdentificationAgentOptions {
  /** The product the line says it is making (a sample identified as anything else is a mismatch). */
  readonly expectedProduct?: string;
  /** Smallest mismatch rate of a window that matters (default 0.1). */
  readonly rateOfConcern?: number;
}

/**
 * The identification agent: classifies each sample with an {@link OpenSetClassifier} trained on the known products.
 * A sample is a mismatch when it is rejected as unknown or identified as another product than the expected one. One
 * sample is judged by itself (confidence from the distance to the class's rejection threshold and the class
 * posterior); a window by the likelihood ratio of its mismatch count under the classifier's calibrated rejection
 * rate α against `rateOfConcern`.
 *
 * @example
 * runIdentificationAgent(rows, classifier, { expectedProduct: 'orange-juice' });
 */
export function runIdentificationAgent(
  rows: readonly ArrayLike<number>[],
  classifier: OpenSetClassifier | null,
  options: IdentificationAgentOptions = {},
): AgentReport {
  const expected = options.expectedProduct;
  if (!classifier || rows.length === 0) {
    return {
      agent_id: identificationAgentId,
      anomaly_detected: false,
      confidence: 0,
      findings: [
        classifier
          ? 'no samples to identify; the agent abstains'
          : 'no reference samples of known products for this sensor; the agent abstains',
      ],
      recommended_action: '',
    };
  }
  const predictions = rows.map((r) => classifier.predict(r));
  const mismatch = (p: OpenSetPrediction) => p.label === null || (expected !== undefined && p.label !== expected);
  const k = predictions.filter(mismatch).length;
  const n = predictions.length;
  const counts = new Map<string, number>();
  for (const p of predictions) counts.set(p.label ?? 'unknown', (counts.get(p.label ?? 'unknown') ?? 0) + 1);
  const tally = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([label, c]) => `${label} ${c}`)
    .join(', ');
  let anomaly: boolean;
  let confidence: number;
  const findings: string[] = [];
  if (n === 1) {
    const p = predictions[0]!;
    anomaly = mismatch(p);
    const margin = marginConfidence(p.distance, p.threshold);
    confidence = p.label === null ? margin : Math.min(margin, p.posterior);
    findings.push(
      p.label === null
        ? `sample rejected as an unknown odor: distance ${p.distance.toPrecision(3)} to the nearest product ${p.nearest} exceeds its threshold ${p.threshold.toPrecision(3)}`
        : `sample identified as ${p.label} (posterior ${p.posterior.toFixed(2)}, distance ${p.distance.toPrecision(3)} / threshold ${p.threshold.toPrecision(3)})`,
    );
  } else {
    const evidence = windowEvidence(
      k,
      n,
      classifier.alpha,
      Math.max(options.rateOfConcern ?? 0.1, 2 * classifier.alpha),
    );
    anomaly = evidence.anomaly;
    confidence = evidence.confidence;
    findings.push(
      `${k} of ${n} samples ${expected ? `not identified as ${expected}` : 'rejected as unknown'} (${(n * classifier.alpha).toFixed(1)} expected at the calibrated rejection rate ${classifier.alpha}); identified: ${tally}`,
    );
  }
  if (expected !== undefined && !classifier.classes.includes(expected)) {
    findings.push(
      `the expected product ${expected} is not among the known products (${classifier.classes.join(', ')})`,
    );
  }
  const unknown = counts.get('unknown') ?? 0;
  return {
    agent_id: identificationAgentId,
    anomaly_detected: anomaly,
    confidence,
    findings,
    recommended_action: anomaly
      ? unknown * 2 >= k
        ? 'Unknown odor: stop and trace what the line is running; do not release on the nearest known product.'
        : `Possible product mix-up: check that the line is running ${expected ?? 'the scheduled product'}.`
      : '',
  };
}
