import {
  AppError,
  type AuditAnchor,
  type AuditEvent,
  type AuditVerification,
  type ElectronicSignature,
  type ModuleContext,
} from '@quintessence/platform';
import { createKyselyComplianceSource } from '../adapters/kysely-compliance-source.js';
import type { BatchDecision } from '../domain/quality/batch-assessment.js';
import {
  type Alert,
  type AlertKind,
  type AlertSeverity,
  type Batch,
  type BatchStatus,
  batchStatuses,
} from '../ports.js';

/** The period (from inclusive, to exclusive) and optional line and product of a compliance report. */
export interface ComplianceReportQuery {
  readonly from: Date;
  readonly to: Date;
  readonly lineId?: string;
  readonly productId?: string;
  /**
   * Head (sequence number and hash) of an earlier verification, e.g. from the last report: verification then also
   * detects deleted newest events and a rewritten chain.
   */
  readonly anchor?: AuditAnchor;
}

/** The period queries a compliance report needs from storage. */
export interface ComplianceReportSource {
  /** Batches whose life overlaps the period: opened before `to` and not decided before `from`. */
  batches(query: ComplianceReportQuery): Promise<Batch[]>;
  /** Alerts raised in the period (the first `limit` by id) with the exact counts. */
  alerts(
    query: ComplianceReportQuery,
    limit: number,
  ): Promise<{
    items: Alert[];
    total: number;
    byKind: Record<AlertKind, number>;
    bySeverity: Record<AlertSeverity, number>;
  }>;
  /** Readings measured in the period: stored, scored against a fingerprint, anomalous. */
  readingCounts(query: ComplianceReportQuery): Promise<{ readings: number; scored: number; anomalies: number }>;
}

/** One e-signature as the report shows it (21 CFR 11.50: printed name, date and time, meaning). */
export interface ReportSignature {
  readonly id: string;
  readonly meaning: ElectronicSignature['meaning'];
  readonly signerUsername: string;
  readonly signerFullName: string;
  readonly signedAt: string;
  readonly reason: string | null;
  readonly recordHash: string;
  readonly auditSeq: number;
  /** False when the audit event recording the signature lies at or after the first broken link of the chain. */
  readonly chainIntact: boolean;
}

export interface ReportBatch extends Batch {
  readonly signatures: ReportSignature[];
}

export interface ReportAuditEvent {
  readonly seq: number;
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly resource: string;
  readonly reason: string | null;
  readonly chainIntact: boolean;
}

/** A listing that may be cut short: `total` is exact, `items` holds at most the report's limit. */
export interface Truncatable<T> {
  readonly items: T[];
  readonly total: number;
  readonly truncated: boolean;
}

export interface ComplianceReport {
  readonly title: string;
  /** UTC ISO-8601 time. */
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly filters: { readonly lineId: string | null; readonly productId: string | null };
  readonly summary: {
    readonly batches: number;
    readonly byStatus: Record<BatchStatus, number>;
    /** Assessment recommendations (`not_assessed` for batches without an assessment). */
    readonly byDecision: Record<BatchDecision | 'not_assessed', number>;
    /** Released although the assessment did not recommend approval (each carries the signer's reason). */
    readonly releasedAgainstRecommendation: number;
    readonly signatures: number;
    readonly readings: { readonly readings: number; readonly scored: number; readonly anomalies: number };
    readonly alerts: {
      readonly total: number;
      readonly byKind: Record<AlertKind, number>;
      readonly bySeverity: Record<AlertSeverity, number>;
    };
  };
  readonly batches: ReportBatch[];
  readonly alerts: Truncatable<Alert>;
  /** Scent audit events of the period (with a line or product filter: those on the report's batches). */
  readonly auditEvents: Truncatable<ReportAuditEvent>;
  /** The whole audit chain verified when the report was built (the `quintessence audit verify` report). */
  readonly auditVerification: AuditVerification & {
    readonly verifiedAt: string;
    /** The anchor the chain was also checked against (null without one). */
    readonly anchor: AuditAnchor | null;
  };
}

