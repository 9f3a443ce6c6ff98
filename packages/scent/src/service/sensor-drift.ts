import { type DriftReport, monitorBaselineDrift } from '../domain/drift/drift-monitor.js';
import {
  type Batch,
  type DriftBucket,
  type DriftBuckets,
  driftBucketOrder,
  type FingerprintModel,
  type ScentStore,
  type Sensor,
  type StoredReading,
} from '../ports.js';

const dayMs = 86_400_000;

export interface SensorDriftOptions {
  /** Tolerated baseline shift per channel, in standard deviations of the golden model (default 1). */
  readonly toleranceSd?: number;
  /** Slope estimator (default `theil-sen`). */
  readonly method?: 'ols' | 'theil-sen';
}

/** One channel of {@link SensorDrift}; days are null where the projection never reaches the tolerance. */
export interface SensorDriftChannel {
  readonly channel: number;
  /** Baseline change per day in calibrated units, its standard error and 95 % interval. */
  readonly slopePerDay: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  /** The slope in golden-model standard deviations per day. */
  readonly slopeSdPerDay: number;
  readonly significant: boolean;
  /** Fitted shift from the golden mean now, and the tolerance (calibrated units). */
  readonly shiftNow: number;
  readonly tolerance: number;
  readonly daysUntilRecalibration: number | null;
  readonly daysUntilRecalibrationEarliest: number | null;
}

/** The drift monitor's view of one sensor (`GET /v1/sensors/:id`, `scent status`). */
export interface SensorDrift {
  readonly state: 'ok' | 'insufficient_data';
  readonly method: 'ols' | 'theil-sen';
  /** Baseline points (one per batch and UTC day) and the readings behind them. */
  readonly points: number;
  readonly readings: number;
  /** UTC ISO-8601 start of the series (the calibration time, or the first reading when uncalibrated). */
  readonly since: string | null;
  readonly toleranceSd: number;
  /** Days until the first channel with a significant drift reaches its tolerance (null: none is drifting). */
  readonly daysUntilRecalibration: number | null;
  /** The same at the steep end of the slopes' 95 % intervals. */
  readonly daysUntilRecalibrationEarliest: number | null;
  /** Days until the calibration expires (null when uncalibrated). */
  readonly daysUntilCalibrationExpiry: number | null;
  /** Drift reaches the tolerance before the calibration expires. */
  readonly recalibrationDue: boolean;
  readonly worstChannel: SensorDriftChannel | null;
  readonly channels: SensorDriftChannel[];
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Per-sensor drift monitor on stored readings: since the sensor's last calibration, the clean readings (no validation
 * warnings) of batches that were not rejected are reduced in the database to one robust point per batch and UTC day
 * (the per-channel median, {@link ScentStore.driftBuckets}), taken as deviations from the golden mean of their
 * product's base fingerprint (the deliberately trained model, not an adaptive update of it), and fitted against time
 * by {@link monitorBaselineDrift}. The tolerance of a channel is `toleranceSd` golden-model standard deviations (the
 * smallest over the products seen). All readings since the calibration are used; the call reads O(batches × days)
 * rows.
 *
 * Returns null for a sensor without a fingerprint on any product it measured.
 */
export async function sensorDrift(
  store: ScentStore,
  sensor: Sensor,
  nowMs: number,
  calibrationExpiresAtMs: number | null,
  options: SensorDriftOptions = {},
): Promise<SensorDrift | null> {
  const since = sensor.calibration?.calibratedAt;
  const reduced = await store.driftBuckets({
    sensorId: sensor.id,
    channels: sensor.channels,
    ...(since ? { since } : {}),
  });
  return sensorDriftFromBuckets(store, sensor, reduced, nowMs, calibrationExpiresAtMs, options);
}

/**
 * The reduction of {@link ScentStore.driftBuckets} done in memory on readings listed in time order (oldest first):
 * the reference the SQL reduction is tested against, and the status call's former path (benchmarked in
 * `bench/scent/status.bench.ts`).
 */
