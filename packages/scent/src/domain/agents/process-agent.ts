import { marginConfidence } from './agent-evidence.js';
import type { AgentReport } from './agent-report.js';

export const processAgentId = 'process';

export const environmentParameters = ['temperature', 'humidity', 'pressure', 'pH', 'flow'] as const;
export type EnvironmentParameter = (typeof environmentParameters)[number];

export const environmentUnits: Readonly<Record<EnvironmentParameter, string>> = {
  temperature: '°C',
  humidity: '% RH',
  pressure: 'kPa',
  pH: '',
  flow: 'L/min',
};

export interface ProcessLimit {
  readonly min: number;
  readonly max: number;
}

export type ProcessLimits = Readonly<Partial<Record<EnvironmentParameter, ProcessLimit>>>;

/** Limits of a beverage filling line's headspace (the demo line); configure them per line and product. */
export const defaultProcessLimits: ProcessLimits = {
  temperature: { min: 18, max: 32 },
  humidity: { min: 25, max: 65 },
  pressure: { min: 95, max: 108 },
  pH: { min: 2.5, max: 8.5 },
  flow: { min: 0.5, max: 5 },
};

export interface ProcessAgentOptions {
  readonly limits?: ProcessLimits;
  /** A parameter whose window mean is inside its limits is still out of control when more than this share of its values is outside (default 0.2). */
  readonly maxExcursionShare?: number;
}

/**
 * The process agent: environment parameters (temperature, humidity, pressure, pH, flow) against configurable limits.
 * A parameter is out of control when its window mean lies outside [min, max] or more than `maxExcursionShare` of its
 * values do. Confidence comes from the distance of the mean from the centre of the band relative to the half-width
 * (and of the excursion share relative to its limit); with no parameter that has both readings and limits the agent
 * abstains (confidence 0).
 *
 * @example
 * runProcessAgent({ temperature: [24.8, 25.1], humidity: [71, 73] }, { limits: { humidity: { min: 30, max: 60 } } });
 */
export function runProcessAgent(
  readings: Readonly<Partial<Record<EnvironmentParameter, readonly number[]>>>,
  options: ProcessAgentOptions = {},
): AgentReport {
  const limits = options.limits ?? defaultProcessLimits;
  const maxShare = options.maxExcursionShare ?? 0.2;
  if (!(maxShare > 0 && maxShare < 1)) throw new RangeError('maxExcursionShare must be in (0, 1)');
  const findings: string[] = [];
  const flagged: Array<{ parameter: EnvironmentParameter; confidence: number; low: boolean }> = [];
  const normal: number[] = [];
  for (const parameter of environmentParameters) {
    const values = (readings[parameter] ?? []).filter(Number.isFinite);
    const limit = limits[parameter];
    if (values.length === 0) continue;
    if (!limit) {
      findings.push(`${parameter}: no limits configured; not judged`);
      continue;
    }
    if (!(limit.max > limit.min)) throw new RangeError(`${parameter}: max must exceed min`);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const outside = values.filter((v) => v < limit.min || v > limit.max).length;
    const share = outside / values.length;
    const centre = (limit.min + limit.max) / 2;
    const half = (limit.max - limit.min) / 2;
    const meanRatio = Math.abs(mean - centre) / half;
    const meanOut = meanRatio > 1;
    const shareOut = share > maxShare;
    const unit = environmentUnits[parameter];
    const describe = `${parameter} mean ${mean.toPrecision(4)}${unit ? ` ${unit}` : ''} (limits ${limit.min}..${limit.max}; ${outside} of ${values.length} values outside)`;
    if (meanOut || shareOut) {
      const confidence = meanOut ? marginConfidence(meanRatio, 1) : marginConfidence(share, maxShare);
      flagged.push({ parameter, confidence, low: mean < centre });
      findings.push(`${describe}: out of control`);
    } else {
      normal.push(Math.min(marginConfidence(meanRatio, 1), marginConfidence(share, maxShare)));
      findings.push(`${describe}: in control`);
    }
  }
  if (flagged.length === 0 && normal.length === 0) {
    return {
      agent_id: processAgentId,
      anomaly_detected: false,
      confidence: 0,
      findings: [...findings, 'no environment readings with limits; the agent abstains'],
      recommended_action: '',
    };
  }
  const anomaly = flagged.length > 0;
  return {
    agent_id: processAgentId,
    anomaly_detected: anomaly,
    confidence: anomaly ? Math.max(...flagged.map((f) => f.confidence)) : Math.min(...normal),
    findings,
    recommended_action: anomaly
      ? `Bring ${flagged.map((f) => `${f.parameter} ${f.low ? 'up' : 'down'}`).join(' and ')} into its limits; e-nose responses are cross-sensitive to the environment, so re-sample after it settles.`
      : '',
  };
}
