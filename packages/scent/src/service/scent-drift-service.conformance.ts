import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatedFault } from '../domain/simulation/line-simulator.js';
import { openScentTestContext, operator, qaPrincipal, type ScentTestContext } from '../testing/scent-test-context.js';
import { createAgentCoordinator } from './agent-coordinator.js';
import { type DemoLine, setupDemoLine } from './scent-demo.js';
import { createScentService, type ScentService } from './scent-service.js';

const day = 86_400_000;
const sensor = 'enose-process';
const qa = { principal: qaPrincipal };
const signature = { username: 'quinn', password: 'quinn-password-1' };

/** The drift-monitor and adaptive-update suite every backend runs (PGlite and PostgreSQL). */
export function describeScentDrift(kind: 'pglite' | 'postgres'): void {
  describe(`drift monitor and adaptive fingerprint updates on ${kind}`, () => {
    let tc: ScentTestContext;
    let scent: ScentService;
    let line: DemoLine;
    let calibratedAtMs: number;
    beforeAll(async () => {
      tc = await openScentTestContext(kind);
    });
    afterAll(async () => {
      await tc?.t.close();
    });
    beforeEach(async () => {
      await tc.reset();
      scent = createScentService(tc.ctx);
      line = await setupDemoLine(scent, { startMs: tc.clock.now().getTime(), referenceReadings: 80 });
      calibratedAtMs = Date.parse((await scent.getSensor(sensor)).calibration!.calibratedAt);
    });

    /** `afterMs` later (default a day): a batch of `n` readings, 90 s apart, on the process e-nose. */
    async function runBatch(id: string, n: number, faults: SimulatedFault[] = [], afterMs = day) {
      tc.clock.advance(afterMs);
      const t0 = tc.clock.now().getTime();
      await scent.openBatch({ id, productId: 'orange-juice', lineId: 'demo-line-1' }, { principal: operator });
      const sim = line.simulators.get(sensor)!;
      const r = await scent.ingest(
        sensor,
        Array.from({ length: n }, (_, i) => {
          const t = t0 + i * 90_000;
          return { timestamp: t, values: sim.sample('orange-juice', t, faults).values, metadata: { batch_id: id } };
        }),
      );
      tc.clock.advance(n * 90_000);
      return r;
    }

    it("estimates each channel's baseline slope and the days until recalibration from stored batches", async () => {
      for (let d = 1; d <= 6; d++) await runBatch(`D${d}`, 20);
      const s = await scent.getSensor(sensor);
      const drift = s.drift!;
      expect(drift.state).toBe('ok');
      // one point per batch and day; the reference batch was measured before the calibration and is not used
      expect(drift.points).toBeGreaterThanOrEqual(6);
      expect(drift.readings).toBeGreaterThan(6 * 18);
      expect(drift.readings).toBeLessThanOrEqual(6 * 20);
      // the simulator's baseline drift per day in calibrated units: Δbaseline / zero-air offset
      const sim = line.simulators.get(sensor)!;
      const b0 = sim.baseline(calibratedAtMs);
      const b1 = sim.baseline(calibratedAtMs + day);
      const offset = s.calibration!.offset;
      const expected = b0.map((b, j) => (b1[j]! - b) / offset[j]!);
      for (const c of drift.channels) {
        const e = expected[c.channel]!;
        // humidity/temperature cycles scale the response around the zero-air level, hence the 20 % margin
        expect(Math.abs(c.slopePerDay - e)).toBeLessThan(Math.max(3 * c.standardError, 0.2 * Math.abs(e)));
      }
      const significant = drift.channels.filter((c) => c.significant);
      expect(significant.length).toBeGreaterThan(0);
      const worst = drift.worstChannel!;
      expect(Math.min(...significant.map((c) => c.daysUntilRecalibration ?? Number.POSITIVE_INFINITY))).toBe(
        worst.daysUntilRecalibration,
      );
      expect(drift.daysUntilRecalibration).toBe(worst.daysUntilRecalibration);
      // the demo's 2 %/day baseline drift reaches one golden-model sd long before the 30-day calibration expires
      expect(s.calibrationState).toBe('valid');
      expect(drift.daysUntilRecalibration!).toBeLessThan(drift.daysUntilCalibrationExpiry!);
      expect(drift.recalibrationDue).toBe(true);
      expect((await scent.status()).recalibrationDue).toContain(sensor);
      // with a tolerance no drift reaches in time, nothing is due
      const lenient = createScentService(tc.ctx, { drift: { toleranceSd: 1000 } });
      const relaxed = (await lenient.getSensor(sensor)).drift!;
      expect(relaxed.recalibrationDue).toBe(false);
      expect(relaxed.channels.map((c) => c.slopePerDay)).toEqual(drift.channels.map((c) => c.slopePerDay));
      expect((await lenient.status()).recalibrationDue).not.toContain(sensor);
      // the sensor-health agent reports the early recalibration (a note, not a fault)
      const analysis = await createAgentCoordinator(tc.ctx, scent).analyze({ batch_id: 'D6' }, qa);
      const health = analysis.reports.find((r) => r.agent_id === 'sensor_health')!;
      expect(health.findings.join('\n')).toMatch(/recalibration due by baseline drift: channel \d+ is already beyond/);
    });

    it('reports too little data instead of a slope', async () => {
      const drift = (await scent.getSensor(sensor)).drift!;
      expect(drift.state).toBe('insufficient_data');
      expect(drift.daysUntilRecalibration).toBeNull();
      expect(drift.recalibrationDue).toBe(false);
    });

    it('updates the fingerprint from a released batch, refuses a contaminated one, and audits both', async () => {
      const v1 = (await scent.store.latestModel('orange-juice', sensor))!;
      await runBatch('G1', 40);
      await scent.assessBatch('G1', { principal: operator });
      await expect(scent.updateFingerprint(v1.id, 'G1', {}, qa)).rejects.toMatchObject({ code: 'SCENT_CONFLICT' });
      const released = await scent.decideBatch('G1', { decision: 'release', ...signature, update_model: true }, qa);
      expect(released.batch.status).toBe('released');
      expect(released.modelUpdates).toHaveLength(1);
      const u = released.modelUpdates![0]!;
      expect(u).toMatchObject({ updated: true, sensorId: sensor, previousModelId: v1.id, batchId: 'G1' });
      // clean readings only (a validator warning, e.g. a 3σ spike, keeps a reading out)
      expect(u.used + u.excluded).toBeGreaterThan(35);
      expect(u.used + u.excluded).toBeLessThanOrEqual(40);
      expect(u.cumulativeShift!).toBeLessThan(1);
      const v2 = u.model!;
      expect(v2.version).toBe(v1.version + 1);
      // the window defaults to the trained model's reference size (its clean readings)
      const window = v1.training.samples;
      expect(v2.training.adaptive).toMatchObject({ baseModelId: v1.id, previousModelId: v1.id, window });
      expect(v2.training.samples).toBe(window);
      // only the centre moved, to the mean of the newest `window` reference readings (REF tail + G1's in-control ones)
      expect(v2.model.t2Limit).toBe(v1.model.t2Limit);
      expect(v2.model.mean).not.toEqual(v1.model.mean);
      expect((await scent.store.latestModel('orange-juice', sensor))!.id).toBe(v2.id);
      expect((await tc.audit.list({ action: 'scent.fingerprint.updated' })).items[0]).toMatchObject({
        resource: `scent/fingerprint/${v2.id}`,
        actor: 'quinn',
      });
      // an older version cannot be updated; the same batch cannot be added twice
      await expect(scent.updateFingerprint(v1.id, 'G1', {}, qa)).rejects.toMatchObject({ code: 'SCENT_CONFLICT' });
      await expect(scent.updateFingerprint(v2.id, 'G1', {}, qa)).rejects.toMatchObject({ code: 'SCENT_CONFLICT' });

      // a contaminated batch released against the assessment (with a reason) does not move the model
      await runBatch('C1', 40, [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 }], 3_600_000);
      const assessed = await scent.assessBatch('C1', { principal: operator });
      expect(assessed.assessment!.anomalyRate).toBeGreaterThan(0.5);
      const view = await scent.decideBatch(
        'C1',
        { decision: 'release', ...signature, reason: 'released for rework', update_model: true },
        qa,
      );
      expect(view.modelUpdates![0]).toMatchObject({ updated: false, reason: 'anomaly_rate', previousModelId: v2.id });
      expect((await scent.store.latestModel('orange-juice', sensor))!.id).toBe(v2.id);
      expect((await tc.audit.list({ action: 'scent.fingerprint.update_refused' })).items[0]).toMatchObject({
        resource: `scent/fingerprint/${v2.id}`,
      });

      // the next version rebuilds its reference set from stored readings screened by the model of the time
      await runBatch('G2', 40, [], 3_600_000);
      await scent.assessBatch('G2', { principal: operator });
      await scent.decideBatch('G2', { decision: 'release', ...signature }, qa);
      const r3 = await scent.updateFingerprint(v2.id, 'G2', {}, qa);
      expect(r3.updated).toBe(true);
      expect(r3.model!.training.adaptive!.baseModelId).toBe(v1.id);
      // G1 and G2 add fewer than `window` readings, so the reference batch still holds the oldest of the window
      expect(r3.model!.training.adaptive!.reference).toEqual([
        { batchId: v1.training.batches[0], filterModelId: null },
        { batchId: 'G1', filterModelId: v1.id },
        { batchId: 'G2', filterModelId: v2.id },
      ]);
      expect(r3.model!.training.samples).toBe(window);
      // the drift monitor keeps measuring against the trained model, not the adapted one
      const drift = (await scent.getSensor(sensor)).drift!;
      expect(drift.state).toBe('ok');
    });
  });
}
