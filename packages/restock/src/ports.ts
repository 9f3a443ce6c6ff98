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
  readonly occurredAt: Date;
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
  readonly otherLocations: readonly { readonly locationId: string; readonly onHand: number }[];
}

export const orderStatuses = ['pending_review', 'executed', 'approved', 'rejected', 'received'] as const;
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

export type NewOrder = Omit<StoredOrder, 'id' | 'decidedAt' | 'decidedBy' | 'decisionReason' | 'signatureId'>;

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