export async function driftBucketsInMemory(
  readings: readonly StoredReading[],
  getBatch: (id: string) => Promise<Batch | null>,
  channels: number,
): Promise<DriftBuckets> {
  const batches = new Map<string, Batch | null>();
  const buckets = new Map<
    string,
    { batchId: string; productId: string; day: number; times: number[]; rows: number[][] }
  >();
  for (const r of readings) {
    if (r.batchId === null || r.warnings.length > 0 || r.values.length !== channels) continue;
    if (!batches.has(r.batchId)) batches.set(r.batchId, await getBatch(r.batchId));
    const batch = batches.get(r.batchId);
    if (!batch || batch.status === 'rejected') continue;
    const t = Date.parse(r.timestamp);
    const day = Math.floor(t / dayMs);
    const key = `${r.batchId}\u0000${day}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { batchId: r.batchId, productId: batch.productId, day, times: [], rows: [] };
      buckets.set(key, bucket);
    }
    bucket.times.push(t);
    bucket.rows.push([...r.values]);
  }
  const list: DriftBucket[] = [...buckets.values()].map((b) => ({
    batchId: b.batchId,
    productId: b.productId,
    day: b.day,
    medianTimeMs: median(b.times),
    firstTimeMs: Math.min(...b.times),
    readings: b.times.length,
    medians: Array.from({ length: channels }, (_, j) => median(b.rows.map((row) => row[j]!))),
  }));
  list.sort(driftBucketOrder);
  return { firstReadingAt: readings[0]?.timestamp ?? null, buckets: list };
}

/** {@link sensorDrift} on buckets already reduced (by the store or by {@link driftBucketsInMemory}). */
export async function sensorDriftFromBuckets(
  store: ScentStore,
  sensor: Sensor,
  reduced: DriftBuckets,
  nowMs: number,
  calibrationExpiresAtMs: number | null,
  options: SensorDriftOptions = {},
): Promise<SensorDrift | null> {
  const toleranceSd = options.toleranceSd ?? 1;
  const method = options.method ?? 'theil-sen';
  const since = sensor.calibration?.calibratedAt;
  const p = sensor.channels;
  const references = new Map<string, FingerprintModel | null>();
  for (const b of reduced.buckets) {
    if (!references.has(b.productId)) references.set(b.productId, await baseModel(store, b.productId, sensor));
  }
  const tolerance = new Array<number>(p).fill(Number.POSITIVE_INFINITY);
  let used = 0;
  const points: { t: number; level: number[] }[] = [];
  for (const b of reduced.buckets) {
    const ref = references.get(b.productId);
    if (!ref || ref.channels !== p) continue;
    for (let j = 0; j < p; j++) tolerance[j] = Math.min(tolerance[j]!, toleranceSd * ref.model.scale[j]!);
    points.push({ t: b.medianTimeMs, level: b.medians.map((m, j) => m - ref.model.mean[j]!) });
    used += b.readings;
  }
  if (![...references.values()].some((m) => m) && !(await store.listModels()).some((m) => m.sensorId === sensor.id)) {
    return null;
  }
  const daysUntilCalibrationExpiry =
    calibrationExpiresAtMs === null ? null : Math.max(0, (calibrationExpiresAtMs - nowMs) / dayMs);
  const base = {
    method,
    points: points.length,
    readings: used,
    since: since ?? reduced.firstReadingAt,
    toleranceSd,
    daysUntilCalibrationExpiry,
  };
  const distinctTimes = new Set(points.map((x) => x.t)).size;
  if (points.length < 3 || distinctTimes < 2) {
    return {
      ...base,
      state: 'insufficient_data',
      daysUntilRecalibration: null,
      daysUntilRecalibrationEarliest: null,
      recalibrationDue: false,
      worstChannel: null,
      channels: [],
    };
  }
  const report = monitorBaselineDrift(
    { timesMs: points.map((x) => x.t), levels: points.map((x) => x.level) },
    tolerance,
    { method, nowMs, reference: new Array<number>(p).fill(0) },
  );
  const channels = channelViews(report, toleranceSd);
  const days = report.daysUntilRecalibration;
  return {
    ...base,
    state: 'ok',
    daysUntilRecalibration: finiteOrNull(days),
    daysUntilRecalibrationEarliest: finiteOrNull(report.daysUntilRecalibrationEarliest),
    recalibrationDue:
      Number.isFinite(days) && (daysUntilCalibrationExpiry === null || days < daysUntilCalibrationExpiry),
    worstChannel: report.worstChannel === null ? null : channels[report.worstChannel]!,
    channels,
  };
}

function channelViews(report: DriftReport, toleranceSd: number): SensorDriftChannel[] {
  return report.channels.map((c) => ({
    channel: c.channel,
    slopePerDay: c.slopePerDay,
    standardError: c.standardError,
    lower: c.lower,
    upper: c.upper,
    slopeSdPerDay: (c.slopePerDay * toleranceSd) / c.tolerance,
    significant: c.significant,
    shiftNow: c.shiftNow,
    tolerance: c.tolerance,
    daysUntilRecalibration: finiteOrNull(c.daysUntilRecalibration),
    daysUntilRecalibrationEarliest: finiteOrNull(c.daysUntilRecalibrationEarliest),
  }));
}

/** The deliberately trained model behind the product's newest fingerprint on the sensor. */
async function baseModel(store: ScentStore, productId: string, sensor: Sensor): Promise<FingerprintModel | null> {
  const latest = await store.latestModel(productId, sensor.id);
  const baseId = latest?.training.adaptive?.baseModelId;
  return baseId ? ((await store.getModel(baseId)) ?? latest) : latest;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
