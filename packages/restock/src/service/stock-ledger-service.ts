import { createHash } from 'node:crypto';
import { AppError, type RequestContext } from '@quintessence/platform';
import { createKyselyRestockStore } from '../adapters/kysely-store.js';
import {
  type LedgerEntry,
  type LedgerKind,
  openOrderStatuses,
  type Product,
  type RestockStore,
  type StoredLedgerEntry,
  type StoredOrder,
} from '../ports.js';
import { orderView, parseInput, type RestockServiceContext } from './restock-service.js';
import {
  adjustmentBodySchema,
  issueBodySchema,
  type LedgerEntryView,
  type MovementResponse,
  receiptBodySchema,
  receiveOrderBodySchema,
  type StockLevels,
  transferBodySchema,
} from './schemas.js';

export interface MovementMeta extends RequestContext {
  /** Replays the first result when a movement is posted twice with the same key (and refuses a different body). */
  readonly idempotencyKey?: string;
}

/** Stock movements: every one validated, written in one transaction with the stock checks it depends on, audited. */
export interface StockLedgerService {
  /** Per-location stock and the inventory position (on hand + on order − backorders) at the home location. */
  levels(productId: string): Promise<StockLevels>;
  ledger(productId: string, options?: { limit?: number; locationId?: string }): Promise<LedgerEntryView[]>;
  receipt(body: unknown, meta: MovementMeta): Promise<MovementResponse>;
  issue(body: unknown, meta: MovementMeta): Promise<MovementResponse>;
  adjust(body: unknown, meta: MovementMeta): Promise<MovementResponse>;
  transfer(body: unknown, meta: MovementMeta): Promise<MovementResponse>;
  /**
   * Receives an open order (executed, approved or partially received), in full or in part. A purchase order's
   * units are a receipt at its location; a transfer's units leave `from_location_id` and arrive at its location in
   * the same transaction (the stock moves when the transfer is received, never before).
   */
  receiveOrder(id: string, body: unknown, meta: MovementMeta): Promise<MovementResponse>;
}

const epsilon = 1e-9;

function entryView(e: LedgerEntry | StoredLedgerEntry): LedgerEntryView {
  return {
    ...('id' in e ? { id: e.id } : {}),
    product_id: e.productId,
    location_id: e.locationId,
    kind: e.kind,
    quantity: e.quantity,
    reference: e.reference ?? null,
    reason: e.reason ?? null,
    recorded_by: e.recordedBy ?? null,
    occurred_at: e.occurredAt.toISOString(),
  };
}

function insufficient(productId: string, locationId: string, onHand: number, requested: number): AppError {
  return new AppError(
    'RESTOCK_INSUFFICIENT_STOCK',
    `Not enough ${productId} at ${locationId}: ${onHand} on hand, ${requested} requested`,
    { details: { productId, locationId, onHand, requested } },
  );
}

