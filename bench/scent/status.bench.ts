// The sensor status call (`GET /v1/sensors/:id`, `scent status`) on a sensor with many stored readings: its drift
// monitor reduced in SQL (one query, a row per batch and UTC day) against the former path (list up to 20 000 readings,
// reduce them in memory), on embedded PGlite and PostgreSQL.
// Run: npm run bench -- scent/status [--readings=50000] [--runs=5] [--storage=pglite|postgres]
// Needs PostgreSQL on QX_TEST_PG_ADMIN_URL for the postgres rows.
import type { StoredReading } from '../../packages/scent/src/ports.js';
import { setupDemoLine } from '../../packages/scent/src/service/scent-demo.js';
import { createScentService } from '../../packages/scent/src/service/scent-service.js';
import {
  driftBucketsInMemory,
  type SensorDrift,
  sensorDriftFromBuckets,
} from '../../packages/scent/src/service/sensor-drift.js';
import { openScentTestContext } from '../../packages/scent/src/testing/scent-test-context.js';
import { intFlag, printTable } from './simulated-line.js';

const total = intFlag('readings', 50_000);
const runs = intFlag('runs', 5);
const storageArg = process.argv.find((a) => a.startsWith('--storage='))?.slice('--storage='.length);
const kinds = (storageArg ? [storageArg] : ['pglite', 'postgres']) as Array<'pglite' | 'postgres'>;
const sensorId = 'enose-process';
const product = 'orange-juice';
const day = 86_400_000;
const perBatch = 400;
/** One reading every 40 s: 50 000 readings span about 23 days, inside the 30-day calibration. */
const stepMs = 40_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let value = await f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    value = await f();
    times.push(performance.now() - s);
  }
  return { ms: median(times), value };
}

const days = (d: SensorDrift | null) => (d?.daysUntilRecalibration == null ? '—' : d.daysUntilRecalibration.toFixed(2));

async function run(kind: 'pglite' | 'postgres'): Promise<Array<Array<string | number>>> {
  const tc = await openScentTestContext(kind);
  try {
    await tc.reset();
    const scent = createScentService(tc.ctx);
    const line = await setupDemoLine(scent, { startMs: tc.clock.now().getTime(), referenceReadings: 80 });
    const store = scent.store;
    const sensor = (await store.getSensor(sensorId))!;
    const cal = sensor.calibration!;
    const sim = line.simulators.get(sensorId)!;
    const t0 = tc.clock.now().getTime() + 60_000;
    const seedStart = performance.now();
    for (let start = 0, b = 0; start < total; start += perBatch, b++) {
      const batchId = `P${String(b).padStart(4, '0')}`;
      const open = t0 + start * stepMs;
      await store.createBatch({
        id: batchId,
        productId: product,
        lineId: 'demo-line-1',
        openedAt: new Date(open).toISOString(),
      });
      const rows: StoredReading[] = [];
      for (let i = start; i < Math.min(total, start + perBatch); i++) {
        const t = t0 + i * stepMs;
        const raw = sim.sample(product, t).values;
        rows.push({
          sensorId,
          timestamp: new Date(t).toISOString(),
          batchId,
          raw,
          values: raw.map((v, j) => (v - cal.offset[j]!) * cal.scale[j]!),
          qualityScore: 1,
          warnings: [],
          modelId: null,
          t2: null,
          spe: null,
          similarity: null,
          isAnomaly: null,
        });
      }
      await store.insertReadings(rows, 500);
    }
    const seedS = (performance.now() - seedStart) / 1000;
    tc.clock.advance(total * stepMs + 60_000);
    const now = tc.clock.now().getTime();
    const expires = Date.parse(cal.calibratedAt) + 30 * day;
    const since = cal.calibratedAt;
    const former = (limit: number | undefined) => async () => {
      const s = (await store.getSensor(sensorId))!;
      const readings = await store.listReadings({ sensorId, since, ...(limit ? { limit } : {}) });
      const buckets = await driftBucketsInMemory(readings, (id) => store.getBatch(id), s.channels);
      return { rows: readings.length, drift: await sensorDriftFromBuckets(store, s, buckets, now, expires) };
    };
    const sqlPath = async () => {
      const s = (await store.getSensor(sensorId))!;
      const reduced = await store.driftBuckets({ sensorId, channels: s.channels, since });
      return { rows: reduced.buckets.length, drift: await sensorDriftFromBuckets(store, s, reduced, now, expires) };
    };
    const before = await timed(former(20_000));
    const beforeAll = await timed(former(undefined));
    const after = await timed(sqlPath);
    const status = await timed(() => scent.getSensor(sensorId));
    const row = (path: string, r: { ms: number; value: { rows: number; drift: SensorDrift | null } }) => [
      kind,
      path,
      r.value.rows,
      r.value.drift?.readings ?? 0,
      r.value.drift?.points ?? 0,
      days(r.value.drift),
      r.ms.toFixed(1),
    ];
    console.error(`${kind}: seeded ${total} readings in ${seedS.toFixed(1)} s`);
    return [
      row('before: list ≤ 20 000 readings, reduce in memory (former status)', before),
      row('before, uncapped: list all readings, reduce in memory', beforeAll),
      row('after: driftBuckets in SQL, fit (sensorDrift)', after),
      [
        kind,
        'after: full `scent.getSensor` status call',
        '—',
        status.value.drift?.readings ?? 0,
        status.value.drift?.points ?? 0,
        days(status.value.drift ?? null),
        status.ms.toFixed(1),
      ],
    ];
  } finally {
    await tc.t.close();
  }
}

const rows: Array<Array<string | number>> = [];
for (const kind of kinds) rows.push(...(await run(kind)));
console.log(
  `Sensor status drift monitor, ${total} stored readings on one sensor (${perBatch} per batch), median of ${runs} runs`,
);
printTable(['storage', 'path', 'rows read', 'readings used', 'points', 'days until recalibration', 'ms (p50)'], rows);
