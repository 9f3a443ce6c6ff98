import { beforeEach, describe, expect, it } from 'vitest';
import type { FingerprintModel, ScentStore, StoredReading } from '../ports.js';
import { useScentTestStore } from '../testing/scent-test-store.js';

const t0 = Date.parse('2026-11-23T08:00:00Z');

function reading(i: number, batchId: string | null = 'B1'): StoredReading {
  return {
    sensorId: 'S1',
    timestamp: new Date(t0 + i * 1000).toISOString(),
    batchId,
    raw: [i, 1, 2],
    values: [i, 0.5, 1],
    qualityScore: 1,
    warnings: [],
    modelId: null,
    t2: null,
    spe: null,
    similarity: null,
    isAnomaly: null,
  };
}

const model = (id: string, productId: string, sensorId = 'S1'): Omit<FingerprintModel, 'version'> => ({
  id,
  productId,
  sensorId,
  channels: 3,
  model: { marker: id } as unknown as FingerprintModel['model'],
  training: { samples: 20, batches: ['B1'] },
  createdAt: new Date(t0).toISOString(),
  createdBy: 'test',
});

/** The one-statement read and write of the ingestion pipeline on every backend. */
export function describeScentStoreIngest(kind: 'pglite' | 'postgres'): void {
  describe(`ScentStore ingestion statements on ${kind}`, () => {
    const db = useScentTestStore(kind);
    let store: ScentStore;
    beforeEach(async () => {
      store = db.store;
      for (const id of ['juice', 'tea', 'beer']) await store.upsertProduct({ id, name: id, description: null });
      for (const id of ['S1', 'S2'])
        await store.upsertSensor({
          id,
          lineId: 'line-1',
          stage: 'process',
          kind: 'MOS',
          channels: 3,
          createdAt: new Date(t0).toISOString(),
        });
      const openedAt = new Date(t0).toISOString();
      await store.createBatch({ id: 'B1', productId: 'juice', lineId: 'line-1', openedAt });
      await store.createBatch({ id: 'B2', productId: 'tea', lineId: 'line-1', openedAt });
      await store.createBatch({ id: 'B3', productId: 'beer', lineId: 'line-1', openedAt });
    });

    it('reads the sensor, the named batches and the newest model of their products for that sensor', async () => {
      await store.setCalibration('S1', {
        offset: [1, 2, 3],
        scale: [1, 1, 2],
        calibratedAt: new Date(t0).toISOString(),
      });
      await store.insertModel(model('m-juice-1', 'juice'));
      await store.insertModel(model('m-juice-2', 'juice'));
      await store.insertModel(model('m-tea-1', 'tea'));
      await store.insertModel(model('m-tea-S2', 'tea', 'S2'));
      await store.insertModel(model('m-beer-1', 'beer')); // B3 is not named below
      await store.updateBatch('B2', { status: 'released' });
      const c = await store.ingestContext('S1', ['B1', 'B2', 'B1', 'NOPE']);
      expect(c!.sensor).toEqual(await store.getSensor('S1'));
      expect(c!.batches.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        await store.getBatch('B1'),
        await store.getBatch('B2'),
      ]);
      expect(c!.models.sort((a, b) => a.productId.localeCompare(b.productId))).toEqual([
        { id: 'm-juice-2', productId: 'juice', version: 2, channels: 3 },
        { id: 'm-tea-1', productId: 'tea', version: 1, channels: 3 },
      ]);
      expect(await store.ingestContext('S1', [])).toEqual({
        sensor: await store.getSensor('S1'),
        batches: [],
        models: [],
      });
      expect(await store.ingestContext('NOPE', ['B1'])).toBeNull();
      expect(await store.ingestContext('NOPE', [])).toBeNull();
    });

    it('stores readings over chunk boundaries and adds accepted and rejected to the counters', async () => {
      const rows = Array.from({ length: 23 }, (_, i) => reading(i, i % 2 === 0 ? 'B1' : null));
      expect(await store.storeIngested('S1', rows, 4, 5)).toBe(23);
      const stored = await store.listReadings({ sensorId: 'S1' });
      expect(stored.map((r) => r.timestamp)).toEqual(rows.map((r) => r.timestamp));
      expect(stored[22]).toEqual(rows[22]);
      expect(
        await store.storeIngested(
          'S1',
          rows.slice(0, 3).map((r, i) => reading(100 + i, r.batchId)),
          0,
        ),
      ).toBe(3);
      expect(await store.storeIngested('S1', [], 2)).toBe(0);
      expect(await store.storeIngested('S1', [], 0)).toBe(0);
      const s1 = (await store.getSensor('S1'))!;
      expect([s1.acceptedReadings, s1.rejectedReadings]).toEqual([26, 6]);
      const s2 = (await store.getSensor('S2'))!;
      expect([s2.acceptedReadings, s2.rejectedReadings]).toEqual([0, 0]);
      expect((await store.listReadings({ sensorId: 'S1' })).length).toBe(26);
      await expect(store.storeIngested('S1', rows, 0, 0)).rejects.toThrow(RangeError);
    });
  });
}
