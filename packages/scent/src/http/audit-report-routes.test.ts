import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../service/compliance-report.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { hostileReason, seedComplianceHistory, tamperAuditEvent } from '../testing/compliance-fixture.js';
import { openScentTestApp, type ScentTestApp } from '../testing/scent-test-app.js';

describe('POST /v1/audit/reports', () => {
  let t: ScentTestApp;
  const day = { from: '2026-11-23', to: '2026-11-24' };

  beforeAll(async () => {
    t = await openScentTestApp({ roleKeys: ['qa_approver', 'viewer'], seed: seedComplianceHistory });
  });
  afterAll(async () => {
    await t?.close();
  });

  const report = (payload: object, role = 'qa_approver') => t.call(role, 'POST', '/v1/audit/reports', payload);

  it('reports the batches, decisions, e-signatures, alerts and a verified audit trail of a day', async () => {
    const res = await report(day);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const r = res.json() as ComplianceReport;
    expect(r.period).toEqual({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' });
    expect(r.generatedBy).toBe('qa_approver-key');

    const byId = new Map(r.batches.map((b) => [b.id, b]));
    expect([...byId.keys()].sort()).toEqual(['B-BAD', 'B-OK', expect.stringMatching(/^REF-/)].sort());
    const ok = byId.get('B-OK')!;
    expect(ok).toMatchObject({ status: 'released', decidedBy: 'quinn', assessment: { decision: 'approve' } });
    expect(ok.signatures).toEqual([
      expect.objectContaining({
        meaning: 'released',
        signerUsername: 'quinn',
        signerFullName: 'Quinn QA',
        reason: null,
        chainIntact: true,
      }),
    ]);
    expect(ok.signatures[0]!.id).toBe(ok.signatureId);
    const bad = byId.get('B-BAD')!;
    expect(bad).toMatchObject({ status: 'rejected', decisionReason: hostileReason });
    expect(bad.assessment!.decision).not.toBe('approve');
    expect(bad.signatures[0]).toMatchObject({ meaning: 'rejected', reason: hostileReason, chainIntact: true });
    expect(r.summary).toMatchObject({
      batches: 3,
      byStatus: { open: 1, assessed: 0, released: 1, rejected: 1 },
      signatures: 2,
      releasedAgainstRecommendation: 0,
    });

    // reading and alert counts agree with the store's own per-batch counts
    const store = scentServiceFor(t.tc.ctx).store;
    const counts = await Promise.all(r.batches.map((b) => store.batchCounts(b.id)));
    expect(r.summary.readings).toEqual({
      readings: counts.reduce((n, c) => n + c.readings, 0),
      scored: counts.reduce((n, c) => n + c.scored, 0),
      anomalies: counts.reduce((n, c) => n + c.anomalies, 0),
    });
    expect(r.summary.readings.anomalies).toBe(bad.assessment!.anomalies + ok.assessment!.anomalies);
    const alerts = await store.listAlerts({ limit: 1000 });
    expect(r.summary.alerts.total).toBe(alerts.length);
    expect(r.summary.alerts.byKind.anomaly).toBe(alerts.filter((a) => a.kind === 'anomaly').length);
    expect(r.summary.alerts.byKind.anomaly).toBeGreaterThan(0);
    expect(r.alerts.items.some((a) => a.batchId === 'B-BAD')).toBe(true);
    expect(r.alerts.truncated).toBe(false);

    expect(r.auditVerification).toMatchObject({ ok: true, checked: (await t.tc.audit.list()).total });
    expect(r.auditVerification.headSeq).toBe(r.auditVerification.checked);
    const actions = r.auditEvents.items.map((e) => `${e.action} ${e.resource}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'scent.batch.released scent/batch/B-OK',
        'esign.signed scent.batch/B-OK',
        'scent.batch.rejected scent/batch/B-BAD',
      ]),
    );
    expect(r.auditEvents.items.every((e) => e.chainIntact)).toBe(true);
  });

  it('filters by product and line, and reports an empty period as empty', async () => {
    const beer = (await report({ ...day, product_id: 'lager-beer' })).json() as ComplianceReport;
    expect(beer.batches).toEqual([]);
    expect(beer.summary.readings.readings).toBe(0);
    expect(beer.auditEvents.total).toBe(0);
    expect(beer.auditVerification.ok).toBe(true);
    const line = (await report({ ...day, line_id: 'demo-line-1', product_id: 'orange-juice' })).json();
    expect(line.summary.batches).toBe(3);
    expect(line.auditEvents.items.every((e: { resource: string }) => /^scent[./]batch\//.test(e.resource))).toBe(true);
    const { headSeq, headHash } = (await report(day)).json().auditVerification;
    const anchored = (await report({ ...day, anchor: `${headSeq}:${headHash}` })).json() as ComplianceReport;
    expect(anchored.auditVerification).toMatchObject({ ok: true, anchor: { seq: headSeq, hash: headHash } });
    const forged = (await report({ ...day, anchor: `${headSeq}:${'0'.repeat(64)}` })).json() as ComplianceReport;
    expect(forged.auditVerification).toMatchObject({ ok: false, kind: 'anchor_mismatch', firstBadSeq: headSeq });
    const october = (await report({ from: '2026-10-01', to: '2026-10-02' })).json() as ComplianceReport;
    expect(october.summary.batches).toBe(0);
    expect(october.summary.alerts.total).toBe(0);
  });

  it('renders a printable, self-contained HTML page with every value escaped', async () => {
    const res = await report({ ...day, format: 'html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Audit trail verification: PASSED');
    expect(html).toContain('Quinn QA (quinn)');
    expect(html).toContain('H2S off-odour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; retest');
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain('@media print');
  });

  it('refuses a bad period or body with 400 and callers without scent:report', async () => {
    for (const payload of [
      { from: '2026-11-24', to: '2026-11-23' },
      { from: '2026-11-23', to: '2026-11-23' },
      { from: 'yesterday', to: '2026-11-23' },
      { from: '2026-11-23T00:00:00', to: '2026-11-24' },
      { to: '2026-11-24' },
      { ...day, format: 'pdf' },
      { ...day, line_id: 'no spaces allowed' },
      { ...day, anchor: '12:abc' },
      { ...day, extra: 1 },
    ]) {
      const res = await report(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    expect((await report(day, 'viewer')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/v1/audit/reports', payload: day })).statusCode).toBe(401);
  });

  it('shows a failed verification, naming the first broken link, after an audit row is edited', async () => {
    const seq = await tamperAuditEvent(t.tc, 'esign.signed');
    const r = (await report(day)).json() as ComplianceReport;
    expect(r.auditVerification).toMatchObject({ ok: false, firstBadSeq: seq, kind: 'hash_mismatch' });
    const signatures = r.batches.flatMap((b) => b.signatures);
    expect(signatures).toHaveLength(2);
    // both signatures were recorded at or after the edited event: neither can be relied on
    expect(signatures.every((s) => s.auditSeq >= seq && !s.chainIntact)).toBe(true);
    const events = r.auditEvents.items;
    expect(events.filter((e) => e.seq < seq).every((e) => e.chainIntact)).toBe(true);
    expect(events.filter((e) => e.seq >= seq).every((e) => !e.chainIntact)).toBe(true);

    const html = (await report({ ...day, format: 'html' })).body;
    expect(html).toContain('Audit trail verification: FAILED');
    expect(html).toContain(`First broken link at event <strong>${seq}</strong> (hash_mismatch)`);
  });
});
