import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../ports.js';
import { openScentTestContext, operator, qaPrincipal, type ScentTestContext } from '../testing/scent-test-context.js';
import { demoSensors, runScentDemo, setupDemoLine } from './scent-demo.js';
import { createScentService, type ScentService } from './scent-service.js';

const day = 86_400_000;

/** The service suite every backend runs (PGlite here, PostgreSQL in scent-service.int.test.ts). */
export function describeScentService(kind: 'pglite' | 'postgres'): void {
  describe(`ScentService on ${kind}`, () => {
    let tc: ScentTestContext;
    let scent: ScentService;
    let start: number;
    const sensor = 'enose-process';
    beforeAll(async () => {
      tc = await openScentTestContext(kind);
    });
    afterAll(async () => {
      await tc?.t.close();
    });
    beforeEach(async () => {
      await tc.reset();
      scent = createScentService(tc.ctx);
      start = tc.clock.now().getTime();
    });

    async function setup() {
      const line = await setupDemoLine(scent, { startMs: start, referenceReadings: 80 });
      await scent.openBatch({ id: 'B1', productId: 'orange-juice', lineId: 'demo-line-1' }, { principal: operator });
      return line;
    }

    it('calibrates, stores, scores and alerts through the pipeline', async () => {
      const line = await setup();
      const sim = line.simulators.get(sensor)!;
      const alerts: Alert[] = [];
      tc.events.subscribe<Alert>('scent.alerts.>', (a) => {
        alerts.push(a);
      });
      const good = sim.sample('orange-juice', start + 1000);
      const bad = sim.sample('orange-juice', start + 2000, [
        { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 },
      ]);
      const r = await scent.ingest(sensor, [
        { timestamp: new Date(start + 1000).toISOString(), values: good.values, metadata: { batch_id: 'B1' } },
        { timestamp: start + 2000, values: bad.values, metadata: { batch_id: 'B1' } },
      ]);
      expect(r).toMatchObject({ received: 2, accepted: 2, rejected: 0, anomalies: 1, alerts: 1 });
      expect(r.results[0]!.score!.is_anomaly).toBe(false);
      expect(r.results[1]!.score!.is_anomaly).toBe(true);
      const stored = await scent.store.listReadings({ batchId: 'B1' });
      const cal = (await scent.getSensor(sensor)).calibration!;
      // calibrated = (raw − offset)·scale
      expect(stored[0]!.values).toEqual(good.values.map((v, j) => (v - cal.offset[j]!) * cal.scale[j]!));
      expect(stored[0]!.raw).toEqual(good.values);
      expect(stored[1]!.isAnomaly).toBe(true);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ kind: 'anomaly', sensorId: sensor, batchId: 'B1', lineId: 'demo-line-1' });
      expect((await scent.store.listAlerts()).map((a) => a.id)).toContain(alerts[0]!.id);
    });

    it('rejects and counts bad readings while storing the rest of the batch', async () => {
      const line = await setup();
      const sim = line.simulators.get(sensor)!;
      const v = (i: number) => sim.sample('orange-juice', start + i * 1000).values;
      const ts = (i: number) => new Date(start + i * 1000).toISOString();
      const r = await scent.ingest(sensor, [
        { timestamp: ts(1), values: v(1), metadata: { batch_id: 'B1' } },
        { timestamp: ts(2), values: v(2).slice(0, 5), metadata: { batch_id: 'B1' } },
        { timestamp: ts(3), values: [Number.NaN, ...v(3).slice(1)], metadata: { batch_id: 'B1' } },
        { timestamp: ts(4), values: v(4), metadata: { batch_id: 'B1' } },
        { timestamp: ts(2), values: v(5), metadata: { batch_id: 'B1' } },
        { timestamp: ts(6), values: v(6), metadata: { batch_id: 'NOPE' } },
        { timestamp: 'yesterday', values: v(7) },
        { timestamp: ts(8), values: v(8), metadata: { batch_id: 'B1' } },
      ]);
      expect(r).toMatchObject({ received: 8, accepted: 3, rejected: 5 });
      expect(r.results.map((x) => x.status)).toEqual([
        'stored',
        'rejected',
        'rejected',
        'stored',
        'rejected',
        'rejected',
        'rejected',
        'stored',
      ]);
      expect(r.results[1]!.errors.join()).toMatch(/expected 8 channel values, got 5/);
      expect(r.results[2]!.errors.join()).toMatch(/NaN or infinite/);
      expect(r.results[4]!.errors.join()).toMatch(/not after the previous reading/);
      expect(r.results[5]!.errors.join()).toMatch(/unknown batch "NOPE"/);
      expect(r.results[6]!.errors.join()).toMatch(/not a valid time/);
      expect((await scent.store.listReadings({ batchId: 'B1' })).length).toBe(3);
      const s = await scent.getSensor(sensor);
      expect(s.rejectedReadings).toBe(5);
      expect(s.acceptedReadings).toBe(80 + 3);
      await expect(scent.ingest('ghost', [{ timestamp: ts(9), values: v(9) }])).rejects.toMatchObject({
        code: 'SCENT_UNKNOWN_SENSOR',
      });
      // a new service instance (restart) still refuses a timestamp older than the stored ones
      const restarted = createScentService(tc.ctx);
      const again = await restarted.ingest(sensor, [{ timestamp: ts(7), values: v(7) }]);
      expect(again.results[0]!.errors.join()).toMatch(/not after the previous reading/);
    });

    it('shows recalibration due and expired in sensor status', async () => {
      await setup();
      expect((await scent.getSensor(sensor)).calibrationState).toBe('valid');
      tc.clock.advance(28 * day);
      expect((await scent.getSensor(sensor)).calibrationState).toBe('due');
      expect((await scent.status()).recalibrationDue).toContain(sensor);
      tc.clock.advance(2 * day);
      expect((await scent.getSensor(sensor)).calibrationState).toBe('expired');
      await expect(scent.calibrate(sensor, { offset: [1], scale: [1] }, 'oscar')).rejects.toMatchObject({
        code: 'SCENT_BAD_CALIBRATION',
      });
    });

    it('assesses a batch and releases it only with a qa_approver signature', async () => {
      const line = await setup();
      const sim = line.simulators.get(sensor)!;
      await scent.ingest(
        sensor,
        Array.from({ length: 30 }, (_, i) => ({
          timestamp: start + (i + 1) * 1000,
          values: sim.sample('orange-juice', start + (i + 1) * 1000).values,
          metadata: { batch_id: 'B1' },
        })),
      );
      await expect(
        scent.decideBatch(
          'B1',
          { decision: 'release', username: 'quinn', password: 'quinn-password-1' },
          { principal: qaPrincipal },
        ),
      ).rejects.toMatchObject({ code: 'SCENT_CONFLICT' });
      const assessed = await scent.assessBatch('B1', { principal: operator });
      expect(assessed.status).toBe('assessed');
      expect(assessed.assessment).toMatchObject({ samples: 30, readings: 30 });
      expect(assessed.assessment!.quality).toBeCloseTo(1 - assessed.assessment!.anomalies / 30, 12);
      const abe = { kind: 'user' as const, id: 'u-abe', name: 'abe', roles: ['approver' as const] };
      await expect(
        scent.decideBatch(
          'B1',
          { decision: 'release', username: 'abe', password: 'abe-password-1' },
          { principal: abe },
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        scent.decideBatch(
          'B1',
          { decision: 'release', username: 'quinn', password: 'wrong' },
          { principal: qaPrincipal },
        ),
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(
        scent.decideBatch(
          'B1',
          { decision: 'release', username: 'quinn', password: 'quinn-password-1' },
          { principal: operator },
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        scent.decideBatch(
          'B1',
          { decision: 'reject', username: 'quinn', password: 'quinn-password-1' },
          { principal: qaPrincipal },
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      const released = await scent.decideBatch(
        'B1',
        { decision: 'release', username: 'quinn', password: 'quinn-password-1' },
        { principal: qaPrincipal, requestId: 'req-1' },
      );
      expect(released.batch).toMatchObject({ status: 'released', decidedBy: 'quinn' });
      expect(released.signatures).toHaveLength(1);
      expect(released.signatures[0]).toMatchObject({ meaning: 'released', signerUsername: 'quinn', recordId: 'B1' });
      expect(released.batch.signatureId).toBe(released.signatures[0]!.id);
      const actions = (await tc.audit.list({ resource: 'scent/batch/B1' })).items.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'scent.batch.opened',
          'scent.batch.assessed',
          'scent.batch.released',
          'scent.batch.sign_refused',
        ]),
      );
      expect((await tc.audit.verify()).ok).toBe(true);
      const late = await scent.ingest(sensor, [
        {
          timestamp: start + 99_000,
          values: sim.sample('orange-juice', start + 99_000).values,
          metadata: { batch_id: 'B1' },
        },
      ]);
      expect(late.results[0]!.errors.join()).toMatch(/released and takes no more readings/);
    });

    it('trains versioned fingerprints and compares samples', async () => {
      const line = await setup();
      const models = await scent.listFingerprints('orange-juice');
      expect(models.map((m) => m.sensorId).sort()).toEqual(demoSensors.map((s) => s.id).sort());
      const m = models.find((x) => x.sensorId === sensor)!;
      expect(m.version).toBe(1);
      // reference readings with validator warnings (3σ spikes) are left out of training
      expect(m.training.samples).toBeGreaterThanOrEqual(75);
      expect(m.training.samples).toBeLessThanOrEqual(80);
      const ref = (await scent.store.listReadings({ sensorId: sensor, batchId: m.training.batches[0] })).map((r) => [
        ...r.values,
      ]);
      const [same] = await scent.compareFingerprint(m.id, [ref[3]!]);
      expect(same!.similarity).toBeGreaterThan(0.5);
      await expect(scent.compareFingerprint(m.id, [[1, 2]])).rejects.toMatchObject({ code: 'SCENT_BAD_DATA' });
      await expect(scent.compareFingerprint('nope', [[1]])).rejects.toMatchObject({ code: 'SCENT_NOT_FOUND' });
      const v2 = await scent.trainFingerprint(
        { productId: 'orange-juice', sensorId: sensor, batchIds: m.training.batches },
        { principal: operator },
      );
      expect(v2.version).toBe(2);
      await expect(
        scent.trainFingerprint(
          { productId: 'orange-juice', sensorId: sensor, batchIds: ['B1'] },
          { principal: operator },
        ),
      ).rejects.toMatchObject({ code: 'SCENT_BAD_DATA' });
      const analyzed = await scent.analyze({
        productId: 'orange-juice',
        sensorId: sensor,
        values: line.simulators.get(sensor)!.sample('lager-beer', start + 5000).values,
      });
      expect(analyzed.is_anomaly).toBe(true);
      expect(analyzed.model_id).toBe(v2.id);
    });

    it('demo: detects every injected fault with at most 5 % false alarms on normal batches', async () => {
      const line = await setupDemoLine(scent, { startMs: start });
      const summary = await runScentDemo(
        scent,
        line,
        { startMs: start, durationS: 30, speed: 10, sleep: async () => {} },
        tc.events,
      );
      expect(summary.readings).toBe(600);
      expect(summary.rejected).toBe(0);
      expect(summary.falseAlarmRate).toBeLessThanOrEqual(0.05);
      expect(summary.injectedFaults).toBe(3);
      expect(summary.detectedFaults).toBe(3);
      const byLabel = (s: string) => summary.batches.find((b) => b.label.startsWith(s))!;
      expect(byLabel('contamination').decision).toBe('reject');
      expect(byLabel('off-spec').decision).toBe('reject');
      const faults = byLabel('sensor faults');
      expect(faults.suspectChannels['enose-process']).toBe(5);
      expect(faults.sensorHealthAlerts).toBeGreaterThanOrEqual(1);
      for (const b of summary.batches.filter((x) => x.normal)) expect(b.decision).toBe('approve');
    }, 120_000);
  });
}
