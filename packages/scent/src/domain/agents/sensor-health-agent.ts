import jstatPkg from 'jstat';
import { olsSlope } from '../drift/drift-monitor.js';
import { marginConfidence } from './agent-evidence.js';
import type { AgentReport } from './agent-report.js';

const { jStat } = jstatPkg as unknown as typeof import('jstat');

export const sensorHealthAgentId = 'sensor_health';

export type CalibrationStateName = 'uncalibrated' | 'valid' | 'due' | 'expired';

export interface SensorHealthInput {
  /** Reading times (epoch ms), ascending, one per row of `values`. */
  readonly timestampsMs: readonly number[];
  /** Calibrated channel values, one row per reading. */
  readonly values: readonly (readonly number[])[];
  /** Raw channel values (same shape); flatness and dead channels are judged on them when given. */
  readonly raw?: readonly (readonly number[])[];
  /** In-control standard deviation per channel in the units of `values` (e.g. the golden-batch model's scale). */
  readonly referenceSd?: readonly number[];
  /**
   * Residuals of the window against the golden-batch model (see `goldenResiduals`) and their in-control variance per
   * channel. When given, noise is judged on them: the product's own correlated variation is removed first.
   */
  readonly residuals?: readonly (readonly number[])[];
  readonly residualVariance?: readonly number[];
  readonly calibration?: {
    readonly state: CalibrationStateName;
    /** Epoch ms the calibration expires (expired/due states). */
    readonly expiresAtMs?: number;
    readonly nowMs?: number;
  };
  /**
   * The sensor's drift-monitor summary (`sensorDrift`): when the baseline drift reaches its tolerance before the
   * calibration expires, the report notes that recalibration is due early (reported, not flagged, like a due calibration).
   */
  readonly baselineDrift?: {
    readonly recalibrationDue: boolean;
    readonly daysUntilRecalibration: number | null;
    readonly daysUntilCalibrationExpiry: number | null;
    readonly worstChannel: number | null;
  };
}

export interface SensorHealthOptions {
  /** A channel whose standard deviation over the window is below this is flat (default 1e-3, the issue's dead-channel rule). */
  readonly flatStd?: number;
  /** A flat channel whose raw level is within this of 0 is dead rather than stuck (default 1e-3). */
  readonly deadLevel?: number;
  /** Noisy: window sd (of the residuals when given) above this multiple of its reference, and significant (default 1.5). */
  readonly noiseRatio?: number;
  /** Drifting: a significant linear trend whose change over the window exceeds this many reference sd (default 3). */
  readonly driftSigmas?: number;
  /** Significance of the variance (χ²) and trend (t) tests (default 0.001). */
  readonly significance?: number;
  /** Days before expiry at which recalibration is due (default 3); scales the calibration confidence. */
  readonly calibrationDueDays?: number;
}

interface Check {
  readonly fault: boolean;
  readonly confidence: number;
  readonly finding: string;
  readonly action: string;
}

const dayMs = 86_400_000;

/**
 * The sensor-health agent: over a window of one sensor's readings it finds flat channels (dead when the raw signal
 * sits at 0, stuck otherwise), noisy channels (variance above `noiseRatio²` times the reference variance and above
 * the χ² limit at `significance`; on the golden-model residuals when given, so product variation does not mask noise), drifting channels (a linear trend significant by its t statistic whose change over
 * the window exceeds `driftSigmas` reference sd), and an expired or missing calibration; a calibration that is due
 * is reported without flagging. Confidence comes from each statistic's distance to its limit.
 *
 * @example
 * runSensorHealthAgent({ timestampsMs, values, raw, referenceSd: model.toJSON().scale });
 */
