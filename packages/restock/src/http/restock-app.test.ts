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
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const restockRoutes = p.routes.filter((r) => /inventory|debug|orders/.test(r.url));
    expect(restockRoutes.length).toBeGreaterThanOrEqual(7);
    for (const r of restockRoutes) expect(r.permission, r.url).toMatch(/^restock:/);
  });
});
