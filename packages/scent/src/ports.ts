import type { GoldenBatchModelJSON } from './domain/mspc/golden-batch-model.js';
import type { BatchAssessment } from './domain/quality/batch-assessment.js';
import type { SensorKind } from './domain/readings/reading-validator.js';

export const stages = ['inlet', 'process', 'packaging'] as const;
export type Stage = (typeof stages)[number];
export const batchStatuses = ['open', 'assessed', 'released', 'rejected'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export type AlertKind = 'anomaly' | 'sensor_health' | 'calibration';
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface Site {
  readonly id: string;
  readonly name: string;
}
export interface Line {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
}
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
}

/** Per-channel calibration: calibrated = (raw − offset)·scale, valid for 30 days from `calibratedAt`. */
export interface Calibration {
  readonly offset: readonly number[];
  readonly scale: readonly number[];
  /** UTC ISO-8601 time. */
  readonly calibratedAt: string;
}

export interface Sensor {
  readonly id: string;
  readonly lineId: string;
  readonly stage: Stage;
  readonly kind: SensorKind;
  readonly channels: number;
  readonly calibration: Calibration | null;
  readonly acceptedReadings: number;
  readonly rejectedReadings: number;
  readonly createdAt: string;
}

export interface NewSensor {
  readonly id: string;
  readonly lineId: string;
  readonly stage: Stage;
  readonly kind: SensorKind;
  readonly channels: number;
  readonly calibration?: Calibration | null;
  readonly createdAt: string;
}

/** A stored reading: raw and calibrated values, the validator's verdict and (when a model applied) the MSPC score. */
export interface StoredReading {
  readonly sensorId: string;
  /** UTC ISO-8601 time. */
  readonly timestamp: string;
  readonly batchId: string | null;
  readonly raw: readonly number[];
  readonly values: readonly number[];
  readonly qualityScore: number;
  readonly warnings: readonly string[];
  readonly modelId: string | null;
  readonly t2: number | null;
  readonly spe: number | null;
  readonly similarity: number | null;
  readonly isAnomaly: boolean | null;
}

export interface Batch {
  readonly id: string;
  readonly productId: string;
  readonly lineId: string;
  readonly status: BatchStatus;
  readonly openedAt: string;
  readonly assessment: BatchAssessmentRecord | null;
  readonly assessedAt: string | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly signatureId: string | null;
}

/** The stored result of `assessBatch` with the counts behind it. */
export interface BatchAssessmentRecord extends BatchAssessment {
  /** Readings stored for the batch (scored or not). */
  readonly readings: number;
  /** Readings with sensor-health warnings. */
  readonly warnings: number;
}

export interface FingerprintModel {
  readonly id: string;
  readonly productId: string;
  readonly sensorId: string;
  readonly version: number;
  readonly channels: number;
  readonly model: GoldenBatchModelJSON;
  readonly training: {
    readonly samples: number;
    readonly batches: readonly string[];
    /** Set on versions made by an adaptive update from a released batch (`updateFingerprint`). */
    readonly adaptive?: AdaptiveTraining;
  };
  readonly createdAt: string;
  readonly createdBy: string;
}

/** How an adaptively updated model was made: its reference set and the shifts the guards measured. */
export interface AdaptiveTraining {
  /** The deliberately trained model this lineage started from (the cumulative-shift cap is measured against it). */
  readonly baseModelId: string;
  readonly previousModelId: string;
  /** The batch whose in-control readings were added. */
  readonly batchId: string;
  /**
   * The reference set, oldest first: each batch's clean readings, kept only when within the limits of `filterModelId`
   * (null for the base model's own training batches); the newest `window` readings of the union are used.
   */
  readonly reference: ReadonlyArray<{ readonly batchId: string; readonly filterModelId: string | null }>;
  readonly window: number;
  /** Mean shift of this update in limit units of the previous model, and cumulatively against the base model. */
  readonly stepShift: number;
  readonly cumulativeShift: number;
}

export interface Alert {
  readonly id: string;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly sensorId: string;
  readonly lineId: string;
  readonly batchId: string | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly readingTimestamp: string | null;
  readonly createdAt: string;
}

export type NewAlert = Omit<Alert, 'id'>;

/** What one ingestion call needs from storage, read in one statement (see {@link ScentStore.ingestContext}). */
export interface IngestContext {
  readonly sensor: Sensor;
  /** Those of the requested batches that exist. */
  readonly batches: Batch[];
  /** The newest fingerprint version for the sensor of each product of those batches (without the model body). */
  readonly models: Array<Pick<FingerprintModel, 'id' | 'productId' | 'version' | 'channels'>>;
}

/**
 * One baseline point of the per-sensor drift monitor before the golden mean is subtracted: the clean readings (no
 * warnings, `channels` values) of one batch that is not rejected, on one UTC day.
 */