export function runSensorHealthAgent(input: SensorHealthInput, options: SensorHealthOptions = {}): AgentReport {
  const flatStd = options.flatStd ?? 1e-3;
  const deadLevel = options.deadLevel ?? 1e-3;
  const noiseRatio = options.noiseRatio ?? 1.5;
  const driftSigmas = options.driftSigmas ?? 3;
  const significance = options.significance ?? 0.001;
  const dueDays = options.calibrationDueDays ?? 3;
  if (!(flatStd > 0 && deadLevel >= 0 && noiseRatio > 1 && driftSigmas > 0 && significance > 0 && significance < 1)) {
    throw new RangeError('invalid sensor-health options');
  }
  const { values, timestampsMs } = input;
  const n = values.length;
  if (timestampsMs.length !== n) throw new RangeError('one timestamp per reading is needed');
  const channels = n > 0 ? values[0]!.length : 0;
  if (input.raw && input.raw.length !== n) throw new RangeError('raw needs as many rows as values');
  if (input.referenceSd && input.referenceSd.length !== channels) throw new RangeError('one reference sd per channel');
  const residuals = input.residuals && input.residualVariance ? input.residuals : undefined;
  if (residuals && (residuals.length !== n || input.residualVariance!.length !== channels)) {
    throw new RangeError('residuals need one row per reading and one reference variance per channel');
  }
  const checks: Check[] = [];

  const cal = input.calibration;
  if (cal) checks.push(calibrationCheck(cal, dueDays));

  if (n >= 3) {
    const span = timestampsMs[n - 1]! - timestampsMs[0]!;
    const chiLimit = jStat.chisquare.inv(1 - significance, n - 1) / (n - 1);
    const tCrit = n > 3 ? jStat.studentt.inv(1 - significance / 2, n - 2) : Number.POSITIVE_INFINITY;
    for (let j = 0; j < channels; j++) {
      const col = values.map((r) => r[j]!);
      const { mean, sd } = meanSd(col);
      const rawCol = input.raw?.map((r) => r[j]!);
      const level = rawCol ? meanSd(rawCol) : { mean, sd };
      if (level.sd < flatStd) {
        const dead = rawCol !== undefined && Math.abs(level.mean) <= deadLevel;
        const kind = dead ? 'dead' : rawCol ? 'stuck' : 'flat (dead or stuck)';
        checks.push({
          fault: true,
          confidence: marginConfidence(Math.max(level.sd, 1e-12), flatStd),
          finding: `channel ${j} ${kind}: sd ${level.sd.toExponential(1)} < ${flatStd} over ${n} readings at level ${level.mean.toPrecision(4)}`,
          action: `Replace or repair channel ${j} (${dead ? 'heater or contact failure' : 'frozen output'}) and exclude it until then.`,
        });
        continue;
      }
      const ref = input.referenceSd?.[j];
      if (n > 3 && span > 0) {
        const { slope, residualSd, standardError } = olsSlope(timestampsMs, col);
        const tStat = standardError > 0 ? Math.abs(slope) / standardError : Number.POSITIVE_INFINITY;
        const sigma = ref !== undefined && ref > 0 ? ref : residualSd;
        const change = Math.abs(slope) * span;
        const changeSigmas = sigma > 0 ? change / sigma : Number.POSITIVE_INFINITY;
        const drifting = tStat > tCrit && changeSigmas > driftSigmas;
        const confidence = drifting
          ? Math.min(marginConfidence(changeSigmas, driftSigmas), marginConfidence(tStat, tCrit))
          : marginConfidence(Math.min(changeSigmas, driftSigmas * (tStat / tCrit)), driftSigmas);
        checks.push({
          fault: drifting,
          confidence,
          finding: drifting
            ? `channel ${j} drifting: ${slope > 0 ? '+' : ''}${(slope * 3_600_000).toPrecision(3)} per hour, ${changeSigmas.toFixed(1)} reference sd over the window (t = ${tStat.toFixed(1)})`
            : '',
          action: drifting ? `Recalibrate channel ${j} (baseline drift) and refresh the drift compensation.` : '',
        });
        if (drifting) continue; // a trend also inflates the variance: report it as drift, not noise
      }
      const noise = residuals
        ? {
            sd: meanSd(residuals.map((r) => r[j]!)).sd,
            ref: Math.sqrt(input.residualVariance![j]!),
            what: 'residual sd',
          }
        : ref !== undefined && ref > 0
          ? { sd, ref, what: 'sd' }
          : null;
      if (noise) {
        const ratio = (noise.sd * noise.sd) / (noise.ref * noise.ref);
        const limit = Math.max(chiLimit, noiseRatio * noiseRatio);
        if (ratio > limit) {
          checks.push({
            fault: true,
            confidence: marginConfidence(ratio, limit),
            finding: `channel ${j} noisy: ${noise.what} ${noise.sd.toPrecision(3)} is ${Math.sqrt(ratio).toFixed(1)}× its reference ${noise.ref.toPrecision(3)} (limit ${Math.sqrt(limit).toFixed(2)}×)`,
            action: `Check channel ${j}'s wiring and heater supply; recalibrate or replace it if the noise persists.`,
          });
        } else {
          checks.push({ fault: false, confidence: marginConfidence(ratio, limit), finding: '', action: '' });
        }
      }
    }
  }

  const faults = checks.filter((c) => c.fault);
  const notes = checks.filter((c) => !c.fault && c.finding !== '').map((c) => c.finding);
  const drift = input.baselineDrift;
  if (drift?.recalibrationDue && drift.daysUntilRecalibration !== null) {
    const days = drift.daysUntilRecalibration;
    const expiry = drift.daysUntilCalibrationExpiry;
    notes.push(
      `recalibration due by baseline drift: channel ${drift.worstChannel ?? '?'} ${days === 0 ? 'is already beyond' : `reaches in ${days.toFixed(1)} days`} its drift tolerance${expiry === null ? '' : `, before the calibration expires (in ${expiry.toFixed(1)} days)`}`,
    );
  }
  if (checks.length === 0) {
    return {
      agent_id: sensorHealthAgentId,
      anomaly_detected: false,
      confidence: 0,
      findings: [`only ${n} readings and no calibration state; the agent abstains`, ...notes],
      recommended_action: '',
    };
  }
  const anomaly = faults.length > 0;
  return {
    agent_id: sensorHealthAgentId,
    anomaly_detected: anomaly,
    confidence: anomaly ? Math.max(...faults.map((c) => c.confidence)) : Math.min(...checks.map((c) => c.confidence)),
    findings: anomaly
      ? [...faults.map((c) => c.finding), ...notes]
      : [`${channels} channels healthy over ${n} readings`, ...notes],
    recommended_action: [...new Set(faults.map((c) => c.action))].join(' '),
  };
}

