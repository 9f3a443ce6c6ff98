import type { Selectable } from 'kysely';
import type { Alert, AlertKind, AlertSeverity, Batch, BatchAssessmentRecord, BatchStatus } from '../ports.js';
import type { ScentTables } from './migrations.js';

/** A timestamp column (a `Date` from pg and PGlite, text otherwise) as an ISO-8601 string. */
export const iso = (d: Date | string): string => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));
/** jsonb arrives parsed from pg and PGlite; a string means a driver handed back text. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export type BatchRow = Selectable<ScentTables['scent_batches']>;
export type AlertRow = Selectable<ScentTables['scent_alerts']>;

/** A `scent_batches` row as the {@link Batch} of the port. */
export function toBatch(r: BatchRow): Batch {
  return {
    id: r.id,
    productId: r.product_id,
    lineId: r.line_id,
    status: r.status as BatchStatus,
    openedAt: iso(r.opened_at),
    assessment: r.assessment === null ? null : json<BatchAssessmentRecord>(r.assessment),
    assessedAt: isoOrNull(r.assessed_at),
    decidedAt: isoOrNull(r.decided_at),
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
    signatureId: r.signature_id,
  };
}

/** A `scent_alerts` row as the {@link Alert} of the port. */
export function toAlert(r: AlertRow): Alert {
  return {
    id: String(r.id),
    kind: r.kind as AlertKind,
    severity: r.severity as AlertSeverity,
    sensorId: r.sensor_id,
    lineId: r.line_id,
    batchId: r.batch_id,
    message: r.message,
    details: json<Record<string, unknown>>(r.details),
    readingTimestamp: isoOrNull(r.reading_ts),
    createdAt: iso(r.created_at),
  };
}