export interface DriftBucket {
  readonly batchId: string;
  readonly productId: string;
  /** UTC day number, floor(epoch ms / 86 400 000). */
  readonly day: number;
  /** Median epoch ms of the readings (the mean of the two middle ones for an even count). */
  readonly medianTimeMs: number;
  /** Epoch ms of the first reading (orders buckets whose median times tie). */
  readonly firstTimeMs: number;
  readonly readings: number;
  /** Per-channel median of the calibrated values. */
  readonly medians: readonly number[];
}

/** Buckets by median time, then first time, then batch id. */
export const driftBucketOrder = (a: DriftBucket, b: DriftBucket): number =>
  a.medianTimeMs - b.medianTimeMs ||
  a.firstTimeMs - b.firstTimeMs ||
  (a.batchId < b.batchId ? -1 : a.batchId > b.batchId ? 1 : 0);

/** The input of the drift monitor for one sensor, reduced in the database. */
export interface DriftBuckets {
  /** UTC ISO-8601 time of the sensor's first reading at or after `since` (any reading), null when there is none. */
  readonly firstReadingAt: string | null;
  /** Ordered by median time, then first time, then batch id. */
  readonly buckets: DriftBucket[];
}

/** Storage of the Scent QC module (Kysely on PGlite or PostgreSQL). */
export interface ScentStore {
  upsertSite(site: Site): Promise<void>;
  upsertLine(line: Line): Promise<void>;
  upsertProduct(product: Product): Promise<void>;
  /** Inserts or updates a sensor (counters are kept). */
  upsertSensor(sensor: NewSensor): Promise<void>;
  getSite(id: string): Promise<Site | null>;
  getLine(id: string): Promise<Line | null>;
  getProduct(id: string): Promise<Product | null>;
  listProducts(): Promise<Product[]>;
  getSensor(id: string): Promise<Sensor | null>;
  listSensors(filter?: { lineId?: string }): Promise<Sensor[]>;
  setCalibration(sensorId: string, calibration: Calibration): Promise<void>;
  countReadings(sensorId: string, accepted: number, rejected: number): Promise<void>;
  /**
   * The sensor, the named batches and the newest model of each batch's product for the sensor, in one statement;
   * null for an unknown sensor.
   */
  ingestContext(sensorId: string, batchIds: readonly string[]): Promise<IngestContext | null>;
  /**
   * Stores the accepted readings of one ingestion call and adds them and `rejected` to the sensor's counters: one
   * statement when the readings fit in one chunk of `chunkSize` rows (insert and counter update in one data-modifying
   * CTE). Returns how many readings were stored.
   */
  storeIngested(
    sensorId: string,
    readings: readonly StoredReading[],
    rejected: number,
    chunkSize?: number,
  ): Promise<number>;
  /** Inserts readings in multi-row statements of at most `chunkSize` rows; returns how many were stored. */
  insertReadings(readings: readonly StoredReading[], chunkSize?: number): Promise<number>;
  lastReadingTime(sensorId: string): Promise<string | null>;
  /** Readings in time order (oldest first); `since` (UTC ISO-8601) keeps those at or after it. */
  listReadings(filter: {
    sensorId?: string;
    batchId?: string;
    since?: string;
    limit?: number;
  }): Promise<StoredReading[]>;
  /**
   * The sensor's readings since `since` reduced to one {@link DriftBucket} per batch and UTC day in one query, so a
   * status call reads O(batches × days) rows whatever the number of readings.
   */
  driftBuckets(filter: { sensorId: string; channels: number; since?: string }): Promise<DriftBuckets>;
  /** Counts of a batch's readings: all, scored, anomalous, with warnings. */
  batchCounts(batchId: string): Promise<{ readings: number; scored: number; anomalies: number; warnings: number }>;
  createBatch(batch: Pick<Batch, 'id' | 'productId' | 'lineId' | 'openedAt'>): Promise<Batch>;
  getBatch(id: string): Promise<Batch | null>;
  listBatches(filter?: { status?: BatchStatus }): Promise<Batch[]>;
  updateBatch(id: string, patch: Partial<Omit<Batch, 'id' | 'productId' | 'lineId' | 'openedAt'>>): Promise<Batch>;
  /** Stores a model as the next version for its product and sensor. */
  insertModel(model: Omit<FingerprintModel, 'version'>): Promise<FingerprintModel>;
  getModel(id: string): Promise<FingerprintModel | null>;
  /** The newest version for a product and sensor. */
  latestModel(productId: string, sensorId: string): Promise<FingerprintModel | null>;
  listModels(filter?: { productId?: string }): Promise<FingerprintModel[]>;
  insertAlert(alert: NewAlert): Promise<Alert>;
  listAlerts(filter?: { limit?: number; batchId?: string }): Promise<Alert[]>;
}
