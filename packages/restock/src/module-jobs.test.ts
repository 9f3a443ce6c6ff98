import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedJobQueue, type JobRecord, type ModuleContext } from '@quintessence/platform';
import { fakeClock, silentLogger } from '@quintessence/platform/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from './demo-catalog.js';
import { restockModule } from './module.js';
import { createRestockService, type ScanReport } from './service/restock-service.js';
import { openRestockTestContext, planner, type RestockTestContext } from './testing/restock-test-context.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Delivery {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

// The module's background work (webhook delivery, scheduled scan) on the REAL embedded job queue and database,
// with a real HTTP receiver on 127.0.0.1 standing in for the customer's webhook endpoint.
describe('restock jobs on the embedded job queue', () => {
  let h: RestockTestContext;
  let receiver: Server;
  let baseUrl: string;
  const deliveries: Delivery[] = [];
  const answers: number[] = [];
  let queue: EmbeddedJobQueue | undefined;
  let stopModule: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    h = await openRestockTestContext('pglite', { jobsTable: true });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        deliveries.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = answers.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await stopModule?.();
    await queue?.stop();
    stopModule = undefined;
    queue = undefined;
    deliveries.length = 0;
    answers.length = 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await h?.t.close();
  });

  /** Resets the database, starts the module's job handlers on a fresh embedded queue, seeds the demo catalog. */
  async function startModule(restock: Record<string, unknown>) {
    await h.reset({ modules: { restock } });
    const queueClock = fakeClock('2026-11-23T09:00:00.000Z');
    queue = new EmbeddedJobQueue({
      db: h.t.db,
      log: silentLogger,
      clock: queueClock,
      pollIntervalMs: 10,
      stopTimeoutMs: 2000,
    });
    const ctx: ModuleContext = { ...h.ctx, jobs: queue };
    stopModule = (await restockModule.start!(ctx)) ?? undefined;
    await seedDemoCatalog(createRestockService(ctx).store, h.clock.now());
    await queue.start();
    return { ctx, queueClock };
  }

  async function jobIds(name: string): Promise<string[]> {
    const { rows } = await sql<{
      id: string;
    }>`select id from platform_jobs where name = ${name} order by created_at`.execute(h.t.db.kysely);
    return rows.map((r) => r.id);
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const jobIn = (id: string, state: JobRecord['state'], attempts: number) => async () => {
    const job = await queue!.get(id);
    return job?.state === state && job.attempts === attempts ? job : undefined;
  };

  it('delivers the order webhook through the queue: a 500 is retried after the backoff and the retry succeeds', async () => {
    const secret = 'test-webhook-secret-0123456789';
    const { ctx, queueClock } = await startModule({ webhookUrl: `${baseUrl}/hooks/restock`, webhookSecret: secret });
    answers.push(500);
    const trig = await createRestockService(ctx).trigger(
      { product_id: 'STEEL_SHEETS', mode: 'mock' },
      { principal: planner },
    );
    expect(trig.status).toBe('executed');

    const [id] = await waitFor('the webhook job', async () => {
      const ids = await jobIds('restock.webhook');
      return ids.length > 0 ? ids : undefined;
    });
    const failed = await waitFor('the first attempt to fail', jobIn(id!, 'queued', 1));
    expect(failed.error).toContain('answered 500');
    expect(deliveries).toHaveLength(1);
    await sleep(100);
    expect(deliveries).toHaveLength(1); // the retry waits for the backoff (2 s on the queue's clock)

    queueClock.advance(2000);
    const done = await waitFor('the retry to succeed', jobIn(id!, 'completed', 2));
    expect(done.result).toEqual({ status: 200 });
    expect(deliveries).toHaveLength(2);

    for (const d of deliveries) {
      expect(d.path).toBe('/hooks/restock');
      expect(d.headers['content-type']).toBe('application/json');
      expect(d.headers['x-quintessence-event']).toBe('order.executed');
      expect(d.headers['x-quintessence-delivery']).toBe(id);
      const expected = `sha256=${createHmac('sha256', secret).update(d.body).digest('hex')}`;
      expect(d.headers['x-quintessence-signature']).toBe(expected);
    }
    expect(deliveries[1]!.body).toBe(deliveries[0]!.body);
    const payload = JSON.parse(deliveries[0]!.body);
    expect(payload).toMatchObject({
      event: 'order.executed',
      order: {
        id: trig.order!.po_number,
        type: 'purchase_order',
        status: 'executed',
        product_id: 'STEEL_SHEETS',
        quantity: trig.recommended_quantity,
        received_quantity: 0,
        confidence: trig.confidence_score,
      },
    });
    // a tampered body would not match the signature
    const forged = JSON.stringify({ ...payload, order: { ...payload.order, quantity: 1 } });
    expect(`sha256=${createHmac('sha256', secret).update(forged).digest('hex')}`).not.toBe(
      deliveries[0]!.headers['x-quintessence-signature'],
    );
  });

  it('runs the scheduled scan of every SKU as a job and stores its run report', async () => {
    // 0.002 minutes = a 120 ms interval; the idempotency key per interval slot (on the module clock, which stands
    // still here) keeps it to one scan however often the timer fires
    const { ctx } = await startModule({ scanIntervalMinutes: 0.002 });
    const [id] = await waitFor('the scheduled scan job', async () => {
      const ids = await jobIds('restock.scan');
      return ids.length > 0 ? ids : undefined;
    });
    const done = await waitFor('the scan to complete', jobIn(id!, 'completed', 1), 60_000);
    const report = done.result as ScanReport;
    expect(report).toMatchObject({ products: 8, failed: [] });
    expect(report.executed + report.pendingReview + report.noAction).toBe(8);
    expect(report.noAction).toBeGreaterThanOrEqual(1); // BRASS_FITTINGS is above its reorder point
    expect(report.pendingReview).toBeGreaterThanOrEqual(1); // NICKEL_PLATES: falling demand
    const orders = await createRestockService(ctx).listOrders({ limit: 100 });
    expect(orders).toHaveLength(report.executed + report.pendingReview);
    expect(orders.every((o) => o.created_by === 'system')).toBe(true);
    await sleep(300);
    expect(await jobIds('restock.scan')).toEqual([id]);
    const actions = (await h.audit.list({}, { order: 'asc', limit: 200 })).items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toContain('restock.scan.completed');
  });
});
