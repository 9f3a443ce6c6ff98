import { beforeEach, describe, expect, it } from 'vitest';
import type { ScentStore, StoredReading } from '../ports.js';
import { useScentTestStore } from '../testing/scent-test-store.js';

const t0 = Date.parse('2026-11-23T08:00:00Z');

function reading(i: number, over: Partial<StoredReading> = {}): StoredReading {
  return {
    sensorId: 'S1',
    timestamp: new Date(t0 + i * 1000).toISOString(),
    batchId: 'B1',
    raw: [i, i + 0.5, 2],
    values: [i - 1, i - 0.5, 1],
    qualityScore: 1,
    warnings: [],
    modelId: null,
    t2: null,
    spe: null,
    similarity: null,
    isAnomaly: null,
    ...over,
  };
}

/** The repository suite every backend runs (PGlite in unit tests, PostgreSQL in integration tests). */
export function describeScentStore(kind: 'pglite' | 'postgres'): void {
  describe(`ScentStore on ${kind}`, () => {
    const db = useScentTestStore(kind);
    let store: ScentStore;
    beforeEach(async () => {
      store = db.store;
      await store.upsertProduct({ id: 'juice', name: 'Juice', description: null });
      await store.upsertSensor({
        id: 'S1',
        lineId: 'line-1',
        stage: 'process',
        kind: 'MOS',
        channels: 3,
        createdAt: new Date(t0).toISOString(),
      });
      await store.createBatch({ id: 'B1', productId: 'juice', lineId: 'line-1', openedAt: new Date(t0).toISOString() });
    });

    it('stores sites, lines, products and sensors, and upserts keep counters', async () => {
      expect(await store.getSite('site-1')).toEqual({ id: 'site-1', name: 'Plant' });
      expect(await store.getLine('line-1')).toEqual({ id: 'line-1', siteId: 'site-1', name: 'Line 1' });
      expect((await store.listProducts()).map((p) => p.id)).toEqual(['juice']);
      await store.countReadings('S1', 5, 2);
      await store.upsertSensor({
        id: 'S1',
        lineId: 'line-1',
        stage: 'packaging',
        kind: 'MOS',
        channels: 3,
        createdAt: new Date(t0).toISOString(),
      });
      const s = await store.getSensor('S1');
      expect(s).toMatchObject({ stage: 'packaging', channels: 3, acceptedReadings: 5, rejectedReadings: 2 });
      expect(s?.calibration).toBeNull();
      expect(await store.getSensor('nope')).toBeNull();
      expect((await store.listSensors({ lineId: 'line-1' })).length).toBe(1);
      expect(await store.listSensors({ lineId: 'other' })).toEqual([]);
    });

    it('stores calibrations and rejects an unknown sensor', async () => {
      const cal = { offset: [1, 2, 3], scale: [1, 0.5, 2], calibratedAt: new Date(t0).toISOString() };
      await store.setCalibration('S1', cal);
      expect((await store.getSensor('S1'))?.calibration).toEqual(cal);
      await expect(store.setCalibration('nope', cal)).rejects.toMatchObject({ code: 'SCENT_UNKNOWN_SENSOR' });
    });

    it('inserts readings in chunks and reads them back in time order', async () => {
      const rows = Array.from({ length: 23 }, (_, i) => reading(22 - i));
      expect(await store.insertReadings(rows, 5)).toBe(23);
      const back = await store.listReadings({ sensorId: 'S1' });
      expect(back.length).toBe(23);
      expect(back[0]).toEqual(reading(0));
      expect(back.map((r) => r.timestamp)).toEqual(rows.map((r) => r.timestamp).reverse());
      expect(await store.lastReadingTime('S1')).toBe(reading(22).timestamp);
      expect(await store.lastReadingTime('S2')).toBeNull();
      await expect(store.insertReadings(rows, 0)).rejects.toThrow(RangeError);
    });

    it('counts a batch: readings, scored, anomalies and warnings', async () => {
      await store.insertReadings([
        reading(1),
        reading(2, { isAnomaly: false, t2: 1, spe: 1, similarity: 0.9, modelId: 'm' }),
        reading(3, { isAnomaly: true, t2: 50, spe: 9, similarity: 0.2, modelId: 'm', warnings: ['spike'] }),
        reading(4, { isAnomaly: true, t2: 60, spe: 9, similarity: 0.1, modelId: 'm' }),
        reading(5, { batchId: null, isAnomaly: true }),
      ]);
      expect(await store.batchCounts('B1')).toEqual({ readings: 4, scored: 3, anomalies: 2, warnings: 1 });
      expect(await store.batchCounts('B2')).toEqual({ readings: 0, scored: 0, anomalies: 0, warnings: 0 });
    });

    it('updates batches and lists them by status', async () => {
      const assessment = {
        samples: 10,
        anomalies: 1,
        anomalyRate: 0.1,
        quality: 0.9,
        decision: 'additional_testing' as const,
        risk: 'LOW' as const,
        readings: 10,
        warnings: 0,
      };
      const b = await store.updateBatch('B1', {
        status: 'assessed',
        assessment,
        assessedAt: new Date(t0 + 5000).toISOString(),
      });
      expect(b).toMatchObject({ status: 'assessed', assessment, assessedAt: new Date(t0 + 5000).toISOString() });
      expect((await store.listBatches({ status: 'assessed' })).map((x) => x.id)).toEqual(['B1']);
      expect(await store.listBatches({ status: 'open' })).toEqual([]);
      await expect(store.updateBatch('nope', { status: 'released' })).rejects.toMatchObject({
        code: 'SCENT_UNKNOWN_BATCH',
      });
    });

    it('versions fingerprint models per product and sensor', async () => {
      const model = {
        kind: 'GoldenBatchModel' as const,
        version: 1 as const,
        n: 10,
        channels: 3,
        components: 1,
        alpha: 0.01,
        speMethod: 'box' as const,
        mean: [1, 2, 3],
        scale: [1, 1, 1],
        loadings: [0.5, 0.5, 0.7],
        eigenvalues: [2, 0.5, 0.5],
        t2Limit: 7,
        speLimit: 3,
      };
      const base = {
        productId: 'juice',
        sensorId: 'S1',
        channels: 3,
        model,
        training: { samples: 10, batches: ['B1'] },
        createdAt: new Date(t0).toISOString(),
        createdBy: 'tester',
      };
      const v1 = await store.insertModel({ id: 'm1', ...base });
      const v2 = await store.insertModel({ id: 'm2', ...base });
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect((await store.latestModel('juice', 'S1'))?.id).toBe('m2');
      expect(await store.getModel('m1')).toEqual(v1);
      expect(v1.model).toEqual(model);
      expect((await store.listModels({ productId: 'juice' })).map((m) => m.version)).toEqual([1, 2]);
      expect(await store.latestModel('juice', 'S2')).toBeNull();
    });

    it('stores alerts newest first', async () => {
      const a = {
        kind: 'anomaly' as const,
        severity: 'critical' as const,
        sensorId: 'S1',
        lineId: 'line-1',
        batchId: 'B1',
        message: 'T² above limit',
        details: { t2: 40 },
        readingTimestamp: new Date(t0).toISOString(),
        createdAt: new Date(t0).toISOString(),
      };
      await store.insertAlert(a);
      await store.insertAlert({ ...a, kind: 'sensor_health', severity: 'warning', batchId: null });
      const list = await store.listAlerts();
      expect(list.map((x) => x.kind)).toEqual(['sensor_health', 'anomaly']);
      expect(list[1]).toMatchObject(a);
      expect((await store.listAlerts({ batchId: 'B1' })).length).toBe(1);
    });
  });
}
