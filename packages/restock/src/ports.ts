/** The restock module's own ports: what its services need from storage. */

export interface Supplier {
  readonly id: string;
  readonly name: string;
  readonly leadTimeMeanDays: number;
  readonly leadTimeSdDays: number;
  readonly moq: number;
  readonly packSize: number;
  readonly unitCost?: number | null;
  readonly orderCost?: number | null;
  /** Annual holding cost as a fraction of the unit cost. */
  readonly holdingCostRate: number;
  /** Share of past deliveries on time (0..1). */
  readonly onTimeRate: number;
}

export interface Location {
  readonly id: string;
  readonly name: string;
}

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly unitPrice: number;
  readonly serviceLevel: number;
  readonly leadTimeDays: number;
  readonly supplierId?: string | null;
  readonly homeLocationId: string;
}

export const ledgerKinds = [
  'receipt',
  'issue',
  'adjustment',
  'transfer_in',
  'transfer_out',
  'backorder',
  'backorder_filled',
] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** A stock movement. Quantities are signed by kind: receipts/transfer_in add, issues/transfer_out subtract; adjustments carry their sign. */
export interface LedgerEntry {
  readonly productId: string;
  readonly locationId: string;
  readonly kind: LedgerKind;
  readonly quantity: number;
  readonly reference?: string | null;
  /** Why (required for adjustments). */
  readonly reason?: string | null;
  /** Who posted the movement. */
  readonly recordedBy?: string | null;
  readonly occurredAt: Date;
}

/** A stored ledger entry. */
export interface StoredLedgerEntry extends LedgerEntry {
  readonly id: string;
}

/** Stock of one product at one location, from the ledger. */
export interface LocationStock {
  readonly locationId: string;
  readonly onHand: number;
  /** Demand not yet served at this location. */
  readonly backorders: number;
}

export interface DemandPoint {
  /** Sortable period label (YYYY-MM-DD or YYYY-MM). */
  readonly period: string;
  readonly quantity: number;
}

/** A product with everything the agent needs, at its home location. */
export interface ProductSnapshot {
  readonly product: Product;
  readonly supplier?: Supplier;
  readonly onHand: number;
  readonly onOrder: number;
  readonly backorders: number;
  /** on hand + on order − backorders. */
  readonly position: number;
  /** Oldest first. */
  readonly demandHistory: number[];
  /**
   * Other locations holding the product: on hand, and the units already promised to open transfers out of them
   * (executed or approved, not yet received), which are not available for another transfer.
   */
  readonly otherLocations: readonly {
    readonly locationId: string;
    readonly onHand: number;
    readonly committedOut: number;
  }[];
}

export const orderStatuses = [
  'pending_review',
  'executed',
  'approved',
  'rejected',
  'partially_received',
  'received',
] as const;
/** Orders that still count as on order for their destination (executed or approved, not fully received). */
export const openOrderStatuses = ['executed', 'approved', 'partially_received'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export type OrderType = 'purchase_order' | 'transfer';

export interface StoredOrder {
  /** PO-YYYYMMDD-NNNN or TR-YYYYMMDD-NNNN. */
  readonly id: string;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly productId: string;
  readonly locationId: string;
  readonly fromLocationId: string | null;
  readonly supplierId: string | null;
  readonly quantity: number;
  /** Units received so far (receipts of purchase orders; transfers moved). */
  readonly receivedQuantity: number;
  readonly unitPrice: number;
  readonly confidence: number;
  readonly reasoning: string;
  readonly decision: unknown;
  /** UTC ISO-8601. */
  readonly createdAt: string;
  readonly createdBy: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly signatureId: string | null;
}

export type NewOrder = Omit<
  StoredOrder,
  'id' | 'decidedAt' | 'decidedBy' | 'decisionReason' | 'signatureId' | 'receivedQuantity'
>;

export interface IdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly response: unknown;
}

/** Storage for the catalog, ledger, orders and idempotency keys. */
export interface RestockStore {
  upsertSupplier(s: Supplier): Promise<void>;
  upsertLocation(l: Location): Promise<void>;
  upsertProduct(p: Product): Promise<void>;
  /** Replaces a product's demand history. */
  setDemandHistory(productId: string, points: readonly DemandPoint[]): Promise<void>;
  appendLedger(entries: readonly LedgerEntry[]): Promise<void>;
  getProduct(id: string): Promise<Product | undefined>;
  getLocation(id: string): Promise<Location | undefined>;
  /**
   * Locks the product row until the transaction ends (`select … for update`), so stock checks and the movements
   * that depend on them are serialized per product. Call inside {@link RestockStore.transaction}.
   */
  lockProduct(id: string): Promise<boolean>;
  /** On hand and backorders per location that has ledger entries for the product, sorted by location. */
  stockByLocation(productId: string): Promise<LocationStock[]>;
  /** Ledger entries of a product, newest first. */
  listLedger(productId: string, options?: { limit?: number; locationId?: string }): Promise<StoredLedgerEntry[]>;
  /**
   * Adds `quantity` to an open order's received quantity and moves its status to `partially_received` or
   * `received`; undefined (no change) when the order is not open or `quantity` exceeds what is still open.
   */
  receiveOrder(id: string, quantity: number): Promise<StoredOrder | undefined>;
  getSupplier(id: string): Promise<Supplier | undefined>;
  listProductIds(): Promise<string[]>;
  snapshot(productId: string, options?: { historyLimit?: number }): Promise<ProductSnapshot | undefined>;
  /** Creates an order with the next number for its prefix and UTC day (atomic). */
  createOrder(order: NewOrder): Promise<StoredOrder>;
  getOrder(id: string): Promise<StoredOrder | undefined>;
  listOrders(filter?: {
    status?: OrderStatus;
    productId?: string;
    limit?: number;
    offset?: number;
  }): Promise<StoredOrder[]>;
  /** Moves a pending order to approved/rejected; undefined when it is not pending (no change made). */
  decideOrder(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      decidedAt: Date;
      reason?: string;
      signatureId?: string;
    },
  ): Promise<StoredOrder | undefined>;
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  putIdempotency(record: IdempotencyRecord, at: Date): Promise<void>;
  /** Runs `fn` in one transaction: everything or nothing is written. */
  transaction<T>(fn: (store: RestockStore) => Promise<T>): Promise<T>;
}
