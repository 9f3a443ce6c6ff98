import type { LlmGateway, LlmObjectRequest, LlmObjectResult } from '@quintessence/platform';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo-catalog.js';
import { openRestockTestContext, planner, type RestockTestContext } from '../testing/restock-test-context.js';
import { createRestockService, type RestockService } from './restock-service.js';

const meta = { principal: planner, requestId: 'req-1' };
const approver = { principal: { kind: 'user' as const, id: 'u-ann', name: 'ann', roles: ['approver' as const] } };

/** TEST DOUBLE for the LLM gateway port: returns a scripted proposal and records the requests. */
function scriptedLlm(value: unknown): LlmGateway & { requests: LlmObjectRequest<unknown>[] } {
  const requests: LlmObjectRequest<unknown>[] = [];
  return {
    available: true,
    requests,
    async generateObject<T>(request: LlmObjectRequest<T>): Promise<LlmObjectResult<T>> {
      requests.push(request as LlmObjectRequest<unknown>);
      const parsed = request.schema.safeParse(value);
      if (!parsed.success) return { ok: false, code: 'LLM_INVALID_OUTPUT', message: 'schema', attempts: [] };
      return { ok: true, value: parsed.data, provider: 'scripted', model: 'scripted', cached: false };
    },
  };
}

/** The service suite; this file runs it on PGlite, `restock-service.int.test.ts` on PostgreSQL. */
export function describeRestockService(kind: 'pglite' | 'postgres'): void {
  describe(`RestockService on ${kind}`, () => {
    let h: RestockTestContext;
    let service: RestockService;
    beforeAll(async () => {
      h = await openRestockTestContext(kind);
    });
    afterAll(async () => {
      await h?.t.close();
    });
    async function fresh(options: Parameters<RestockTestContext['reset']>[0] = {}) {
      await h.reset(options);
      service = createRestockService(h.ctx);
      await seedDemoCatalog(service.store, h.clock.now());
    }
    beforeEach(() => fresh({ modules: { restock: { webhookUrl: 'https://hooks.example.test/restock' } } }));

    it('reproduces the seed numbers in mock mode from the catalog', async () => {
      const steel = await service.trigger({ product_id: 'STEEL_SHEETS', mode: 'mock' }, meta);
      expect(steel).toMatchObject({
        safety_stock: 57.57,
        reorder_point: 897.57,
        current_stock: 150,
        shortage: 747.57,
        recommended_action: 'restock',
      });
      expect(steel.order?.po_number).toMatch(/^PO-20261123-\d{4}$/);
      expect(steel.reasoning).toContain('897.57');
      const cu = await service.trigger({ product_id: 'COPPER_WIRE' }, meta);
      expect([cu.safety_stock, cu.reorder_point]).toEqual([17.73, 306.3]);
      const ti = await service.trigger({ product_id: 'TITANIUM_RODS' }, meta);
      expect([ti.safety_stock, ti.reorder_point]).toEqual([23.03, 247.03]);
    });

    it('returns none, 0 and confidence 1 above the reorder point, with no order', async () => {
      const r = await service.trigger({ product_id: 'BRASS_FITTINGS' }, meta);
      expect(r).toMatchObject({
        status: 'executed',
        recommended_action: 'none',
        recommended_quantity: 0,
        confidence_score: 1,
        order: null,
      });
      expect(await service.listOrders()).toEqual([]);
    });

    it('routes by the confidence threshold and stores pending orders for review', async () => {
      await fresh({ modules: { restock: { confidenceThreshold: 0.99 } } });
      const r = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(r.status).toBe('pending_review');
      const stored = await service.getOrder(r.order!.po_number);
      expect(stored.status).toBe('pending_review');
      expect(stored.quantity).toBe(r.recommended_quantity);
      await fresh({ modules: { restock: { confidenceThreshold: 0 } } });
      expect((await service.trigger({ product_id: 'STEEL_SHEETS' }, meta)).status).toBe('executed');
    });

    it('approves with an electronic signature and audit events; rejection needs a reason', async () => {
      await fresh({
        modules: { restock: { confidenceThreshold: 0.99, webhookUrl: 'https://hooks.example.test/restock' } },
      });
      const a = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      const b = await service.trigger({ product_id: 'COPPER_WIRE' }, meta);
      await expect(service.approve(a.order!.po_number, { password: 'wrong-password' }, approver)).rejects.toMatchObject(
        {
          code: 'INVALID_CREDENTIALS',
        },
      );
      const approved = await service.approve(
        a.order!.po_number,
        { password: 'approver-password-1', reason: 'checked with supplier' },
        approver,
      );
      expect(approved.status).toBe('approved');
      expect(approved.signature_id).toBeTruthy();
      const sigs = await h.ctx.esign.listFor('restock.order', a.order!.po_number);
      expect(sigs.map((s) => [s.meaning, s.signerUsername])).toEqual([['approved', 'ann']]);
      await expect(
        service.approve(a.order!.po_number, { password: 'approver-password-1' }, approver),
      ).rejects.toMatchObject({ code: 'RESTOCK_ORDER_NOT_PENDING' });
      await expect(service.reject(b.order!.po_number, { reason: '  ' }, approver)).rejects.toMatchObject({
        code: 'RESTOCK_REASON_REQUIRED',
      });
      const rejected = await service.reject(
        b.order!.po_number,
        { reason: 'demand is moving to the new alloy' },
        approver,
      );
      expect(rejected.status).toBe('rejected');
      expect(rejected.decision_reason).toBe('demand is moving to the new alloy');
      const actions = (await h.audit.list({}, { order: 'asc', limit: 100 })).items.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['restock.order.pending_review', 'restock.order.approved', 'restock.order.rejected']),
      );
      expect(await h.audit.verify()).toMatchObject({ ok: true });
      expect(h.jobs.enqueued.map((j) => (j.payload as { event: string }).event)).toEqual([
        'order.pending_review',
        'order.pending_review',
        'order.approved',
        'order.rejected',
      ]);
      await expect(service.getOrder('PO-19990101-0001')).rejects.toMatchObject({ code: 'RESTOCK_ORDER_NOT_FOUND' });
    });

    it('transfers from the west warehouse when it has surplus (RUBBER_SHEETS)', async () => {
      const r = await service.trigger({ product_id: 'RUBBER_SHEETS' }, meta);
      expect(r.recommended_action).toBe('transfer');
      expect(r.order?.po_number).toMatch(/^TR-20261123-0001$/);
      expect(r.order?.items[0]?.from_location).toBe('WEST');
    });

    it('counts open orders in the inventory position: a second trigger after an executed order does nothing', async () => {
      await fresh({ modules: { restock: { confidenceThreshold: 0 } } });
      const first = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(first.status).toBe('executed');
      const second = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(second.recommended_action).toBe('none');
      expect(second.current_stock).toBe(150 + first.recommended_quantity);
    });

    it('replays an idempotent trigger and refuses a reused key with a different body', async () => {
      const a = await service.trigger({ product_id: 'STEEL_SHEETS' }, { ...meta, idempotencyKey: 'k-1' });
      const b = await service.trigger({ product_id: 'STEEL_SHEETS' }, { ...meta, idempotencyKey: 'k-1' });
      expect(b).toEqual(a);
      expect(await service.listOrders()).toHaveLength(1);
      await expect(
        service.trigger({ product_id: 'COPPER_WIRE' }, { ...meta, idempotencyKey: 'k-1' }),
      ).rejects.toMatchObject({ code: 'RESTOCK_IDEMPOTENCY_CONFLICT' });
    });

    it('rejects bad input with clear codes and writes nothing', async () => {
      const bad: Array<[unknown, string]> = [
        [{ product_id: 'NOPE' }, 'RESTOCK_UNKNOWN_PRODUCT'],
        [
          { product_id: 'X', mode: 'input', current_stock: -1, demand_history: [1, 2, 3], lead_time_days: 2 },
          'RESTOCK_INVALID_INPUT',
        ],
        [
          { product_id: 'X', mode: 'input', current_stock: 1, demand_history: [1, 2], lead_time_days: 2 },
          'RESTOCK_INVALID_INPUT',
        ],
        [
          {
            product_id: 'X',
            mode: 'input',
            current_stock: 1,
            demand_history: [1, 2, 3],
            lead_time_days: 2,
            service_level: 0.999,
          },
          'RESTOCK_INVALID_INPUT',
        ],
        [{ product_id: 'X', mode: 'input', demand_history: [1, 2, 3] }, 'RESTOCK_INVALID_INPUT'],
      ];
      for (const [body, code] of bad) await expect(service.trigger(body, meta)).rejects.toMatchObject({ code });
      expect(await service.listOrders()).toEqual([]);
    });

    it('works in input mode for a product outside the catalog', async () => {
      const r = await service.trigger(
        {
          product_id: 'NEW_SKU',
          mode: 'input',
          current_stock: 10,
          demand_history: [5, 6, 7, 6],
          lead_time_days: 3,
          unit_price: 2,
        },
        meta,
      );
      expect(r.recommended_action).toBe('restock');
      expect(r.order?.items[0]).toMatchObject({ product_id: 'NEW_SKU', unit_price: 2 });
    });

    it('asks the LLM through the gateway port, validates its answer and lowers confidence on disagreement', async () => {
      const agreeing = scriptedLlm({ action: 'restock', quantity: 748, confidence: 0.9, reasoning: 'crisis' });
      await fresh({ llm: agreeing });
      const withAgreement = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(agreeing.requests).toHaveLength(1);
      expect(agreeing.requests[0]!.purpose).toBe('restock.proposal');
      expect(agreeing.requests[0]!.data).toMatchObject({ product_id: 'STEEL_SHEETS', reorder_point: 897.57 });
      const disagreeing = scriptedLlm({ action: 'none', quantity: 0, confidence: 1, reasoning: 'demand falling' });
      await fresh({ llm: disagreeing });
      const withDisagreement = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(withDisagreement.confidence_score).toBeLessThan(withAgreement.confidence_score);
      expect(withDisagreement.recommended_action).toBe('restock');
      expect(withDisagreement.reasoning).toContain('LLM proposed none');
      const invalid = scriptedLlm({ action: 'panic', quantity: -5 });
      await fresh({ llm: invalid });
      const fallback = await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(fallback.reasoning).not.toContain('LLM proposed');
      const text = await h.ctx.metrics.metrics();
      expect(text).toContain('restock_llm_duration_seconds_count{outcome="invalid"} 1');
    });

    it('exposes the seed metrics', async () => {
      await service.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      await service.trigger({ product_id: 'BRASS_FITTINGS' }, meta);
      const text = await h.ctx.metrics.metrics();
      expect(text).toMatch(/inventory_trigger_total\{mode="mock",status="executed"\} [12]\n/);
      expect(text).toMatch(/current_safety_stock\{product_id="STEEL_SHEETS"\} 57.569/);
      expect(text).toMatch(/current_reorder_point\{product_id="STEEL_SHEETS"\} 897.569/);
      expect(text).toContain('inventory_shortage_total{product_id="STEEL_SHEETS"} 1');
      expect(text).toMatch(/orders_generated_total\{type="purchase_order",execution_status="\w+"\} 1/);
      expect(text).toMatch(/restock_trigger_duration_seconds_count\{mode="mock"\} 2/);
    });

    it('allocates a purchase budget by days short, funding transfers without budget', async () => {
      const all = await service.allocateBudget({ budget: 1e9 });
      expect(all.no_action).toContain('BRASS_FITTINGS');
      const purchases = all.items.filter((i) => i.action === 'restock');
      expect(purchases.length).toBeGreaterThanOrEqual(3);
      expect(all.items.every((i) => i.fully_funded && i.funded_quantity === i.requested_quantity)).toBe(true);
      const total = purchases.reduce((sum, i) => sum + i.requested_quantity * i.unit_cost, 0);
      expect(all.spent).toBeCloseTo(total, 2);
      const days = all.items.map((i) => i.days_short);
      expect(days).toEqual([...days].sort((x, y) => y - x));
      expect(all.items.find((i) => i.product_id === 'STEEL_SHEETS')).toMatchObject({
        shortage: 747.57,
        average_daily_demand: 120,
        days_short: 6.23,
        unit_cost: 500,
      });

      const none = await service.allocateBudget({ budget: 0 });
      expect(none.spent).toBe(0);
      for (const i of none.items) expect(i.funded_quantity).toBe(i.action === 'transfer' ? i.requested_quantity : 0);

      const [first, second] = purchases;
      const budget = first!.requested_quantity * first!.unit_cost + 2.5 * second!.unit_cost;
      const tight = await service.allocateBudget({ budget, product_ids: [second!.product_id, first!.product_id] });
      const fundedOf = (id: string) => tight.items.find((i) => i.product_id === id)!;
      expect(fundedOf(first!.product_id)).toMatchObject({
        funded_quantity: first!.requested_quantity,
        fully_funded: true,
      });
      expect(fundedOf(second!.product_id)).toMatchObject({ funded_quantity: 2, fully_funded: false });
      expect(tight.remaining).toBeCloseTo(0.5 * second!.unit_cost, 2);
      // over the whole catalog the leftover goes on to less urgent, cheaper orders until no unit is affordable
      const greedy = await service.allocateBudget({ budget });
      expect(greedy.spent).toBeLessThanOrEqual(budget);
      const short = greedy.items.filter((i) => !i.fully_funded);
      expect(greedy.remaining).toBeLessThan(Math.min(...short.map((i) => i.unit_cost)));

      const some = await service.allocateBudget({ budget: 1e9, product_ids: ['COPPER_WIRE', 'BRASS_FITTINGS'] });
      expect(some.items.map((i) => i.product_id)).toEqual(['COPPER_WIRE']);
      expect(some.no_action).toEqual(['BRASS_FITTINGS']);
      await expect(service.allocateBudget({ budget: -1 })).rejects.toMatchObject({ code: 'RESTOCK_INVALID_INPUT' });
      await expect(service.allocateBudget({ budget: 10, product_ids: ['NOPE'] })).rejects.toMatchObject({
        code: 'RESTOCK_UNKNOWN_PRODUCT',
      });
      expect(await service.listOrders()).toEqual([]);
    });

    it('debugs without an LLM call and scans every SKU with a report', async () => {
      const d = await service.debug('STEEL_SHEETS');
      expect(d).toMatchObject({ safety_stock: 57.57, reorder_point: 897.57, shortage: 747.57, would_trigger: true });
      expect((await service.debug('BRASS_FITTINGS')).would_trigger).toBe(false);
      const report = await service.scan({
        principal: { kind: 'system', id: 'scan', name: 'system', roles: ['admin'] },
      });
      expect(report.products).toBe(8);
      expect(report.pendingReview).toBeGreaterThanOrEqual(1); // NICKEL_PLATES: falling demand
      expect(report.noAction).toBeGreaterThanOrEqual(1);
      expect(report.executed + report.pendingReview + report.noAction).toBe(8);
      const batch = await service.triggerBatch([{ product_id: 'NOPE' }, { product_id: 'ALUMINUM_BARS' }], meta);
      expect(batch.results.map((r) => r.ok)).toEqual([false, true]);
      await expect(
        service.triggerBatch(
          Array.from({ length: 101 }, () => ({ product_id: 'X' })),
          meta,
        ),
      ).rejects.toMatchObject({ code: 'RESTOCK_BATCH_TOO_LARGE' });
    });
  });
}
