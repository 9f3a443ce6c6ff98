import type { Database } from '@quintessence/platform';
import { type Kysely, sql } from 'kysely';
import {
  type DemandPoint,
  type IdempotencyRecord,
  type LedgerEntry,
  type LedgerKind,
  type Location,
  type LocationStock,
  type NewOrder,
  type OrderStatus,
  openOrderStatuses,
  type Product,
  type ProductSnapshot,
  type RestockStore,
  type StoredLedgerEntry,
  type StoredOrder,
  type Supplier,
} from '../ports.js';

interface Tables {
  restock_suppliers: {
    id: string;
    name: string;
    lead_time_mean_days: number;
    lead_time_sd_days: number;
    moq: number;
    pack_size: number;
    unit_cost: number | null;
    order_cost: number | null;
    holding_cost_rate: number;
    on_time_rate: number;
  };
  restock_locations: { id: string; name: string };
  restock_products: {
    id: string;
    name: string;
    unit_price: number;
    service_level: number;
    lead_time_days: number;
    supplier_id: string | null;
    home_location_id: string;
  };
  restock_demand: { product_id: string; period: string; quantity: number };
  restock_ledger: {
    id: string | undefined;
    product_id: string;
    location_id: string;
    kind: string;
    quantity: number;
    reference: string | null;
    reason: string | null;
    recorded_by: string | null;
    occurred_at: Date;
  };
  restock_orders: {
    id: string;
    type: string;
    status: string;
    product_id: string;
    location_id: string;
    from_location_id: string | null;
    supplier_id: string | null;
    quantity: number;
    received_quantity: number;
    unit_price: number;
    confidence: number;
    reasoning: string;
    decision: unknown;
    created_at: Date;
    created_by: string;
    decided_at: Date | null;
    decided_by: string | null;
    decision_reason: string | null;
    signature_id: string | null;
  };
  restock_order_sequences: { prefix: string; day: string; last_value: number };
  restock_idempotency: { key: string; request_hash: string; response: unknown; created_at: Date };
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function toOrder(r: Tables['restock_orders']): StoredOrder {
  return {
    id: r.id,
    type: r.type as StoredOrder['type'],
    status: r.status as OrderStatus,
    productId: r.product_id,
    locationId: r.location_id,
    fromLocationId: r.from_location_id,
    supplierId: r.supplier_id,
    quantity: Number(r.quantity),
    receivedQuantity: Number(r.received_quantity),
    unitPrice: Number(r.unit_price),
    confidence: Number(r.confidence),
    reasoning: r.reasoning,
    decision: typeof r.decision === 'string' ? JSON.parse(r.decision) : r.decision,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    decidedAt: iso(r.decided_at),
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
    signatureId: r.signature_id,
  };
}

/** Signed effect of a ledger entry on on-hand stock. */
function onHandSign(kind: string): number {
  return kind === 'issue' || kind === 'transfer_out' ? -1 : kind === 'backorder' || kind === 'backorder_filled' ? 0 : 1;
}

function storeOn(k: Kysely<Tables>, inTransaction: boolean): RestockStore {
  const store: RestockStore = {
    async upsertSupplier(s: Supplier) {
      const row = {
        id: s.id,
        name: s.name,
        lead_time_mean_days: s.leadTimeMeanDays,
        lead_time_sd_days: s.leadTimeSdDays,
        moq: s.moq,
        pack_size: s.packSize,
        unit_cost: s.unitCost ?? null,
        order_cost: s.orderCost ?? null,
        holding_cost_rate: s.holdingCostRate,
        on_time_rate: s.onTimeRate,
      };
      await k
        .insertInto('restock_suppliers')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async upsertLocation(l: Location) {
      await k
        .insertInto('restock_locations')
        .values(l)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: l.name }))
        .execute();
    },
    async upsertProduct(p: Product) {
      const row = {
        id: p.id,
        name: p.name,
        unit_price: p.unitPrice,
        service_level: p.serviceLevel,
        lead_time_days: p.leadTimeDays,
        supplier_id: p.supplierId ?? null,
        home_location_id: p.homeLocationId,
      };
      await k
        .insertInto('restock_products')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async setDemandHistory(productId: string, points: readonly DemandPoint[]) {
      await k.deleteFrom('restock_demand').where('product_id', '=', productId).execute();
      for (let i = 0; i < points.length; i += 500) {
        const chunk = points
          .slice(i, i + 500)
          .map((p) => ({ product_id: productId, period: p.period, quantity: p.quantity }));
        if (chunk.length > 0) await k.insertInto('restock_demand').values(chunk).execute();
      }
    },
    async appendLedger(entries: readonly LedgerEntry[]) {
      if (entries.length === 0) return;
      await k
        .insertInto('restock_ledger')
        .values(
          entries.map((e) => ({
            id: undefined,
            product_id: e.productId,
            location_id: e.locationId,
            kind: e.kind,
            quantity: e.quantity,
            reference: e.reference ?? null,
            reason: e.reason ?? null,
            recorded_by: e.recordedBy ?? null,
            occurred_at: e.occurredAt,
          })),
        )
        .execute();
    },
    async getProduct(id: string) {
      const r = await k.selectFrom('restock_products').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        name: r.name,
        unitPrice: Number(r.unit_price),
        serviceLevel: Number(r.service_level),
        leadTimeDays: Number(r.lead_time_days),
        supplierId: r.supplier_id,
        homeLocationId: r.home_location_id,
      };
    },
    async getLocation(id: string) {
      const r = await k.selectFrom('restock_locations').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, name: r.name } : undefined;
    },
    async lockProduct(id: string) {
      const r = await k.selectFrom('restock_products').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      return r !== undefined;
    },
    async stockByLocation(productId: string): Promise<LocationStock[]> {
      const rows = await k
        .selectFrom('restock_ledger')
        .select(['location_id', 'kind', (eb) => eb.fn.sum<number>('quantity').as('total')])
        .where('product_id', '=', productId)
        .groupBy(['location_id', 'kind'])
        .execute();
      const by = new Map<string, { onHand: number; backorders: number }>();
      for (const r of rows) {
        const total = Number(r.total);
        const level = by.get(r.location_id) ?? { onHand: 0, backorders: 0 };
        level.onHand += onHandSign(r.kind) * total;
        if (r.kind === 'backorder') level.backorders += total;
        if (r.kind === 'backorder_filled') level.backorders -= total;
        by.set(r.location_id, level);
      }
      return [...by]
        .map(([locationId, l]) => ({ locationId, onHand: l.onHand, backorders: l.backorders }))
        .sort((a, b) => a.locationId.localeCompare(b.locationId));
    },
    async listLedger(productId: string, options: { limit?: number; locationId?: string } = {}) {
      let q = k.selectFrom('restock_ledger').selectAll().where('product_id', '=', productId);
      if (options.locationId) q = q.where('location_id', '=', options.locationId);
      const rows = await q
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map(
        (r): StoredLedgerEntry => ({
          id: String(r.id),
          productId: r.product_id,
          locationId: r.location_id,
          kind: r.kind as LedgerKind,
          quantity: Number(r.quantity),
          reference: r.reference,
          reason: r.reason,
          recordedBy: r.recorded_by,
          occurredAt: new Date(r.occurred_at),
        }),
      );
    },
    async receiveOrder(id: string, quantity: number) {
      const r = await k
        .updateTable('restock_orders')
        .set({
          received_quantity: sql`received_quantity + ${quantity}`,
          status: sql`case when received_quantity + ${quantity} >= quantity then 'received' else 'partially_received' end`,
        })
        .where('id', '=', id)
        .where('status', 'in', [...openOrderStatuses])
        .where(sql<boolean>`received_quantity + ${quantity} <= quantity`)
        .returningAll()
        .executeTakeFirst();
      return r ? toOrder(r) : undefined;
    },
    async getSupplier(id: string) {
      const s = await k.selectFrom('restock_suppliers').selectAll().where('id', '=', id).executeTakeFirst();
      if (!s) return undefined;
      return {
        id: s.id,
        name: s.name,
        leadTimeMeanDays: Number(s.lead_time_mean_days),
        leadTimeSdDays: Number(s.lead_time_sd_days),
        moq: Number(s.moq),
        packSize: Number(s.pack_size),
        unitCost: s.unit_cost === null ? null : Number(s.unit_cost),
        orderCost: s.order_cost === null ? null : Number(s.order_cost),
        holdingCostRate: Number(s.holding_cost_rate),
        onTimeRate: Number(s.on_time_rate),
      };
    },
    async listProductIds() {
      const rows = await k.selectFrom('restock_products').select('id').orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    async snapshot(productId: string, options: { historyLimit?: number } = {}): Promise<ProductSnapshot | undefined> {
      const product = await store.getProduct(productId);
      if (!product) return undefined;
      const supplier = product.supplierId ? await store.getSupplier(product.supplierId) : undefined;
      const levels = await store.stockByLocation(productId);
      const home = levels.find((l) => l.locationId === product.homeLocationId);
      const backorders = home?.backorders ?? 0;
      const open = await k
        .selectFrom('restock_orders')
        .select((eb) => sql<number>`sum(${eb.ref('quantity')} - ${eb.ref('received_quantity')})`.as('total'))
        .where('product_id', '=', productId)
        .where('location_id', '=', product.homeLocationId)
        .where('status', 'in', [...openOrderStatuses])
        .executeTakeFirst();
      const onOrder = Number(open?.total ?? 0);
      const outgoing = await k
        .selectFrom('restock_orders')
        .select([
          'from_location_id',
          (eb) => sql<number>`sum(${eb.ref('quantity')} - ${eb.ref('received_quantity')})`.as('total'),
        ])
        .where('product_id', '=', productId)
        .where('type', '=', 'transfer')
        .where('from_location_id', 'is not', null)
        .where('status', 'in', [...openOrderStatuses])
        .groupBy('from_location_id')
        .execute();
      const committed = new Map(outgoing.map((r) => [r.from_location_id!, Number(r.total)]));
      const limit = options.historyLimit ?? 365;
      const demand = await k
        .selectFrom('restock_demand')
        .select(['quantity'])
        .where('product_id', '=', productId)
        .orderBy('period', 'desc')
        .limit(limit)
        .execute();
      const onHand = home?.onHand ?? 0;
      return {
        product,
        supplier,
        onHand,
        onOrder,
        backorders,
        position: onHand + onOrder - backorders,
        demandHistory: demand.map((d) => Number(d.quantity)).reverse(),
        otherLocations: levels
          .filter((l) => l.locationId !== product.homeLocationId)
          .map((l) => ({ locationId: l.locationId, onHand: l.onHand, committedOut: committed.get(l.locationId) ?? 0 })),
      };
    },
    async createOrder(order: NewOrder) {
      const run = async (s: Kysely<Tables>) => {
        const created = new Date(order.createdAt);
        const day = created.toISOString().slice(0, 10).replace(/-/g, '');
        const prefix = order.type === 'transfer' ? 'TR' : 'PO';
        const seq = await s
          .insertInto('restock_order_sequences')
          .values({ prefix, day, last_value: 1 })
          .onConflict((oc) =>
            oc.columns(['prefix', 'day']).doUpdateSet({ last_value: sql`restock_order_sequences.last_value + 1` }),
          )
          .returning('last_value')
          .executeTakeFirstOrThrow();
        const id = `${prefix}-${day}-${String(seq.last_value).padStart(4, '0')}`;
        const row = await s
          .insertInto('restock_orders')
          .values({
            id,
            type: order.type,
            status: order.status,
            product_id: order.productId,
            location_id: order.locationId,
            from_location_id: order.fromLocationId,
            supplier_id: order.supplierId,
            quantity: order.quantity,
            received_quantity: 0,
            unit_price: order.unitPrice,
            confidence: order.confidence,
            reasoning: order.reasoning,
            decision: JSON.stringify(order.decision),
            created_at: created,
            created_by: order.createdBy,
            decided_at: null,
            decided_by: null,
            decision_reason: null,
            signature_id: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toOrder(row);
      };
      return inTransaction ? run(k) : k.transaction().execute(run);
    },
    async getOrder(id: string) {
      const r = await k.selectFrom('restock_orders').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toOrder(r) : undefined;
    },
    async listOrders(filter = {}) {
      let q = k.selectFrom('restock_orders').selectAll();
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.productId) q = q.where('product_id', '=', filter.productId);
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 50)
        .offset(filter.offset ?? 0)
        .execute();
      return rows.map(toOrder);
    },
    async decideOrder(id, d) {
      const r = await k
        .updateTable('restock_orders')
        .set({
          status: d.status,
          decided_at: d.decidedAt,
          decided_by: d.decidedBy,
          decision_reason: d.reason ?? null,
          signature_id: d.signatureId ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending_review')
        .returningAll()
        .executeTakeFirst();
      return r ? toOrder(r) : undefined;
    },
    async getIdempotency(key: string) {
      const r = await k.selectFrom('restock_idempotency').selectAll().where('key', '=', key).executeTakeFirst();
      if (!r) return undefined;
      return {
        key: r.key,
        requestHash: r.request_hash,
        response: typeof r.response === 'string' ? JSON.parse(r.response) : r.response,
      };
    },
    async putIdempotency(record: IdempotencyRecord, at: Date) {
      await k
        .insertInto('restock_idempotency')
        .values({
          key: record.key,
          request_hash: record.requestHash,
          response: JSON.stringify(record.response),
          created_at: at,
        })
        .execute();
    },
    async transaction<T>(fn: (store: RestockStore) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(store);
      return k.transaction().execute((trx) => fn(storeOn(trx, true)));
    },
  };
  return store;
}

/** The restock store on the platform database (PGlite or PostgreSQL). */
export function createKyselyRestockStore(db: Database): RestockStore {
  return storeOn(db.as<Tables>(), false);
}
