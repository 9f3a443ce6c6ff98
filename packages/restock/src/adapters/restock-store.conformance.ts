import { openTestDatabase, type TestDatabase } from '@quintessence/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewOrder, RestockStore } from '../ports.js';
import { createKyselyRestockStore } from './kysely-store.js';
import { restockMigrations } from './migrations.js';

const day = new Date('2026-11-23T10:00:00Z');

function order(over: Partial<NewOrder> = {}): NewOrder {
  return {
    type: 'purchase_order',
    status: 'pending_review',
    productId: 'P1',
    locationId: 'MAIN',
    fromLocationId: null,
    supplierId: 'S1',
    quantity: 100,
    unitPrice: 5,
    confidence: 0.4,
    reasoning: 'because',
    decision: { a: 1 },
    createdAt: day.toISOString(),
    createdBy: 'tester',
    ...over,
  };
}

/** The repository suite every backend runs (PGlite in unit tests, PostgreSQL in integration tests). */
export function describeRestockStore(kind: 'pglite' | 'postgres'): void {
  describe(`RestockStore on ${kind}`, () => {
    let t: TestDatabase;
    let store: RestockStore;
    beforeAll(async () => {
      t = await openTestDatabase(kind, [{ name: 'restock', migrations: restockMigrations }]);
    });
    afterAll(async () => {
      await t?.close();
    });
    beforeEach(async () => {
      await t.reset();
      store = createKyselyRestockStore(t.db);
      await store.upsertLocation({ id: 'MAIN', name: 'Main' });
      await store.upsertLocation({ id: 'WEST', name: 'West' });
      await store.upsertSupplier({
        id: 'S1',
        name: 'Supplier',
        leadTimeMeanDays: 7,
        leadTimeSdDays: 1,
        moq: 10,
        packSize: 5,
        unitCost: 4,
        orderCost: 50,
        holdingCostRate: 0.2,
        onTimeRate: 0.9,
      });
      await store.upsertProduct({
        id: 'P1',
        name: 'Widget',
        unitPrice: 5,
        serviceLevel: 0.95,
        leadTimeDays: 7,
        supplierId: 'S1',
        homeLocationId: 'MAIN',
      });
    });

    it('computes the inventory position from ledger, open orders and backorders', async () => {
      await store.appendLedger([
        { productId: 'P1', locationId: 'MAIN', kind: 'receipt', quantity: 200, occurredAt: day },
        { productId: 'P1', locationId: 'MAIN', kind: 'issue', quantity: 50, occurredAt: day },
        { productId: 'P1', locationId: 'MAIN', kind: 'adjustment', quantity: -5, occurredAt: day },
        { productId: 'P1', locationId: 'MAIN', kind: 'backorder', quantity: 8, occurredAt: day },
        { productId: 'P1', locationId: 'WEST', kind: 'receipt', quantity: 400, occurredAt: day },
      ]);
      await store.createOrder(order({ status: 'executed', quantity: 30 }));
      await store.createOrder(order({ status: 'pending_review', quantity: 70 }));
      await store.setDemandHistory('P1', [
        { period: '2026-11-02', quantity: 3 },
        { period: '2026-11-01', quantity: 1 },
        { period: '2026-11-03', quantity: 2 },
      ]);
      const s = (await store.snapshot('P1'))!;
      expect(s.onHand).toBe(145);
      expect(s.onOrder).toBe(30);
      expect(s.backorders).toBe(8);
      expect(s.position).toBe(145 + 30 - 8);
      expect(s.demandHistory).toEqual([1, 3, 2]);
      expect(s.otherLocations).toEqual([{ locationId: 'WEST', onHand: 400, committedOut: 0 }]);
      const tr = await store.createOrder(
        order({ type: 'transfer', status: 'executed', fromLocationId: 'WEST', supplierId: null, quantity: 150 }),
      );
      await store.receiveOrder(tr.id, 50);
      // the open rest of a transfer out of WEST is promised: not available for another transfer
      expect((await store.snapshot('P1'))?.otherLocations).toEqual([
        { locationId: 'WEST', onHand: 400, committedOut: 100 },
      ]);
      expect(s.supplier?.packSize).toBe(5);
      expect(await store.snapshot('NOPE')).toBeUndefined();
    });

    it('numbers orders PO-YYYYMMDD-NNNN and TR-… per day, uniquely', async () => {
      const a = await store.createOrder(order());
      const b = await store.createOrder(order());
      const tr = await store.createOrder(order({ type: 'transfer', fromLocationId: 'WEST' }));
      expect(a.id).toBe('PO-20261123-0001');
      expect(b.id).toBe('PO-20261123-0002');
      expect(tr.id).toBe('TR-20261123-0001');
      const concurrent = await Promise.all(Array.from({ length: 5 }, () => store.createOrder(order())));
      expect(new Set(concurrent.map((o) => o.id)).size).toBe(5);
    });

    it('decides a pending order once', async () => {
      const a = await store.createOrder(order());
      const approved = await store.decideOrder(a.id, {
        status: 'approved',
        decidedBy: 'alice',
        decidedAt: day,
        signatureId: 'sig-1',
      });
      expect(approved?.status).toBe('approved');
      expect(approved?.signatureId).toBe('sig-1');
      expect(
        await store.decideOrder(a.id, { status: 'rejected', decidedBy: 'bob', decidedAt: day, reason: 'late' }),
      ).toBeUndefined();
      expect((await store.getOrder(a.id))?.decidedBy).toBe('alice');
      expect((await store.listOrders({ status: 'approved' })).map((o) => o.id)).toEqual([a.id]);
      expect((await store.getOrder(a.id))?.decision).toEqual({ a: 1 });
    });

    it('receives open orders in parts, never beyond the ordered quantity, and counts only the rest on order', async () => {
      const pending = await store.createOrder(order());
      expect(await store.receiveOrder(pending.id, 10)).toBeUndefined(); // not open yet
      const open = await store.createOrder(order({ status: 'executed' }));
      expect((await store.snapshot('P1'))?.onOrder).toBe(100);
      expect(await store.receiveOrder(open.id, 101)).toBeUndefined();
      expect(await store.receiveOrder(open.id, 40)).toMatchObject({
        status: 'partially_received',
        receivedQuantity: 40,
      });
      expect((await store.snapshot('P1'))?.onOrder).toBe(60);
      expect(await store.receiveOrder(open.id, 60)).toMatchObject({ status: 'received', receivedQuantity: 100 });
      expect(await store.receiveOrder(open.id, 1)).toBeUndefined();
      expect((await store.snapshot('P1'))?.onOrder).toBe(0);
    });

    it('lists stock per location and the ledger newest first, with reason and poster', async () => {
      await store.appendLedger([
        { productId: 'P1', locationId: 'MAIN', kind: 'receipt', quantity: 30, occurredAt: day },
        { productId: 'P1', locationId: 'WEST', kind: 'receipt', quantity: 8, occurredAt: day },
        { productId: 'P1', locationId: 'WEST', kind: 'issue', quantity: 8, occurredAt: day },
        { productId: 'P1', locationId: 'WEST', kind: 'backorder', quantity: 2, occurredAt: day },
        {
          productId: 'P1',
          locationId: 'MAIN',
          kind: 'adjustment',
          quantity: -4,
          reason: 'count',
          recordedBy: 'pat',
          occurredAt: new Date(day.getTime() + 1000),
        },
      ]);
      expect(await store.stockByLocation('P1')).toEqual([
        { locationId: 'MAIN', onHand: 26, backorders: 0 },
        { locationId: 'WEST', onHand: 0, backorders: 2 },
      ]);
      const entries = await store.listLedger('P1', { limit: 2 });
      expect(entries[0]).toMatchObject({ kind: 'adjustment', quantity: -4, reason: 'count', recordedBy: 'pat' });
      expect(entries).toHaveLength(2);
      expect(await store.listLedger('P1', { locationId: 'WEST' })).toHaveLength(3);
      expect(await store.getLocation('WEST')).toEqual({ id: 'WEST', name: 'West' });
      expect(await store.getLocation('MOON')).toBeUndefined();
      expect(await store.transaction((s) => s.lockProduct('P1'))).toBe(true);
      expect(await store.transaction((s) => s.lockProduct('NOPE'))).toBe(false);
    });

    it('rolls back everything in a failed transaction', async () => {
      await expect(
        store.transaction(async (s) => {
          await s.createOrder(order());
          await s.putIdempotency({ key: 'k1', requestHash: 'h', response: { ok: true } }, day);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.listOrders()).toEqual([]);
      expect(await store.getIdempotency('k1')).toBeUndefined();
      await store.putIdempotency({ key: 'k1', requestHash: 'h', response: { ok: true } }, day);
      expect(await store.getIdempotency('k1')).toEqual({ key: 'k1', requestHash: 'h', response: { ok: true } });
    });
  });
}