export type ComplianceReportContext = Pick<ModuleContext, 'db' | 'audit' | 'esign' | 'clock'>;

export interface ComplianceReporterOptions {
  /** Storage queries (default: Kysely on `ctx.db`). */
  readonly source?: ComplianceReportSource;
  /** A period holding more batches is refused; narrow it or filter (default 2000). */
  readonly maxBatches?: number;
  /** Alerts and audit events listed at most (counts stay exact; default 1000 each). */
  readonly maxListed?: number;
}

export interface ComplianceReporter {
  /** Throws `VALIDATION_ERROR` for an invalid or empty period, or one holding more batches than `maxBatches`. */
  build(query: ComplianceReportQuery, generatedBy: string): Promise<ComplianceReport>;
}

const auditPage = 1000;

/**
 * Parses a report period given as ISO-8601 times (`2026-11-01T00:00:00Z`) or dates (`2026-11-01`, midnight UTC);
 * `to` is exclusive. Throws `VALIDATION_ERROR` naming the bad value.
 *
 * @example
 * parseReportPeriod('2026-11-01', '2026-12-01'); // November 2026
 */
/**
 * Parses an audit anchor written `<seq>:<hash>` (the `headSeq:headHash` of an earlier report or `audit verify`).
 *
 * @example
 * parseAuditAnchor('42:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
 */
export function parseAuditAnchor(value: string): AuditAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!match || Number(match[1]) < 1) {
    throw new AppError(
      'VALIDATION_ERROR',
      `anchor must be <seq>:<64 hex characters> (headSeq:headHash of an earlier report or audit verify); got "${value}"`,
    );
  }
  return { seq: Number(match[1]), hash: match[2]! };
}

export function parseReportPeriod(from: string, to: string): { from: Date; to: Date } {
  const time = (name: string, value: string): Date => {
    const d = new Date(value);
    if (
      !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ||
      Number.isNaN(d.getTime())
    ) {
      throw new AppError(
        'VALIDATION_ERROR',
        `${name} must be an ISO-8601 date (2026-11-01) or UTC time with offset (2026-11-01T00:00:00Z); got "${value}"`,
      );
    }
    return d;
  };
  return { from: time('from', from), to: time('to', to) };
}

/**
 * Builds the compliance report of a period: batches with their assessment, decision and e-signatures (signer,
 * meaning, time, reason), reading and alert counts, the scent audit events, and the verification of the whole
 * hash-chained audit trail. Signatures and events after the first broken link are marked as not intact.
 *
 * @example
 * const report = await createComplianceReporter(ctx).build({ from, to, lineId: 'line-1' }, 'quinn');
 * if (!report.auditVerification.ok) console.warn(report.auditVerification.problem);
 * @see 21 CFR 11.10(b) (accurate and complete copies of records in human readable and electronic form)
 */
