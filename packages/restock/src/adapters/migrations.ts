import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The restock module's tables (prefixed `restock_`): catalog (products, suppliers, locations), demand history,
 * stock ledger, orders (purchase orders and transfers, with their review state), PO number sequences and
 * idempotency keys. The same SQL runs on PGlite and PostgreSQL.
 */
const init: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('restock_suppliers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lead_time_mean_days', 'double precision', (c) => c.notNull())
      .addColumn('lead_time_sd_days', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('moq', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('pack_size', 'double precision', (c) => c.notNull().defaultTo(1))
      .addColumn('unit_cost', 'double precision')
      .addColumn('order_cost', 'double precision')
      .addColumn('holding_cost_rate', 'double precision', (c) => c.notNull().defaultTo(0.25))
      .addColumn('on_time_rate', 'double precision', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('restock_locations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('restock_products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit_price', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('service_level', 'double precision', (c) => c.notNull().defaultTo(0.95))
      .addColumn('lead_time_days', 'double precision', (c) => c.notNull())
      .addColumn('supplier_id', 'text', (c) => c.references('restock_suppliers.id'))
      .addColumn('home_location_id', 'text', (c) => c.notNull().references('restock_locations.id'))
      .execute();
    await db.schema
      .createTable('restock_demand')
      .addColumn('product_id', 'text', (c) => c.notNull().references('restock_products.id').onDelete('cascade'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('quantity', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('restock_demand_pk', ['product_id', 'period'])
      .execute();
    await db.schema
      .createTable('restock_ledger')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('restock_products.id'))
      .addColumn('location_id', 'text', (c) => c.notNull().references('restock_locations.id'))
      .addColumn('kind', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`kind in ('receipt', 'issue', 'adjustment', 'transfer_in', 'transfer_out', 'backorder', 'backorder_filled')`,
          ),
      )
      .addColumn('quantity', 'double precision', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('restock_ledger_product_location')
      .on('restock_ledger')
      .columns(['product_id', 'location_id'])
      .execute();
    await db.schema
      .createTable('restock_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('purchase_order', 'transfer')`))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending_review', 'executed', 'approved', 'rejected', 'received')`),
      )
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.notNull())
      .addColumn('from_location_id', 'text')
      .addColumn('supplier_id', 'text')
      .addColumn('quantity', 'double precision', (c) => c.notNull())
      .addColumn('unit_price', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('reasoning', 'text', (c) => c.notNull())
      .addColumn('decision', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'timestamptz')
      .addColumn('decided_by', 'text')
      .addColumn('decision_reason', 'text')
      .addColumn('signature_id', 'text')
      .execute();
    await db.schema
      .createIndex('restock_orders_status')
      .on('restock_orders')
      .columns(['status', 'created_at'])
      .execute();
    await db.schema
      .createTable('restock_order_sequences')
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('last_value', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('restock_order_sequences_pk', ['prefix', 'day'])
      .execute();
    await db.schema
      .createTable('restock_idempotency')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('response', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'restock_idempotency',
      'restock_order_sequences',
      'restock_orders',
      'restock_ledger',
      'restock_demand',
      'restock_products',
      'restock_locations',
      'restock_suppliers',
    ]) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};

/**
 * Ledger movements over HTTP and CLI: a reason and the poster on each ledger entry, the received quantity of an
 * order (partial receipts), and the `partially_received` order status.
 */
const ledgerMovements: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('restock_ledger').addColumn('reason', 'text').execute();
    await db.schema.alterTable('restock_ledger').addColumn('recorded_by', 'text').execute();
    await db.schema
      .alterTable('restock_orders')
      .addColumn('received_quantity', 'double precision', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`alter table restock_orders drop constraint if exists restock_orders_status_check`.execute(db);
    await sql`alter table restock_orders add constraint restock_orders_status_check check (status in ('pending_review', 'executed', 'approved', 'rejected', 'partially_received', 'received'))`.execute(
      db,
    );
    await db.schema
      .createIndex('restock_ledger_product_time')
      .on('restock_ledger')
      .columns(['product_id', 'occurred_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('restock_ledger_product_time').ifExists().execute();
    await sql`alter table restock_orders drop constraint if exists restock_orders_status_check`.execute(db);
    await sql`alter table restock_orders add constraint restock_orders_status_check check (status in ('pending_review', 'executed', 'approved', 'rejected', 'received'))`.execute(
      db,
    );
    await db.schema.alterTable('restock_orders').dropColumn('received_quantity').execute();
    await db.schema.alterTable('restock_ledger').dropColumn('recorded_by').execute();
    await db.schema.alterTable('restock_ledger').dropColumn('reason').execute();
  },
};

/** The module's migrations, run by the platform after its own. */
export const restockMigrations = {
  '0001_restock_init': init,
  '0002_restock_ledger_movements': ledgerMovements,
} as const;