/** Builds the ledger service over the module context (the store defaults to the platform database). */
export function createStockLedgerService(
  ctx: Pick<RestockServiceContext, 'db' | 'audit' | 'clock'>,
  options: { store?: RestockStore } = {},
): StockLedgerService {
  const store = options.store ?? createKyselyRestockStore(ctx.db);

  async function levelsOf(s: RestockStore, product: Product): Promise<StockLevels> {
    const snap = await s.snapshot(product.id, { historyLimit: 1 });
    const locations = await s.stockByLocation(product.id);
    return {
      product_id: product.id,
      home_location_id: product.homeLocationId,
      locations: locations.map((l) => ({ location_id: l.locationId, on_hand: l.onHand, backorders: l.backorders })),
      on_hand: snap?.onHand ?? 0,
      on_order: snap?.onOrder ?? 0,
      backorders: snap?.backorders ?? 0,
      inventory_position: snap?.position ?? 0,
    };
  }

  async function productOrThrow(s: RestockStore, productId: string): Promise<Product> {
    const product = await s.getProduct(productId);
    if (!product) {
      throw new AppError('RESTOCK_UNKNOWN_PRODUCT', `Unknown product "${productId}" (not in the catalog)`, {
        details: { productId },
      });
    }
    return product;
  }

  async function locationOrThrow(s: RestockStore, locationId: string): Promise<string> {
    if (!(await s.getLocation(locationId))) {
      throw new AppError('RESTOCK_UNKNOWN_LOCATION', `Unknown location "${locationId}"`, { details: { locationId } });
    }
    return locationId;
  }

  async function stockAt(s: RestockStore, productId: string, locationId: string) {
    const level = (await s.stockByLocation(productId)).find((l) => l.locationId === locationId);
    return { onHand: level?.onHand ?? 0, backorders: level?.backorders ?? 0 };
  }

  /** A receipt (or transfer arrival) that first serves the location's open backorders. */
  async function arrival(
    s: RestockStore,
    base: Omit<LedgerEntry, 'kind' | 'quantity'>,
    kind: Extract<LedgerKind, 'receipt' | 'transfer_in'>,
    quantity: number,
  ): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [{ ...base, kind, quantity }];
    const { backorders } = await stockAt(s, base.productId, base.locationId);
    const fill = Math.min(backorders, quantity);
    if (fill > epsilon) {
      const ref = `backorder fill${base.reference ? ` (${base.reference})` : ''}`;
      entries.push({ ...base, kind: 'issue', quantity: fill, reference: ref });
      entries.push({ ...base, kind: 'backorder_filled', quantity: fill, reference: ref });
    }
    return entries;
  }

  /**
   * Runs one movement: locks the product, lets `build` check stock and return the entries, writes them in the same
   * transaction, then records the audit event. With an idempotency key, a repeat returns the first answer.
   */
  async function post(
    kind: 'receipt' | 'issue' | 'adjustment' | 'transfer' | 'order_receipt',
    productId: string,
    request: unknown,
    meta: MovementMeta,
    build: (
      s: RestockStore,
      product: Product,
      now: Date,
    ) => Promise<{ entries: LedgerEntry[]; order?: StoredOrder; audit: Record<string, unknown> }>,
  ): Promise<MovementResponse> {
    const key = meta.idempotencyKey ? `stock:${meta.idempotencyKey}` : undefined;
    const requestHash = createHash('sha256').update(JSON.stringify({ kind, request })).digest('hex');
    const now = ctx.clock.now();
    const result = await store.transaction(async (s) => {
      if (key) {
        const prior = await s.getIdempotency(key);
        if (prior) {
          if (prior.requestHash !== requestHash) {
            throw new AppError(
              'RESTOCK_IDEMPOTENCY_CONFLICT',
              `Idempotency key "${meta.idempotencyKey}" was used with a different request`,
            );
          }
          return { response: prior.response as MovementResponse, replay: true, audit: {}, order: undefined };
        }
      }
      const product = await productOrThrow(s, productId);
      await s.lockProduct(product.id);
      const built = await build(s, product, now);
      await s.appendLedger(built.entries);
      const response: MovementResponse = {
        entries: built.entries.map(entryView),
        stock: await levelsOf(s, product),
        ...(built.order ? { order: orderView(built.order) } : {}),
      };
      if (key) await s.putIdempotency({ key, requestHash, response }, now);
      return { response, replay: false, audit: built.audit, order: built.order };
    });
    if (!result.replay) {
      await ctx.audit.record({
        actor: meta.principal.name,
        action:
          kind === 'order_receipt' ? `restock.order.${result.order?.status ?? 'received'}` : `restock.stock.${kind}`,
        resource: result.order ? `restock/order/${result.order.id}` : `restock/product/${productId}`,
        details: {
          ...result.audit,
          entries: result.response.entries.map((e) => ({
            location: e.location_id,
            kind: e.kind,
            quantity: e.quantity,
          })),
          inventoryPosition: result.response.stock.inventory_position,
        },
        requestId: meta.requestId,
        clientAddress: meta.clientAddress,
      });
    }
    return result.response;
  }

  return {
    async levels(productId) {
      return levelsOf(store, await productOrThrow(store, productId));
    },
    async ledger(productId, opts = {}) {
      await productOrThrow(store, productId);
      return (await store.listLedger(productId, opts)).map(entryView);
    },
    async receipt(body, meta) {
      const b = parseInput(receiptBodySchema, body, 'receipt');
      return post('receipt', b.product_id, b, meta, async (s, product, now) => {
        const locationId = await locationOrThrow(s, b.location_id ?? product.homeLocationId);
        const base = { productId: product.id, locationId, reference: b.reference, recordedBy: meta.principal.name };
        const entries = await arrival(s, { ...base, occurredAt: now }, 'receipt', b.quantity);
        return { entries, audit: { locationId, quantity: b.quantity, reference: b.reference ?? null } };
      });
    },
    async issue(body, meta) {
      const b = parseInput(issueBodySchema, body, 'issue');
      return post('issue', b.product_id, b, meta, async (s, product, now) => {
        const locationId = await locationOrThrow(s, b.location_id ?? product.homeLocationId);
        const { onHand } = await stockAt(s, product.id, locationId);
        const base = {
          productId: product.id,
          locationId,
          reference: b.reference,
          recordedBy: meta.principal.name,
          occurredAt: now,
        };
        if (b.quantity <= onHand + epsilon) {
          return {
            entries: [{ ...base, kind: 'issue', quantity: b.quantity }],
            audit: { locationId, quantity: b.quantity, backordered: 0 },
          };
        }
        if (!b.allow_backorder) throw insufficient(product.id, locationId, onHand, b.quantity);
        const served = Math.max(0, onHand);
        const entries: LedgerEntry[] = [];
        if (served > 0) entries.push({ ...base, kind: 'issue', quantity: served });
        entries.push({ ...base, kind: 'backorder', quantity: b.quantity - served });
        return { entries, audit: { locationId, quantity: b.quantity, backordered: b.quantity - served } };
      });
    },
    async adjust(body, meta) {
      const b = parseInput(adjustmentBodySchema, body, 'adjustment');
      return post('adjustment', b.product_id, b, meta, async (s, product, now) => {
        const locationId = await locationOrThrow(s, b.location_id ?? product.homeLocationId);
        const { onHand } = await stockAt(s, product.id, locationId);
        if (onHand + b.quantity < -epsilon) throw insufficient(product.id, locationId, onHand, -b.quantity);
        return {
          entries: [
            {
              productId: product.id,
              locationId,
              kind: 'adjustment',
              quantity: b.quantity,
              reference: b.reference,
              reason: b.reason,
              recordedBy: meta.principal.name,
              occurredAt: now,
            },
          ],
          audit: { locationId, quantity: b.quantity, reason: b.reason, onHandBefore: onHand },
        };
      });
    },
    async transfer(body, meta) {
      const b = parseInput(transferBodySchema, body, 'transfer');
      return post('transfer', b.product_id, b, meta, async (s, product, now) => {
        const from = await locationOrThrow(s, b.from_location_id);
        const to = await locationOrThrow(s, b.to_location_id);
        const { onHand } = await stockAt(s, product.id, from);
        if (b.quantity > onHand + epsilon) throw insufficient(product.id, from, onHand, b.quantity);
        const reference = b.reference ?? `transfer ${from} -> ${to}`;
        const common = { productId: product.id, reference, recordedBy: meta.principal.name, occurredAt: now };
        const entries: LedgerEntry[] = [
          { ...common, locationId: from, kind: 'transfer_out', quantity: b.quantity },
          ...(await arrival(s, { ...common, locationId: to }, 'transfer_in', b.quantity)),
        ];
        return { entries, audit: { from, to, quantity: b.quantity } };
      });
    },
    async receiveOrder(id, body, meta) {
      const b = parseInput(receiveOrderBodySchema, body ?? {}, 'receipt');
      const existing = await store.getOrder(id);
      if (!existing) throw new AppError('RESTOCK_ORDER_NOT_FOUND', `Order ${id} not found`);
      return post('order_receipt', existing.productId, { id, ...b }, meta, async (s, product, now) => {
        const order = await s.getOrder(id);
        if (!order || !(openOrderStatuses as readonly string[]).includes(order.status)) {
          throw new AppError(
            'RESTOCK_ORDER_NOT_RECEIVABLE',
            `Order ${id} is ${order?.status ?? 'gone'}; only executed, approved or partially received orders can be received`,
            { details: { status: order?.status ?? null } },
          );
        }
        const open = order.quantity - order.receivedQuantity;
        const quantity = b.quantity ?? open;
        if (quantity > open + epsilon) {
          throw new AppError('RESTOCK_OVER_RECEIPT', `Order ${id} has ${open} units open; cannot receive ${quantity}`, {
            details: { ordered: order.quantity, received: order.receivedQuantity, open, requested: quantity },
          });
        }
        const reference = b.reference ? `${order.id} ${b.reference}` : order.id;
        const common = { productId: product.id, reference, recordedBy: meta.principal.name, occurredAt: now };
        const entries: LedgerEntry[] = [];
        if (order.type === 'transfer') {
          const from = order.fromLocationId;
          if (!from) throw new AppError('RESTOCK_ORDER_NOT_RECEIVABLE', `Transfer ${id} has no source location`);
          await locationOrThrow(s, from);
          const { onHand } = await stockAt(s, product.id, from);
          if (quantity > onHand + epsilon) throw insufficient(product.id, from, onHand, quantity);
          entries.push({ ...common, locationId: from, kind: 'transfer_out', quantity });
          entries.push(...(await arrival(s, { ...common, locationId: order.locationId }, 'transfer_in', quantity)));
        } else {
          entries.push(...(await arrival(s, { ...common, locationId: order.locationId }, 'receipt', quantity)));
        }
        const updated = await s.receiveOrder(id, quantity);
        if (!updated) throw new AppError('RESTOCK_ORDER_NOT_RECEIVABLE', `Order ${id} changed while receiving it`);
        return {
          entries,
          order: updated,
          audit: { quantity, ordered: updated.quantity, received: updated.receivedQuantity, type: updated.type },
        };
      });
    },
  };
}
