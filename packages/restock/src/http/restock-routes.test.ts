import { installErrorEnvelope, type Principal } from '@quintessence/platform';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo-catalog.js';
import { createRestockService } from '../service/restock-service.js';
import { openRestockTestContext, type RestockTestContext } from '../testing/restock-test-context.js';
import { restockRoutes } from './restock-routes.js';

const users: Record<string, Principal> = {
  planner: { kind: 'user', id: 'u-pat', name: 'pat', roles: ['planner'] },
  approver: { kind: 'user', id: 'u-ann', name: 'ann', roles: ['approver'] },
};

/**
 * A minimal Fastify with the platform error envelope. The `x-test-user` header stands in for the platform auth
 * guard (tested in the platform); the route inventory check below asserts every route names a permission.
 */
async function minimalApp(
  h: RestockTestContext,
  routes: Array<{ url: string; permission?: string }>,
): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorEnvelope(app);
  app.decorateRequest('principal', undefined);
  app.addHook('onRoute', (r) => {
    routes.push({ url: r.url, permission: (r.config as { permission?: string } | undefined)?.permission });
  });
  app.addHook('onRequest', async (request) => {
    const user = request.headers['x-test-user'];
    if (typeof user === 'string') request.principal = users[user];
  });
  await app.register(restockRoutes, { ctx: h.ctx });
  await app.ready();
  return app;
}

describe('restock HTTP routes', () => {
  let h: RestockTestContext;
  let app: FastifyInstance;
  const routes: Array<{ url: string; permission?: string }> = [];
  beforeAll(async () => {
    h = await openRestockTestContext('pglite');
  });
  afterAll(async () => {
    await app?.close();
    await h?.t.close();
  });
  beforeEach(async () => {
    await app?.close();
    await h.reset({ modules: { restock: { confidenceThreshold: 0.99 } } });
    await seedDemoCatalog(createRestockService(h.ctx).store, h.clock.now());
    routes.length = 0;
    app = await minimalApp(h, routes);
  });

  const post = (url: string, payload: unknown, user = 'planner', headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: { 'x-test-user': user, ...headers } });
  const get = (url: string, user = 'planner') => app.inject({ method: 'GET', url, headers: { 'x-test-user': user } });

  it('declares a permission on every route', () => {
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const r of routes.filter((x) => !x.url.includes('*'))) expect(r.permission, r.url).toMatch(/^restock:/);
  });

  it('POST /inventory-trigger keeps the seed contract', async () => {
    const res = await post('/inventory-trigger', { product_id: 'STEEL_SHEETS', mode: 'mock' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      safety_stock: 57.57,
      reorder_point: 897.57,
      current_stock: 150,
      shortage: 747.57,
      recommended_action: 'restock',
      status: 'pending_review',
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'status',
        'safety_stock',
        'reorder_point',
        'current_stock',
        'shortage',
        'recommended_action',
        'recommended_quantity',
        'confidence_score',
        'order',
        'reasoning',
      ].sort(),
    );
    expect(body.order).toMatchObject({ type: 'purchase_order', po_number: expect.stringMatching(/^PO-\d{8}-\d{4}$/) });
    const none = (await post('/inventory-trigger', { product_id: 'BRASS_FITTINGS' })).json();
    expect(none).toMatchObject({
      recommended_action: 'none',
      recommended_quantity: 0,
      confidence_score: 1,
      order: null,
    });
  });

  it('answers bad input with a 4xx error envelope', async () => {
    const cases: Array<[unknown, number]> = [
      [{ product_id: 'NOPE' }, 404],
      [{ product_id: 'X', mode: 'input', current_stock: -1, demand_history: [1, 2, 3], lead_time_days: 1 }, 400],
      [{ product_id: 'X', mode: 'input', current_stock: 1, demand_history: [1, 2], lead_time_days: 1 }, 400],
      [
        {
          product_id: 'X',
          mode: 'input',
          current_stock: 1,
          demand_history: [1, 2, 3],
          lead_time_days: 1,
          service_level: 0.3,
        },
        400,
      ],
      [{ product_id: 'X', mode: 'input', current_stock: 1 }, 400],
    ];
    for (const [payload, status] of cases) {
      const res = await post('/inventory-trigger', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await get('/orders')).json().orders).toEqual([]);
  });

  it('GET /debug/:product_id shows the calculation', async () => {
    const res = await get('/debug/TITANIUM_RODS?mode=mock');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ safety_stock: 23.03, reorder_point: 247.03, would_trigger: true });
    expect((await get('/debug/NOPE')).statusCode).toBe(404);
  });

  it('runs the review queue end to end: trigger → list → approve with e-signature / reject with reason', async () => {
    const key = { 'idempotency-key': 'abc-1' };
    const first = (await post('/inventory-trigger', { product_id: 'STEEL_SHEETS' }, 'planner', key)).json();
    const again = (await post('/inventory-trigger', { product_id: 'STEEL_SHEETS' }, 'planner', key)).json();
    expect(again.order.po_number).toBe(first.order.po_number);
    const second = (await post('/inventory-trigger', { product_id: 'COPPER_WIRE' })).json();
    const pending = (await get('/orders?status=pending_review')).json().orders;
    expect(pending.map((o: { id: string }) => o.id).sort()).toEqual(
      [first.order.po_number, second.order.po_number].sort(),
    );
    const one = await get(`/orders/${first.order.po_number}`);
    expect(one.json().decision.stock.safetyStock).toBeCloseTo(57.57, 2);
    const noPassword = await post(`/orders/${first.order.po_number}/approve`, {}, 'approver');
    expect(noPassword.statusCode).toBe(400);
    const wrong = await post(`/orders/${first.order.po_number}/approve`, { password: 'nope-nope' }, 'approver');
    expect(wrong.statusCode).toBe(401);
    const ok = await post(`/orders/${first.order.po_number}/approve`, { password: 'approver-password-1' }, 'approver');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decided_by: 'ann', signature_id: expect.any(String) });
    expect(
      (await post(`/orders/${first.order.po_number}/approve`, { password: 'approver-password-1' }, 'approver'))
        .statusCode,
    ).toBe(409);
    expect((await post(`/orders/${second.order.po_number}/reject`, {}, 'approver')).statusCode).toBe(400);
    const rejected = await post(`/orders/${second.order.po_number}/reject`, { reason: 'supplier strike' }, 'approver');
    expect(rejected.json()).toMatchObject({ status: 'rejected', decision_reason: 'supplier strike' });
    expect((await get('/orders/PO-20000101-0001')).statusCode).toBe(404);
    expect(await h.audit.verify()).toMatchObject({ ok: true });
  });

  it('POST /inventory-trigger-batch handles up to 100 products, each on its own', async () => {
    const res = await post('/inventory-trigger-batch', {
      items: [{ product_id: 'ALUMINUM_BARS' }, { product_id: 'NOPE' }, { product_id: 'X', mode: 'input' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, false]);
    const tooMany = await post('/inventory-trigger-batch', {
      items: Array.from({ length: 101 }, () => ({ product_id: 'STEEL_SHEETS' })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('RESTOCK_BATCH_TOO_LARGE');
  });
});
