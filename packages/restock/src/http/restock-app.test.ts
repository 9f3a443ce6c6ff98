import { type FakeProviderServer, startFakeProviderServer } from '@quintessence/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../../../../test/unit/support/test-platform.js';
import { restockModule } from '../module.js';

/** The module mounted in the real server (`buildApp`): platform auth, zod compilers, OpenAPI, metrics. */
describe('restock in the Quintessence app', () => {
  let p: TestPlatform;
  let plannerKey: string;
  let viewerKey: string;
  beforeAll(async () => {
    p = await openTestPlatform({ modules: [restockModule] });
    await restockModule.seedDemo!(p.platform.ctx);
    plannerKey = await p.apiKey(['planner']);
    viewerKey = await p.apiKey(['viewer']);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('serves the seed trigger with an API key and the seed numbers', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/inventory-trigger',
      headers: { 'x-api-key': plannerKey },
      payload: { product_id: 'STEEL_SHEETS', mode: 'mock' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      safety_stock: 57.57,
      reorder_point: 897.57,
      shortage: 747.57,
      recommended_action: 'restock',
    });
    const text = await p.platform.metrics.metrics();
    expect(text).toMatch(/inventory_trigger_total\{mode="mock",status="\w+"\} 1/);
  });

  it('is fail-closed: no credentials → 401, a viewer may read but not trigger', async () => {
    expect(
      (await p.app.inject({ method: 'POST', url: '/inventory-trigger', payload: { product_id: 'STEEL_SHEETS' } }))
        .statusCode,
    ).toBe(401);
    const forbidden = await p.app.inject({
      method: 'POST',
      url: '/inventory-trigger',
      headers: { 'x-api-key': viewerKey },
      payload: { product_id: 'STEEL_SHEETS' },
    });
    expect(forbidden.statusCode).toBe(403);
    const orders = await p.app.inject({ method: 'GET', url: '/orders', headers: { 'x-api-key': viewerKey } });
    expect(orders.statusCode).toBe(200);
    const debug = await p.app.inject({
      method: 'GET',
      url: '/debug/COPPER_WIRE?mode=mock',
      headers: { 'x-api-key': viewerKey },
    });
    expect(debug.json()).toMatchObject({ safety_stock: 17.73, reorder_point: 306.3 });
  });

  it('answers bad input with the platform error envelope', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/inventory-trigger',
      headers: { 'x-api-key': plannerKey },
      payload: { product_id: 'X', mode: 'input', current_stock: 5, demand_history: [1, 2], lead_time_days: 2 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: expect.any(String), request_id: expect.any(String) });
    const unknown = await p.app.inject({
      method: 'POST',
      url: '/inventory-trigger',
      headers: { 'x-api-key': plannerKey },
      payload: { product_id: 'NOPE' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('RESTOCK_UNKNOWN_PRODUCT');
  });

  it('posts stock movements over HTTP: receipt, transfer, 409 envelope on missing stock, 403 for a viewer', async () => {
    const post = (url: string, payload: unknown, key = plannerKey) =>
      p.app.inject({ method: 'POST', url, headers: { 'x-api-key': key }, payload: payload as object });
    const receipt = await post('/stock/receipts', { product_id: 'ALUMINUM_BARS', quantity: 25, reference: 'DN-1' });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json().stock).toMatchObject({ on_hand: 325, inventory_position: 325 });
    const moved = await post('/stock/transfers', {
      product_id: 'RUBBER_SHEETS',
      from_location_id: 'WEST',
      to_location_id: 'MAIN',
      quantity: 100,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().entries.map((e: { kind: string }) => e.kind)).toEqual(['transfer_out', 'transfer_in']);
    const tooMuch = await post('/stock/transfers', {
      product_id: 'RUBBER_SHEETS',
      from_location_id: 'WEST',
      to_location_id: 'MAIN',
      quantity: 10_000,
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({
      code: 'RESTOCK_INSUFFICIENT_STOCK',
      request_id: expect.any(String),
      details: { onHand: 500, requested: 10_000 },
    });
    const noReason = await post('/stock/adjustments', { product_id: 'ALUMINUM_BARS', quantity: -1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toEqual(expect.any(String));
    expect((await post('/stock/receipts', { product_id: 'ALUMINUM_BARS', quantity: 1 }, viewerKey)).statusCode).toBe(
      403,
    );
    const levels = await p.app.inject({
      method: 'GET',
      url: '/stock/RUBBER_SHEETS',
      headers: { 'x-api-key': viewerKey },
    });
    expect(levels.json()).toMatchObject({
      on_hand: 320,
      locations: [{ location_id: 'MAIN' }, { location_id: 'WEST' }],
    });
    const ledger = await p.app.inject({
      method: 'GET',
      url: '/stock/RUBBER_SHEETS/ledger?location_id=WEST',
      headers: { 'x-api-key': viewerKey },
    });
    expect(ledger.json().entries.map((e: { kind: string }) => e.kind)).toEqual(['transfer_out', 'receipt']);
  });

  it('receives an executed purchase order over HTTP, and allocates a budget', async () => {
    const trig = await p.app.inject({
      method: 'POST',
      url: '/inventory-trigger',
      headers: { 'x-api-key': plannerKey },
      payload: { product_id: 'TITANIUM_RODS' },
    });
    const { order, status, recommended_quantity: q } = trig.json();
    expect(status).toBe('executed');
    const received = await p.app.inject({
      method: 'POST',
      url: `/orders/${order.po_number}/receive`,
      headers: { 'x-api-key': plannerKey },
      payload: { quantity: 10 },
    });
    expect(received.statusCode).toBe(200);
    expect(received.json().order).toMatchObject({ status: 'partially_received', received_quantity: 10 });
    expect(received.json().stock).toMatchObject({ on_hand: 55, on_order: q - 10 });
    const over = await p.app.inject({
      method: 'POST',
      url: `/orders/${order.po_number}/receive`,
      headers: { 'x-api-key': plannerKey },
      payload: { quantity: q },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('RESTOCK_OVER_RECEIPT');
    const rest = await p.app.inject({
      method: 'POST',
      url: `/orders/${order.po_number}/receive`,
      headers: { 'x-api-key': plannerKey },
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().order).toMatchObject({ status: 'received', received_quantity: q });
    expect(rest.json().stock).toMatchObject({ on_hand: 45 + q, on_order: 0 });
    const alloc = await p.app.inject({
      method: 'POST',
      url: '/allocations/budget',
      headers: { 'x-api-key': viewerKey },
      payload: { budget: 50_000 },
    });
    expect(alloc.statusCode).toBe(200);
    expect(alloc.json().spent).toBeLessThanOrEqual(50_000);
    const bad = await p.app.inject({
      method: 'POST',
      url: '/allocations/budget',
      headers: { 'x-api-key': viewerKey },
      payload: { budget: 'lots' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: expect.any(String), request_id: expect.any(String) });
  });

  it('documents every restock route in the OpenAPI document with its permission', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of [
      '/inventory-trigger',
      '/inventory-trigger-batch',
      '/debug/{product_id}',
      '/orders',
      '/orders/{id}',
      '/orders/{id}/approve',
      '/orders/{id}/reject',
      '/orders/{id}/receive',
      '/stock/{product_id}',
      '/stock/{product_id}/ledger',
      '/stock/receipts',
      '/stock/issues',
      '/stock/adjustments',
      '/stock/transfers',
      '/allocations/budget',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const restockRoutes = p.routes.filter((r) => /inventory|debug|orders|stock|allocations/.test(r.url));
    expect(restockRoutes.length).toBeGreaterThanOrEqual(15);
    for (const r of restockRoutes) expect(r.permission, r.url).toMatch(/^restock:/);
  });
});

// The agent through the platform's LLM gateway inside the real app; the vendor API is the platform's TEST DOUBLE
// provider server on 127.0.0.1. GET /metrics must show the gateway's llm_calls_total next to the restock metrics.
describe('restock metrics in the app with the LLM gateway configured', () => {
  let p: TestPlatform;
  let server: FakeProviderServer;
  let plannerKey: string;
  beforeAll(async () => {
    server = await startFakeProviderServer();
    p = await openTestPlatform({
      modules: [restockModule],
      overrides: {
        llm: {
          providers: [
            {
              kind: 'openai',
              name: 'fake',
              baseUrl: server.baseUrlFor('openai'),
              apiKey: 'test-key',
              model: 'gpt-test',
              timeoutMs: 2000,
            },
          ],
          retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
        },
      },
    });
    await restockModule.seedDemo!(p.platform.ctx);
    plannerKey = await p.apiKey(['planner']);
  });
  afterAll(async () => {
    await p?.close();
    await server?.close();
  });

  it('exposes llm_calls_total from the gateway and the seed metric names after a trigger', async () => {
    server.enqueue('openai', {
      content: JSON.stringify({ action: 'restock', quantity: 760, confidence: 0.9, reasoning: 'shortage' }),
    });
    const res = await p.app.inject({
      method: 'POST',
      url: '/inventory-trigger',
      headers: { 'x-api-key': plannerKey },
      payload: { product_id: 'STEEL_SHEETS', mode: 'mock' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().reasoning).toContain('LLM proposed restock');
    expect(server.requests('openai')).toHaveLength(1);
    const metrics = await p.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    const text = metrics.body;
    expect(text).toMatch(/^llm_calls_total\{provider="fake",model="gpt-test",status="ok"\} 1$/m);
    expect(text).toMatch(/^llm_duration_seconds_count\{provider="fake"\} 1$/m);
    expect(text).toMatch(/^inventory_trigger_total\{mode="mock",status="(executed|pending_review)"\} 1$/m);
    expect(text).toMatch(
      /^orders_generated_total\{type="purchase_order",execution_status="(executed|pending_review)"\} 1$/m,
    );
    expect(text).toMatch(/^current_safety_stock\{product_id="STEEL_SHEETS"\} 57\.569/m);
    expect(text).toMatch(/^current_reorder_point\{product_id="STEEL_SHEETS"\} 897\.569/m);
    expect(text).toMatch(/^inventory_shortage_total\{product_id="STEEL_SHEETS"\} 1$/m);
    expect(text).toMatch(/^restock_trigger_duration_seconds_count\{mode="mock"\} 1$/m);
    expect(text).toMatch(/^restock_llm_duration_seconds_count\{outcome="ok"\} 1$/m);
    expect(text).not.toContain('restock_llm_calls_total');
  });
});
