import type { DemandPoint, LedgerEntry, Location, Product, RestockStore, Supplier } from './ports.js';

/** One demo product: the seed's mock values (stock, lead time days, service level, unit price, daily demands). */
export interface DemoProduct {
  readonly id: string;
  readonly name: string;
  readonly stock: number;
  readonly leadTimeDays: number;
  readonly serviceLevel: number;
  readonly unitPrice: number;
  readonly demand: readonly number[];
}

/**
 * The seed's six mock products plus BRASS_FITTINGS, which sits above its reorder point, and NICKEL_PLATES, whose
 * demand is falling (the agent plans with the recent level and its confidence drops: it goes to review).
 */
export const demoProducts: readonly DemoProduct[] = [
  {
    id: 'STEEL_SHEETS',
    name: 'Steel sheets',
    stock: 150,
    leadTimeDays: 7,
    serviceLevel: 0.95,
    unitPrice: 500,
    demand: [100, 120, 110, 130, 125, 115, 140],
  },
  {
    id: 'ALUMINUM_BARS',
    name: 'Aluminum bars',
    stock: 300,
    leadTimeDays: 5,
    serviceLevel: 0.95,
    unitPrice: 350,
    demand: [80, 95, 85, 90, 100, 88, 92],
  },
  {
    id: 'COPPER_WIRE',
    name: 'Copper wire',
    stock: 80,
    leadTimeDays: 10,
    serviceLevel: 0.99,
    unitPrice: 1200,
    demand: [25, 30, 28, 32, 27, 29, 31],
  },
  {
    id: 'PLASTIC_PELLETS',
    name: 'Plastic pellets',
    stock: 500,
    leadTimeDays: 3,
    serviceLevel: 0.9,
    unitPrice: 50,
    demand: [200, 180, 220, 210, 190, 205, 195],
  },
  {
    id: 'TITANIUM_RODS',
    name: 'Titanium rods',
    stock: 45,
    leadTimeDays: 14,
    serviceLevel: 0.99,
    unitPrice: 2500,
    demand: [15, 18, 12, 20, 16, 14, 17],
  },
  {
    id: 'RUBBER_SHEETS',
    name: 'Rubber sheets',
    stock: 220,
    leadTimeDays: 4,
    serviceLevel: 0.95,
    unitPrice: 80,
    demand: [60, 55, 65, 58, 62, 57, 63],
  },
  {
    id: 'BRASS_FITTINGS',
    name: 'Brass fittings',
    stock: 900,
    leadTimeDays: 5,
    serviceLevel: 0.95,
    unitPrice: 30,
    demand: [40, 42, 38, 41, 39, 43, 40],
  },
  {
    id: 'NICKEL_PLATES',
    name: 'Nickel plates',
    stock: 120,
    leadTimeDays: 5,
    serviceLevel: 0.95,
    unitPrice: 900,
    demand: [95, 90, 88, 80, 76, 70, 66, 60, 55, 50],
  },
];

export const demoLocations: readonly Location[] = [
  { id: 'MAIN', name: 'Main warehouse' },
  { id: 'WEST', name: 'West warehouse' },
];

export const demoSupplier: Supplier = {
  id: 'DEMO_SUPPLIER',
  name: 'Demo metals & polymers',
  leadTimeMeanDays: 7,
  leadTimeSdDays: 0,
  moq: 0,
  packSize: 1,
  unitCost: null,
  orderCost: null,
  holdingCostRate: 0.25,
  onTimeRate: 0.95,
};

/** Extra stock at the second warehouse so the transfer rule has something to find. */
const westStock: Readonly<Record<string, number>> = { RUBBER_SHEETS: 600 };

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Loads the demo catalog (idempotent: products already present are left as they are). The daily demands end
 * yesterday relative to `now`.
 */
export async function seedDemoCatalog(
  store: RestockStore,
  now: Date,
  location = 'MAIN',
): Promise<{ created: string[] }> {
  return store.transaction(async (s) => {
    for (const l of demoLocations) await s.upsertLocation(l);
    if (!demoLocations.some((l) => l.id === location)) await s.upsertLocation({ id: location, name: location });
    await s.upsertSupplier(demoSupplier);
    const created: string[] = [];
    for (const p of demoProducts) {
      if (await s.getProduct(p.id)) continue;
      const product: Product = {
        id: p.id,
        name: p.name,
        unitPrice: p.unitPrice,
        serviceLevel: p.serviceLevel,
        leadTimeDays: p.leadTimeDays,
        supplierId: demoSupplier.id,
        homeLocationId: location,
      };
      await s.upsertProduct(product);
      const history: DemandPoint[] = p.demand.map((q, i) => ({
        period: isoDay(new Date(now.getTime() - (p.demand.length - i) * 86_400_000)),
        quantity: q,
      }));
      await s.setDemandHistory(p.id, history);
      const ledger: LedgerEntry[] = [
        {
          productId: p.id,
          locationId: location,
          kind: 'receipt',
          quantity: p.stock,
          reference: 'demo opening stock',
          occurredAt: now,
        },
      ];
      const west = westStock[p.id];
      if (west)
        ledger.push({
          productId: p.id,
          locationId: 'WEST',
          kind: 'receipt',
          quantity: west,
          reference: 'demo opening stock',
          occurredAt: now,
        });
      await s.appendLedger(ledger);
      created.push(p.id);
    }
    return { created };
  });
}
