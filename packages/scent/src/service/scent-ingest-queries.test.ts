import type { Database } from '@quintessence/platform';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openScentTestContext, operator, type ScentTestContext } from '../testing/scent-test-context.js';
import { demoProduct, setupDemoLine } from './scent-demo.js';
import { createScentService, type ScentService } from './scent-service.js';

/** Counts the SQL statements a service sends (BEGIN/COMMIT of a transaction are not statements of the query builder). */
function countingDatabase(db: Database): { db: Database; queries: () => number; reset: () => void } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs) {
      n++;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      return args.result;
    },
  };
  const kysely = db.kysely.withPlugin(plugin);
  const counted: Database = {
    kind: db.kind,
    kysely,
    as: () => kysely as never,
    ping: () => db.ping(),
    annotateLock: (url) => db.annotateLock(url),
    close: () => db.close(),
  };
  return { db: counted, queries: () => n, reset: () => (n = 0) };
}

describe('ScentService.ingest store round trips and freshness of what it reads (PGlite)', () => {
  let tc: ScentTestContext;
  let scent: ScentService;
  let counter: ReturnType<typeof countingDatabase>;
  let start: number;
  const sensor = 'enose-process';
  beforeAll(async () => {
    tc = await openScentTestContext('pglite');
  });
  afterAll(async () => {
    await tc?.t.close();
  });
  beforeEach(async () => {
    await tc.reset();
    counter = countingDatabase(tc.ctx.db);
    scent = createScentService({ ...tc.ctx, db: counter.db });
    start = tc.clock.now().getTime();
  });

  async function setup() {
    const line = await setupDemoLine(scent, { startMs: start, referenceReadings: 40 });
    await scent.openBatch({ id: 'B1', productId: demoProduct, lineId: 'demo-line-1' }, { principal: operator });
    const sim = line.simulators.get(sensor)!;
    let i = 0;
    const next = () => {
      i++;
      const t = start + i * 1000;
      return { timestamp: new Date(t).toISOString(), values: sim.sample(demoProduct, t).values };
    };
    return { line, next };
  }

  it('sends two statements for one scored reading: one read of sensor, batch and newest model; one write', async () => {
    const { next } = await setup();
    await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]); // warms the validator and model
    counter.reset();
    const r = await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]);
    expect(r.results[0]!.status).toBe('stored');
    expect(r.results[0]!.score).not.toBeNull();
    expect(counter.queries()).toBe(2);
    // the write stored the reading and counted it in the same statement
    expect((await scent.store.listReadings({ batchId: 'B1' })).length).toBe(2);
    expect((await scent.store.getSensor(sensor))!.acceptedReadings).toBe(42);
    // a call whose readings are all rejected still counts them (one write)
    counter.reset();
    const bad = await scent.ingest(sensor, [{ ...next(), values: [1, 2], metadata: { batch_id: 'B1' } }]);
    expect(bad.rejected).toBe(1);
    expect(counter.queries()).toBe(2);
    expect((await scent.store.getSensor(sensor))!.rejectedReadings).toBe(1);
  });

  it('scores the next reading with a model retrained after the previous ingest', async () => {
    const { line, next } = await setup();
    const first = await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]);
    expect(first.results[0]!.score!.model_id).toBe(line.models.get(sensor));
    const batches = (await scent.store.listBatches()).filter((b) => b.id.startsWith('REF-')).map((b) => b.id);
    const retrained = await scent.trainFingerprint(
      { productId: demoProduct, sensorId: sensor, batchIds: batches, components: 2 },
      { principal: operator },
    );
    expect(retrained.id).not.toBe(line.models.get(sensor));
    const second = await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]);
    expect(second.results[0]!.score!.model_id).toBe(retrained.id);
  });

  it('applies a recalibration made after the previous ingest, also when another service instance made it', async () => {
    const { next } = await setup();
    await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]);
    const other = createScentService(tc.ctx); // e.g. the CLI in another process, same database
    const offset = Array.from({ length: 8 }, (_, j) => 0.01 * (j + 1));
    const scale = Array.from({ length: 8 }, (_, j) => 2 + j);
    await other.calibrate(sensor, { offset, scale }, 'oscar');
    const reading = next();
    await scent.ingest(sensor, [{ ...reading, metadata: { batch_id: 'B1' } }]);
    const stored = (await scent.store.listReadings({ batchId: 'B1' })).at(-1)!;
    expect(stored.timestamp).toBe(reading.timestamp);
    expect(stored.values).toEqual(reading.values.map((v, j) => (v - offset[j]!) * scale[j]!));
  });

  it('refuses readings for a batch closed after the previous ingest (released elsewhere)', async () => {
    const { next } = await setup();
    const ok = await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]);
    expect(ok.accepted).toBe(1);
    await createScentService(tc.ctx).store.updateBatch('B1', { status: 'rejected' });
    const r = await scent.ingest(sensor, [{ ...next(), metadata: { batch_id: 'B1' } }]);
    expect(r.results[0]!.status).toBe('rejected');
    expect(r.results[0]!.errors.join()).toMatch(/is rejected and takes no more readings/);
  });
});
