import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo-catalog.js';
import type { RestockStore } from '../ports.js';
import { openRestockTestContext, planner, type RestockTestContext } from '../testing/restock-test-context.js';
import { createRestockService, type RestockService } from './restock-service.js';
import { createStockLedgerService, type StockLedgerService } from './stock-ledger-service.js';

const meta = { principal: planner, requestId: 'req-ledger' };

/** The stock ledger suite; `stock-ledger-service.test.ts` runs it on PGlite, `….int.test.ts` on PostgreSQL. */
export function describeStockLedger(kind: 'pglite' | 'postgres'): void {
  describe(`StockLedgerService on ${kind}`, () => {
    let h: RestockTestContext;
    let restock: RestockService;
    let ledger: StockLedgerService;
    beforeAll(async () => {
      h = await openRestockTestContext(kind);
    });
    afterAll(async () => {
      await h?.t.close();
    });
    async function fresh(modules: Record<string, Record<string, unknown>> = {}) {
      await h.reset({ modules });
      restock = createRestockService(h.ctx);
      ledger = createStockLedgerService(h.ctx, { store: restock.store });
      await seedDemoCatalog(restock.store, h.clock.now());
    }
    beforeEach(() => fresh());

    const ledgerSize = async (productId: string) => (await ledger.ledger(productId, { limit: 1000 })).length;
    const auditActions = async () =>
      (await h.audit.list({}, { order: 'asc', limit: 500 })).items.map((e: { action: string }) => e.action);

    it('posts receipts, issues and adjustments and keeps the inventory position = on hand + on order − backorders', async () => {
      const before = await ledger.levels('STEEL_SHEETS');
      expect(before).toMatchObject({ on_hand: 150, on_order: 0, backorders: 0, inventory_position: 150 });
      const r = await ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: 200, reference: 'DN-1001' }, meta);
      expect(r.entries).toEqual([
        expect.objectContaining({ kind: 'receipt', quantity: 200, location_id: 'MAIN', recorded_by: 'pat' }),
      ]);
      expect(r.stock).toMatchObject({ on_hand: 350, inventory_position: 350 });
      const i = await ledger.issue({ product_id: 'STEEL_SHEETS', quantity: 40, reference: 'SO-5531' }, meta);
      expect(i.stock.on_hand).toBe(310);
      const a = await ledger.adjust(
        { product_id: 'STEEL_SHEETS', quantity: -3, reason: 'cycle count: damaged sheets' },
        meta,
      );
      expect(a.entries[0]).toMatchObject({ kind: 'adjustment', quantity: -3, reason: 'cycle count: damaged sheets' });
      expect(a.stock.on_hand).toBe(307);
      // the seed endpoint sees the ledger: the safety-stock calculation runs on the new position
      expect(await restock.debug('STEEL_SHEETS')).toMatchObject({
        current_stock: 307,
        inventory_position: 307,
        shortage: 590.57,
      });
      const kinds = (await ledger.ledger('STEEL_SHEETS')).map((e) => e.kind);
      expect(kinds).toEqual(['adjustment', 'issue', 'receipt', 'receipt']);
      expect(await auditActions()).toEqual(
        expect.arrayContaining(['restock.stock.receipt', 'restock.stock.issue', 'restock.stock.adjustment']),
      );
      expect(await h.audit.verify()).toMatchObject({ ok: true });
    });

    it('refuses an issue beyond on hand, or records the rest as a backorder that the next receipt fills', async () => {
      const n = await ledgerSize('COPPER_WIRE');
      await expect(ledger.issue({ product_id: 'COPPER_WIRE', quantity: 81 }, meta)).rejects.toMatchObject({
        code: 'RESTOCK_INSUFFICIENT_STOCK',
      });
      expect(await ledgerSize('COPPER_WIRE')).toBe(n);
      const b = await ledger.issue({ product_id: 'COPPER_WIRE', quantity: 100, allow_backorder: true }, meta);
      expect(b.entries.map((e) => [e.kind, e.quantity])).toEqual([
        ['issue', 80],
        ['backorder', 20],
      ]);
      expect(b.stock).toMatchObject({ on_hand: 0, backorders: 20, inventory_position: -20 });
      const r = await ledger.receipt({ product_id: 'COPPER_WIRE', quantity: 50 }, meta);
      expect(r.entries.map((e) => [e.kind, e.quantity])).toEqual([
        ['receipt', 50],
        ['issue', 20],
        ['backorder_filled', 20],
      ]);
      expect(r.stock).toMatchObject({ on_hand: 30, backorders: 0, inventory_position: 30 });
    });

    it('moves stock between locations in both legs, or not at all', async () => {
      const t = await ledger.transfer(
        { product_id: 'RUBBER_SHEETS', from_location_id: 'WEST', to_location_id: 'MAIN', quantity: 150 },
        meta,
      );
      expect(t.entries.map((e) => [e.location_id, e.kind, e.quantity])).toEqual([
        ['WEST', 'transfer_out', 150],
        ['MAIN', 'transfer_in', 150],
      ]);
      expect(t.stock.locations).toEqual([
        { location_id: 'MAIN', on_hand: 370, backorders: 0 },
        { location_id: 'WEST', on_hand: 450, backorders: 0 },
      ]);
      const n = await ledgerSize('RUBBER_SHEETS');
      await expect(
        ledger.transfer(
          { product_id: 'RUBBER_SHEETS', from_location_id: 'WEST', to_location_id: 'MAIN', quantity: 451 },
          meta,
        ),
      ).rejects.toMatchObject({ code: 'RESTOCK_INSUFFICIENT_STOCK', details: { onHand: 450, requested: 451 } });
      await expect(
        ledger.transfer(
          { product_id: 'RUBBER_SHEETS', from_location_id: 'WEST', to_location_id: 'MOON', quantity: 1 },
          meta,
        ),
      ).rejects.toMatchObject({ code: 'RESTOCK_UNKNOWN_LOCATION' });
      await expect(
        ledger.transfer(
          { product_id: 'RUBBER_SHEETS', from_location_id: 'WEST', to_location_id: 'WEST', quantity: 1 },
          meta,
        ),
      ).rejects.toMatchObject({ code: 'RESTOCK_INVALID_INPUT' });
      expect(await ledgerSize('RUBBER_SHEETS')).toBe(n);
      expect((await ledger.levels('RUBBER_SHEETS')).locations.map((l) => l.on_hand)).toEqual([370, 450]);
    });

    it('receives a purchase order in parts: status, stock and on order move together, the position stays', async () => {
      await fresh({ restock: { confidenceThreshold: 0 } });
      const trig = await restock.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      const po = trig.order!.po_number;
      const q = trig.recommended_quantity;
      expect(trig.status).toBe('executed');
      const open = await ledger.levels('STEEL_SHEETS');
      expect(open).toMatchObject({ on_hand: 150, on_order: q, inventory_position: 150 + q });
      const part = await ledger.receiveOrder(po, { quantity: 300, reference: 'DN-7781' }, meta);
      expect(part.order).toMatchObject({ status: 'partially_received', received_quantity: 300, quantity: q });
      expect(part.entries).toEqual([
        expect.objectContaining({ kind: 'receipt', quantity: 300, reference: `${po} DN-7781` }),
      ]);
      expect(part.stock).toMatchObject({ on_hand: 450, on_order: q - 300, inventory_position: 150 + q });
      await expect(ledger.receiveOrder(po, { quantity: q }, meta)).rejects.toMatchObject({
        code: 'RESTOCK_OVER_RECEIPT',
      });
      const rest = await ledger.receiveOrder(po, {}, meta);
      expect(rest.order).toMatchObject({ status: 'received', received_quantity: q });
      expect(rest.stock).toMatchObject({ on_hand: 150 + q, on_order: 0, inventory_position: 150 + q });
      await expect(ledger.receiveOrder(po, {}, meta)).rejects.toMatchObject({ code: 'RESTOCK_ORDER_NOT_RECEIVABLE' });
      await expect(ledger.receiveOrder('PO-19990101-0001', {}, meta)).rejects.toMatchObject({
        code: 'RESTOCK_ORDER_NOT_FOUND',
      });
      expect((await restock.getOrder(po)).status).toBe('received');
      expect(await auditActions()).toEqual(
        expect.arrayContaining(['restock.order.partially_received', 'restock.order.received']),
      );
    });

    it('does not receive an order waiting for review', async () => {
      await fresh({ restock: { confidenceThreshold: 0.99 } });
      const trig = await restock.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      expect(trig.status).toBe('pending_review');
      await expect(ledger.receiveOrder(trig.order!.po_number, {}, meta)).rejects.toMatchObject({
        code: 'RESTOCK_ORDER_NOT_RECEIVABLE',
      });
      expect((await ledger.levels('STEEL_SHEETS')).on_hand).toBe(150);
    });

    it('moves the stock of an executed agent transfer (TR-…) when it is received', async () => {
      await fresh({ restock: { confidenceThreshold: 0 } });
      const trig = await restock.trigger({ product_id: 'RUBBER_SHEETS' }, meta);
      expect(trig.order?.po_number).toMatch(/^TR-/);
      const q = trig.recommended_quantity;
      const tr = trig.order!.po_number;
      // executed but not yet received: on order for MAIN, still on hand at WEST
      expect(await ledger.levels('RUBBER_SHEETS')).toMatchObject({
        on_hand: 220,
        on_order: q,
        inventory_position: 220 + q,
        locations: [
          { location_id: 'MAIN', on_hand: 220, backorders: 0 },
          { location_id: 'WEST', on_hand: 600, backorders: 0 },
        ],
      });
      const r = await ledger.receiveOrder(tr, {}, meta);
      expect(r.entries.map((e) => [e.location_id, e.kind, e.quantity])).toEqual([
        ['WEST', 'transfer_out', q],
        ['MAIN', 'transfer_in', q],
      ]);
      expect(r.order?.status).toBe('received');
      expect(r.stock).toMatchObject({
        on_hand: 220 + q,
        on_order: 0,
        inventory_position: 220 + q,
        locations: [
          { location_id: 'MAIN', on_hand: 220 + q, backorders: 0 },
          { location_id: 'WEST', on_hand: 600 - q, backorders: 0 },
        ],
      });
    });

    it('does not promise the same surplus twice: an open transfer out of WEST lowers its surplus for the agent', async () => {
      await fresh({ restock: { confidenceThreshold: 0 } });
      const first = await restock.trigger({ product_id: 'RUBBER_SHEETS' }, meta);
      expect(first.recommended_action).toBe('transfer');
      const q = first.recommended_quantity;
      const rop = first.reorder_point;
      // WEST on hand = rop + q/2 + 200: surplus counting the open transfer is below the 200 rule, without it above
      const west = Math.ceil(rop + 200 + q / 2);
      await ledger.adjust(
        { product_id: 'RUBBER_SHEETS', location_id: 'WEST', quantity: west - 600, reason: 'count' },
        meta,
      );
      await ledger.issue({ product_id: 'RUBBER_SHEETS', quantity: 100 }, meta);
      const snap = await restock.store.snapshot('RUBBER_SHEETS');
      expect(snap?.otherLocations).toEqual([{ locationId: 'WEST', onHand: west, committedOut: q }]);
      expect(west - rop).toBeGreaterThan(200);
      expect(west - q - rop).toBeLessThan(200);
      const second = await restock.trigger({ product_id: 'RUBBER_SHEETS' }, meta);
      expect(second.shortage).toBeGreaterThan(0);
      expect(second.recommended_action).toBe('restock');
    });

    it('refuses a transfer receipt when the source no longer has the stock; neither the ledger nor the order changes', async () => {
      await fresh({ restock: { confidenceThreshold: 0 } });
      const trig = await restock.trigger({ product_id: 'RUBBER_SHEETS' }, meta);
      const q = trig.recommended_quantity;
      await ledger.issue({ product_id: 'RUBBER_SHEETS', location_id: 'WEST', quantity: 600 - q + 1 }, meta);
      const n = await ledgerSize('RUBBER_SHEETS');
      await expect(ledger.receiveOrder(trig.order!.po_number, {}, meta)).rejects.toMatchObject({
        code: 'RESTOCK_INSUFFICIENT_STOCK',
      });
      expect(await ledgerSize('RUBBER_SHEETS')).toBe(n);
      expect(await restock.getOrder(trig.order!.po_number)).toMatchObject({ status: 'executed', received_quantity: 0 });
    });

    it('writes the ledger and the order in one transaction: a failing order update leaves no ledger entry', async () => {
      await fresh({ restock: { confidenceThreshold: 0 } });
      const trig = await restock.trigger({ product_id: 'STEEL_SHEETS' }, meta);
      const real = restock.store;
      // the order update reports a concurrent change after the ledger entries were written in the transaction
      const racing: RestockStore = {
        ...real,
        transaction: (fn) => real.transaction((tx) => fn({ ...tx, receiveOrder: async () => undefined })),
      };
      const n = await ledgerSize('STEEL_SHEETS');
      await expect(
        createStockLedgerService(h.ctx, { store: racing }).receiveOrder(trig.order!.po_number, {}, meta),
      ).rejects.toMatchObject({ code: 'RESTOCK_ORDER_NOT_RECEIVABLE' });
      expect(await ledgerSize('STEEL_SHEETS')).toBe(n);
      expect((await ledger.levels('STEEL_SHEETS')).on_hand).toBe(150);
    });

    it('serializes concurrent issues per product: never below zero', async () => {
      // Each transaction waits after reading the stock until the other has read it too (or 300 ms passed): without
      // the product lock both would read 150 and both issue 100; with it the second reads only after the first commits.
      const real = restock.store;
      let reads = 0;
      let bothRead!: () => void;
      const barrier = new Promise<void>((resolve) => {
        bothRead = resolve;
      });
      const interleaving: RestockStore = {
        ...real,
        transaction: (fn) =>
          real.transaction((tx) =>
            fn({
              ...tx,
              async stockByLocation(id) {
                const levels = await tx.stockByLocation(id);
                if (++reads === 2) bothRead();
                await Promise.race([barrier, new Promise((resolve) => setTimeout(resolve, 300))]);
                return levels;
              },
            }),
          ),
      };
      const racing = createStockLedgerService(h.ctx, { store: interleaving });
      const results = await Promise.allSettled([
        racing.issue({ product_id: 'STEEL_SHEETS', quantity: 100 }, meta),
        racing.issue({ product_id: 'STEEL_SHEETS', quantity: 100 }, meta),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).toMatchObject({ code: 'RESTOCK_INSUFFICIENT_STOCK' });
      expect((await ledger.levels('STEEL_SHEETS')).on_hand).toBe(50);
    });

    it('validates input and replays idempotent movements', async () => {
      const bad: Array<[() => Promise<unknown>, string]> = [
        [() => ledger.receipt({ product_id: 'NOPE', quantity: 1 }, meta), 'RESTOCK_UNKNOWN_PRODUCT'],
        [() => ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: -1 }, meta), 'RESTOCK_INVALID_INPUT'],
        [() => ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: 'ten' }, meta), 'RESTOCK_INVALID_INPUT'],
        [
          () => ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: 1, location_id: 'MOON' }, meta),
          'RESTOCK_UNKNOWN_LOCATION',
        ],
        [() => ledger.adjust({ product_id: 'STEEL_SHEETS', quantity: 5 }, meta), 'RESTOCK_INVALID_INPUT'],
        [() => ledger.adjust({ product_id: 'STEEL_SHEETS', quantity: 0, reason: 'x' }, meta), 'RESTOCK_INVALID_INPUT'],
        [
          () => ledger.adjust({ product_id: 'STEEL_SHEETS', quantity: -151, reason: 'lost' }, meta),
          'RESTOCK_INSUFFICIENT_STOCK',
        ],
        [() => ledger.levels('NOPE'), 'RESTOCK_UNKNOWN_PRODUCT'],
      ];
      for (const [call, code] of bad) await expect(call()).rejects.toMatchObject({ code });
      expect(await ledgerSize('STEEL_SHEETS')).toBe(1);
      const keyed = { ...meta, idempotencyKey: 'dn-1001' };
      const first = await ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: 10 }, keyed);
      const again = await ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: 10 }, keyed);
      expect(again).toEqual(first);
      expect((await ledger.levels('STEEL_SHEETS')).on_hand).toBe(160);
      await expect(ledger.receipt({ product_id: 'STEEL_SHEETS', quantity: 11 }, keyed)).rejects.toMatchObject({
        code: 'RESTOCK_IDEMPOTENCY_CONFLICT',
      });
    });
  });
}
