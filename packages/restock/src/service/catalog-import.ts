import { AppError } from '@quintessence/platform';
import type { DemandSeries } from '../csv/wide-csv.js';
import type { Product, RestockStore } from '../ports.js';

interface CatalogRow {
  readonly product: Product;
  readonly stock: number;
}

const required = ['id', 'name', 'unit_price', 'service_level', 'lead_time_days', 'stock'] as const;

/** Parses a catalog CSV (`id,name,unit_price,service_level,lead_time_days,stock[,location][,supplier]`); every problem names its line. */
export function parseCatalogCsv(text: string, defaultLocation: string): CatalogRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2)
    throw new AppError('RESTOCK_INVALID_CSV', 'the catalog CSV needs a header row and at least one product');
  const header = lines[0]!.split(',').map((h) => h.trim().toLowerCase());
  for (const col of required) {
    if (!header.includes(col)) throw new AppError('RESTOCK_INVALID_CSV', `line 1: the catalog needs a "${col}" column`);
  }
  const at = (cells: string[], col: string) => (cells[header.indexOf(col)] ?? '').trim();
  const rows: CatalogRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    const line = i + 1;
    const num = (col: string, lo: number, hi: number, integer = false) => {
      const raw = at(cells, col);
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
        throw new AppError(
          'RESTOCK_INVALID_CSV',
          `line ${line}, column "${col}": "${raw}" is not ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}]`,
          {
            details: { line, column: col, value: raw },
          },
        );
      }
      return v;
    };
    const id = at(cells, 'id');
    if (!id) throw new AppError('RESTOCK_INVALID_CSV', `line ${line}: empty id`);
    rows.push({
      product: {
        id,
        name: at(cells, 'name') || id,
        unitPrice: num('unit_price', 0, Number.MAX_VALUE),
        serviceLevel: num('service_level', 0.5, 0.99),
        leadTimeDays: num('lead_time_days', 1, 3650, true),
        supplierId: header.includes('supplier') ? at(cells, 'supplier') || null : null,
        homeLocationId: (header.includes('location') && at(cells, 'location')) || defaultLocation,
      },
      stock: num('stock', 0, Number.MAX_VALUE),
    });
  }
  return rows;
}

/**
 * Imports a catalog and/or demand history in one transaction: every row is validated first, then everything is
 * written or nothing. Stock levels are set through a ledger adjustment to the given on-hand quantity.
 */
export async function importCatalogCsv(
  store: RestockStore,
  input: {
    catalogText?: string;
    demand?: { periods: string[]; series: DemandSeries[] };
    now: Date;
    defaultLocation: string;
  },
): Promise<{ products: number; demandSeries: number }> {
  const rows = input.catalogText ? parseCatalogCsv(input.catalogText, input.defaultLocation) : [];
  return store.transaction(async (s) => {
    for (const r of rows) {
      await s.upsertLocation({ id: r.product.homeLocationId, name: r.product.homeLocationId });
      if (r.product.supplierId && !(await s.getSupplier(r.product.supplierId))) {
        // suppliers must exist before products reference them
        await s.upsertSupplier({
          id: r.product.supplierId,
          name: r.product.supplierId,
          leadTimeMeanDays: r.product.leadTimeDays,
          leadTimeSdDays: 0,
          moq: 0,
          packSize: 1,
          holdingCostRate: 0.25,
          onTimeRate: 1,
        });
      }
      await s.upsertProduct(r.product);
      const snap = await s.snapshot(r.product.id);
      const delta = r.stock - (snap?.onHand ?? 0);
      if (delta !== 0) {
        await s.appendLedger([
          {
            productId: r.product.id,
            locationId: r.product.homeLocationId,
            kind: 'adjustment',
            quantity: delta,
            reference: 'catalog import',
            occurredAt: input.now,
          },
        ]);
      }
    }
    let demandSeries = 0;
    for (const series of input.demand?.series ?? []) {
      if (!(await s.getProduct(series.id))) {
        throw new AppError(
          'RESTOCK_UNKNOWN_PRODUCT',
          `demand for unknown product "${series.id}" (import it in the catalog first)`,
        );
      }
      const points = input
        .demand!.periods.map((period, i) => ({ period, quantity: series.values[i]! }))
        .filter((p) => !Number.isNaN(p.quantity));
      await s.setDemandHistory(series.id, points);
      demandSeries++;
    }
    return { products: rows.length, demandSeries };
  });
}