export function createComplianceReporter(
  ctx: ComplianceReportContext,
  options: ComplianceReporterOptions = {},
): ComplianceReporter {
  const source = options.source ?? createKyselyComplianceSource(ctx.db);
  const maxBatches = options.maxBatches ?? 2000;
  const maxListed = options.maxListed ?? 1000;

  /** Events of one resource prefix or exact resource in the period, oldest first, at most `maxListed`. */
  const eventsOf = async (resource: string, q: ComplianceReportQuery) => {
    const items: AuditEvent[] = [];
    let total = 0;
    for (let offset = 0; ; offset += auditPage) {
      const page = await ctx.audit.list(
        { resource, from: q.from, to: q.to },
        { limit: auditPage, offset, order: 'asc' },
      );
      total = page.total;
      items.push(...page.items);
      if (page.items.length < auditPage || items.length >= maxListed) break;
    }
    return { items: items.slice(0, maxListed), total };
  };

  return {
    async build(query, generatedBy) {
      const { from, to } = query;
      if (
        !(from instanceof Date) ||
        Number.isNaN(from.getTime()) ||
        !(to instanceof Date) ||
        Number.isNaN(to.getTime())
      )
        throw new AppError('VALIDATION_ERROR', 'from and to must be valid times');
      if (from.getTime() >= to.getTime()) {
        throw new AppError(
          'VALIDATION_ERROR',
          `The period is empty: from (${from.toISOString()}) must be before to (${to.toISOString()})`,
        );
      }
      const batches = await source.batches(query);
      if (batches.length > maxBatches) {
        throw new AppError(
          'VALIDATION_ERROR',
          `The period holds ${batches.length} batches; a report covers at most ${maxBatches}: narrow the period or filter by line or product`,
          { details: { batches: batches.length, max_batches: maxBatches } },
        );
      }
      const [alerts, readings, signatureLists] = await Promise.all([
        source.alerts(query, maxListed),
        source.readingCounts(query),
        Promise.all(batches.map((b) => ctx.esign.listFor('scent.batch', b.id))),
      ]);

      const filtered = query.lineId !== undefined || query.productId !== undefined;
      const eventLists = filtered
        ? batches.flatMap((b) => [`scent/batch/${b.id}`, `scent.batch/${b.id}`])
        : ['scent/*', 'scent.batch/*'];
      const found = await Promise.all(eventLists.map((resource) => eventsOf(resource, query)));
      const eventTotal = found.reduce((n, f) => n + f.total, 0);
      const events = found
        .flatMap((f) => f.items)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, maxListed);

      // Verified after reading, so an event or signature shown above was part of the chain that was checked.
      const verification = await ctx.audit.verify(query.anchor ? { anchor: query.anchor } : {});
      const verifiedAt = ctx.clock.now().toISOString();
      const intact = (seq: number) =>
        verification.ok || verification.firstBadSeq === undefined || seq < verification.firstBadSeq;

      const reportBatches: ReportBatch[] = batches.map((b, i) => ({
        ...b,
        signatures: signatureLists[i]!.map((s) => ({
          id: s.id,
          meaning: s.meaning,
          signerUsername: s.signerUsername,
          signerFullName: s.signerFullName,
          signedAt: s.signedAt,
          reason: s.reason ?? null,
          recordHash: s.recordHash,
          auditSeq: s.auditSeq,
          chainIntact: intact(s.auditSeq),
        })),
      }));

      const byStatus = Object.fromEntries(batchStatuses.map((s) => [s, 0])) as Record<BatchStatus, number>;
      const byDecision: Record<BatchDecision | 'not_assessed', number> = {
        approve: 0,
        additional_testing: 0,
        reject: 0,
        not_assessed: 0,
      };
      let releasedAgainstRecommendation = 0;
      for (const b of batches) {
        byStatus[b.status]++;
        byDecision[b.assessment?.decision ?? 'not_assessed']++;
        if (b.status === 'released' && b.assessment && b.assessment.decision !== 'approve')
          releasedAgainstRecommendation++;
      }

      return {
        title: 'Scent QC compliance report',
        generatedAt: verifiedAt,
        generatedBy,
        period: { from: from.toISOString(), to: to.toISOString() },
        filters: { lineId: query.lineId ?? null, productId: query.productId ?? null },
        summary: {
          batches: batches.length,
          byStatus,
          byDecision,
          releasedAgainstRecommendation,
          signatures: reportBatches.reduce((n, b) => n + b.signatures.length, 0),
          readings,
          alerts: { total: alerts.total, byKind: alerts.byKind, bySeverity: alerts.bySeverity },
        },
        batches: reportBatches,
        alerts: { items: alerts.items, total: alerts.total, truncated: alerts.total > alerts.items.length },
        auditEvents: {
          items: events.map((e) => ({
            seq: e.seq,
            occurredAt: e.occurredAt,
            actor: e.actor,
            action: e.action,
            resource: e.resource,
            reason: e.reason ?? null,
            chainIntact: intact(e.seq),
          })),
          total: eventTotal,
          truncated: eventTotal > events.length,
        },
        auditVerification: { ...verification, verifiedAt, anchor: query.anchor ?? null },
      };
    },
  };
}
