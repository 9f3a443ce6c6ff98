import { beforeEach, describe, expect, it } from 'vitest';
import { GoldenBatchModel } from '../domain/mspc/golden-batch-model.js';
import { LineSimulator } from '../domain/simulation/line-simulator.js';
import { seededRng } from '../domain/simulation/rng.js';
import type { DriftBuckets, ScentStore, Sensor, StoredReading } from '../ports.js';
import { driftBucketsInMemory, sensorDrift, sensorDriftFromBuckets } from '../service/sensor-drift.js';
import { useScentTestStore } from '../testing/scent-test-store.js';

const day = 86_400_000;
const channels = 8;
// 22:00 UTC: batches of the seeded line run across midnight, so a batch spans two buckets
const t0 = Date.parse('2026-11-02T22:00:00.000Z');
const calibratedAt = new Date(t0 + day).toISOString();

function stored(
  sensorId: string,
  t: number,
  batchId: string | null,
  values: readonly number[],
  warnings: string[] = [],
) {
  return {
    sensorId,
    timestamp: new Date(t).toISOString(),
    batchId,
    raw: values,
    values,
    qualityScore: 1,
    warnings,
    modelId: null,
    t2: null,
    spe: null,
    similarity: null,
    isAnomaly: null,
  } satisfies StoredReading;
}

function expectSameBuckets(fromSql: DriftBuckets, inMemory: DriftBuckets, p: number): void {
  expect(fromSql.firstReadingAt).toBe(inMemory.firstReadingAt);
  const key = ({ batchId, productId, day, medianTimeMs, firstTimeMs, readings }: DriftBuckets['buckets'][number]) => ({
    batchId,
    productId,
    day,
    medianTimeMs,
    firstTimeMs,
    readings,
  });
  expect(fromSql.buckets.map(key)).toEqual(inMemory.buckets.map(key));
  fromSql.buckets.forEach((b, i) => {
    const m = inMemory.buckets[i]!.medians;
    expect(b.medians).toHaveLength(p);
    // the same two middle doubles averaged the same way: identical
    expect(b.medians).toEqual(m);
  });
}

/**
 * The drift monitor's SQL reduction (`driftBuckets`) against the in-memory reduction it replaced, on a seeded
 * simulated line (PGlite in unit tests, PostgreSQL in integration tests).
 */