function calibrationCheck(cal: NonNullable<SensorHealthInput['calibration']>, dueDays: number): Check {
  if (cal.state === 'uncalibrated') {
    return {
      fault: true,
      confidence: 1,
      finding: 'sensor uncalibrated: its values are not comparable with the golden batch',
      action: 'Calibrate the sensor with reference samples before judging product with it.',
    };
  }
  const left = cal.expiresAtMs !== undefined && cal.nowMs !== undefined ? (cal.expiresAtMs - cal.nowMs) / dayMs : null;
  if (cal.state === 'expired') {
    return {
      fault: true,
      confidence: left === null ? 0.5 : marginConfidence(dueDays - left, dueDays),
      finding: `calibration expired${left === null ? '' : ` ${(-left).toFixed(1)} days ago`}`,
      action: 'Recalibrate the sensor now; readings since expiry need review.',
    };
  }
  // days left against the due window: 0.5 at expiry, 0.88 when recalibration becomes due, towards 1 when fresh
  const confidence = left === null ? 0.5 : marginConfidence(Math.max(left, 0) + dueDays, dueDays);
  if (cal.state === 'due') {
    return {
      fault: false,
      confidence,
      finding: `recalibration due${left === null ? '' : ` (expires in ${left.toFixed(1)} days)`}`,
      action: '',
    };
  }
  return { fault: false, confidence, finding: '', action: '' };
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const n = xs.length;
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  let ss = 0;
  for (const v of xs) ss += (v - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}
