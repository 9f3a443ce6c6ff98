import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileReason, seedComplianceHistory, tamperAuditEvent } from '../testing/compliance-fixture.js';
import { openScentTestContext, type ScentTestContext } from '../testing/scent-test-context.js';
import { createComplianceReporter, parseReportPeriod } from './compliance-report.js';

/** The compliance report on one storage kind (PGlite in unit tests, PostgreSQL in integration tests). */
export function describeComplianceReport(kind: 'pglite' | 'postgres'): void {
  describe(`compliance report on ${kind}`, () => {
    let tc: ScentTestContext;
    const day = parseReportPeriod('2026-11-23', '2026-11-24');
    beforeAll(async () => {
      tc = await openScentTestContext(kind);
      await tc.reset();
      await seedComplianceHistory(tc);
    });
    afterAll(async () => {
      await tc?.t.close();
    });

    it('collects the batches, signatures, counts and audit events of the period and verifies the chain', async () => {
      const r = await createComplianceReporter(tc.ctx).build(day, 'quinn');
      expect(r.summary).toMatchObject({ batches: 3, signatures: 2, byStatus: { released: 1, rejected: 1, open: 1 } });
      const signatures = r.batches.flatMap((b) => b.signatures.map((s) => ({ batch: b.id, ...s })));
      expect(signatures).toEqual([
        expect.objectContaining({ batch: 'B-OK', meaning: 'released', signerUsername: 'quinn', reason: null }),
        expect.objectContaining({
          batch: 'B-BAD',
          meaning: 'rejected',
          signerUsername: 'quinn',
          reason: hostileReason,
        }),
      ]);
      expect(r.summary.readings.readings).toBe(60 * 2 + 30 * 2);
      expect(r.summary.readings.scored).toBe(60);
      expect(r.summary.alerts.total).toBeGreaterThan(0);
      expect(r.auditEvents.total).toBe(r.auditEvents.items.length);
      expect(r.auditVerification).toMatchObject({ ok: true, checked: (await tc.audit.list()).total });
    });

    it('lists at most maxListed alerts and events while keeping exact totals', async () => {
      const r = await createComplianceReporter(tc.ctx, { maxListed: 2 }).build(day, 'quinn');
      expect(r.alerts.items).toHaveLength(2);
      expect(r.alerts.total).toBeGreaterThan(2);
      expect(r.alerts.truncated).toBe(true);
      expect(r.auditEvents.items).toHaveLength(2);
      expect(r.auditEvents.truncated).toBe(true);
      const full = await createComplianceReporter(tc.ctx).build(day, 'quinn');
      expect(r.auditEvents.total).toBe(full.auditEvents.total);
      expect(r.auditEvents.items).toEqual(full.auditEvents.items.slice(0, 2));
    });

    it('refuses an empty period and one with more batches than a report covers', async () => {
      const reporter = createComplianceReporter(tc.ctx, { maxBatches: 2 });
      await expect(reporter.build({ from: day.to, to: day.from }, 'quinn')).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      await expect(reporter.build(day, 'quinn')).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
        details: { batches: 3, max_batches: 2 },
      });
      expect(() => parseReportPeriod('2026-11-23', 'tomorrow')).toThrow(/to must be an ISO-8601 date/);
      expect(() => parseReportPeriod('2026-11-23T10:00', '2026-11-24')).toThrow(/from must be/);
    });

    it('reports the first broken link once a row is edited', async () => {
      const seq = await tamperAuditEvent(tc, 'scent.batch.rejected');
      const r = await createComplianceReporter(tc.ctx).build(day, 'quinn');
      expect(r.auditVerification).toMatchObject({ ok: false, firstBadSeq: seq, kind: 'hash_mismatch' });
      // the rejection's signature event precedes the edited row, so the signature evidence itself is intact
      const rejected = r.batches.find((b) => b.id === 'B-BAD')!.signatures[0]!;
      expect(rejected.auditSeq).toBeLessThan(seq);
      expect(rejected.chainIntact).toBe(true);
      expect(r.auditEvents.items.find((e) => e.seq === seq)).toMatchObject({ actor: 'mallory', chainIntact: false });
    });
  });
}