export function describeScentStoreDrift(kind: 'pglite' | 'postgres'): void {
  describe(`ScentStore drift buckets on ${kind}`, () => {
    const db = useScentTestStore(kind);
    let store: ScentStore;
    let sensor: Sensor;
    let readings: number;
    beforeEach(async () => {
      store = db.store;
      for (const id of ['orange-juice', 'lager-beer']) await store.upsertProduct({ id, name: id, description: null });
      for (const id of ['S1', 'S2']) {
        await store.upsertSensor({
          id,
          lineId: 'line-1',
          stage: 'process',
          kind: 'MOS',
          channels,
          createdAt: new Date(t0).toISOString(),
        });
      }
      const sim = new LineSimulator({ channels, rng: seededRng(20_261_203) });
      const rng = seededRng(42);
      const rows: StoredReading[] = [];
      // a golden model per product from readings before the calibration
      for (const product of ['orange-juice', 'lager-beer']) {
        const ref = Array.from({ length: 60 }, (_, i) => sim.sample(product, t0 + i * 180_000).values);
        await store.insertModel({
          id: `m-${product}`,
          productId: product,
          sensorId: 'S1',
          channels,
          model: GoldenBatchModel.fit(ref, { alpha: 0.01 }).toJSON(),
          training: { samples: ref.length, batches: [] },
          createdAt: new Date(t0).toISOString(),
          createdBy: 'test',
        });
      }
      // 9 batches, one every ~20 h, each 60-140 readings 2 min apart (some crossing midnight), alternating products
      for (let b = 0; b < 9; b++) {
        const id = `B${b}`;
        const product = b % 3 === 2 ? 'lager-beer' : 'orange-juice';
        const start = t0 + day + b * 20 * 3_600_000 + Math.floor(rng.next() * 1000);
        await store.createBatch({ id, productId: product, lineId: 'line-1', openedAt: new Date(start).toISOString() });
        const n = 60 + Math.floor(rng.next() * 80);
        for (let i = 0; i < n; i++) {
          const ts = start + i * 120_000 + Math.floor(rng.next() * 500);
          const values = sim.sample(product, ts).values;
          const u = rng.next();
          if (u < 0.05) rows.push(stored('S1', ts, id, values, ['spike']));
          else if (u < 0.08) rows.push(stored('S1', ts, id, values.slice(1)));
          else if (u < 0.1) rows.push(stored('S1', ts, null, values));
          else if (u < 0.13) rows.push(stored('S2', ts, id, values));
          else rows.push(stored('S1', ts, id, values));
          // a second reading at the same instant now and then (ties in the time median)
          if (u > 0.97) rows.push(stored('S1', ts, id, sim.sample(product, ts).values));
        }
        if (b === 4) await store.updateBatch(id, { status: 'rejected' });
        if (b === 6) await store.updateBatch(id, { status: 'released' });
      }
      // readings of an earlier batch before the calibration
      await store.createBatch({
        id: 'B-old',
        productId: 'orange-juice',
        lineId: 'line-1',
        openedAt: new Date(t0).toISOString(),
      });
      for (let i = 0; i < 30; i++)
        rows.push(stored('S1', t0 + i * 60_000, 'B-old', sim.sample('orange-juice', t0).values));
      rows.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
      readings = await store.insertReadings(rows, 500);
      await store.setCalibration('S1', {
        offset: new Array(channels).fill(1),
        scale: new Array(channels).fill(1),
        calibratedAt,
      });
      sensor = (await store.getSensor('S1'))!;
    });

    it('reduces the readings to the same per-batch-and-day medians as the in-memory reduction', async () => {
      expect(readings).toBeGreaterThan(600);
      for (const since of [calibratedAt, undefined]) {
        const fromSql = await store.driftBuckets({ sensorId: 'S1', channels, ...(since ? { since } : {}) });
        const all = await store.listReadings({ sensorId: 'S1', ...(since ? { since } : {}) });
        const inMemory = await driftBucketsInMemory(all, (id) => store.getBatch(id), channels);
        expectSameBuckets(fromSql, inMemory, channels);
        // more buckets than batches (midnight crossings), none of the rejected batch, the old batch only without since
        const ids = new Set(fromSql.buckets.map((b) => b.batchId));
        expect(fromSql.buckets.length).toBeGreaterThan(ids.size);
        expect(ids.has('B4')).toBe(false);
        expect(ids.has('B-old')).toBe(since === undefined);
        // both odd and even bucket sizes (the even ones take the mean of the two middle values)
        expect(new Set(fromSql.buckets.map((b) => b.readings % 2)).size).toBe(2);
      }
      expect(await store.driftBuckets({ sensorId: 'nope', channels })).toEqual({ firstReadingAt: null, buckets: [] });
      // the readings with a channel missing form their own buckets when 7 channels are asked for
      const seven = await store.driftBuckets({ sensorId: 'S1', channels: 7, since: calibratedAt });
      const all = await store.listReadings({ sensorId: 'S1', since: calibratedAt });
      expectSameBuckets(seven, await driftBucketsInMemory(all, (id) => store.getBatch(id), 7), 7);
      expect(seven.buckets.reduce((n, b) => n + b.readings, 0)).toBeLessThan(0.1 * readings);
      await expect(store.driftBuckets({ sensorId: 'S1', channels: 0 })).rejects.toThrow(RangeError);
    });

    it("gives the status call's drift report the in-memory path gave", async () => {
      const now = t0 + 12 * day;
      const expires = Date.parse(calibratedAt) + 30 * day;
      const fromSql = await sensorDrift(store, sensor, now, expires);
      const all = await store.listReadings({ sensorId: 'S1', since: calibratedAt });
      const inMemory = await sensorDriftFromBuckets(
        store,
        sensor,
        await driftBucketsInMemory(all, (id) => store.getBatch(id), channels),
        now,
        expires,
      );
      expect(fromSql?.state).toBe('ok');
      expect(fromSql!.channels).toHaveLength(channels);
      // the same buckets in the same order: the same report, to the last bit
      expect(fromSql).toEqual(inMemory);
    });
  });
}
