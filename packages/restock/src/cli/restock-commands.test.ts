import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliContext, captureIo, loadConfig, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../demo-catalog.js';
import { croston } from '../domain/forecasting/intermittent.js';
import { sesLevel } from '../domain/forecasting/smoothing.js';
import { createRestockService } from '../service/restock-service.js';
import { openRestockTestContext, type RestockTestContext } from '../testing/restock-test-context.js';
import { registerRestockCli } from './restock-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'restock-cli-'));
const wide = join(dir, 'wide.csv');
writeFileSync(
  wide,
  ['Part,m1,m2,m3,m4,m5,m6,m7,m8', 'A,0,2,0,0,3,0,1,0', 'B,5,4,6,5,7,5,6,4', 'C,1,,0,0,0,0,0,0'].join('\n'),
);
const bad = join(dir, 'bad.csv');
writeFileSync(bad, ['Part,m1,m2,m3', 'A,0,1,2', 'B,1,x2,3'].join('\n'));

function program(cli: Partial<CliContext> & Pick<CliContext, 'stdout' | 'stderr'>): Command {
  const p = new Command('quintessence');
  registerRestockCli(p, {
    withContext: async () => {
      throw new Error('no context in this test');
    },
    config: () => loadConfig({}),
    ...cli,
  } as CliContext);
  return p;
}

async function run(argv: string[], extra: Partial<CliContext> = {}) {
  const cap = captureIo();
  const code = await runProgram(program({ ...cap.io, ...extra }), argv, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

describe('restock forecast (benchmark contract)', () => {
  it('prints series,model,forecast at full precision, one flat forecast per series and model', async () => {
    const r = await run([
      'restock',
      'forecast',
      '--input',
      wide,
      '--train-periods',
      '6',
      '--horizon',
      '3',
      '--models',
      'croston,sba,ses,tsb',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('series,model,forecast');
    expect(lines).toHaveLength(1 + 2 * 4);
    const a = [0, 2, 0, 0, 3, 0];
    expect(lines[1]).toBe(`A,croston,${croston(a, { alpha: 0.1 })}`);
    expect(lines[3]).toBe(`A,ses,${sesLevel(a, 0.1)}`);
    expect(r.err).toContain('skipped 1 series');
  });

  it('rejects unknown models and bad numbers with exit code 2', async () => {
    const r = await run(['restock', 'forecast', '--input', wide, '--train-periods', '6', '--models', 'prophet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: unknown model "prophet"/);
    expect((await run(['restock', 'forecast', '--input', wide, '--train-periods', 'x'])).code).toBe(2);
  });

  it('names the line and column of a non-numeric CSV cell', async () => {
    const r = await run(['restock', 'forecast', '--input', bad, '--train-periods', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 3, column "m2": "x2" is not a number');
    expect(r.err).not.toContain('    at ');
  });

  it('reports a missing input file clearly', async () => {
    const r = await run(['restock', 'forecast', '--input', join(dir, 'missing.csv'), '--train-periods', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read --input');
  });
});

describe('restock simulate (benchmark contract)', () => {
  it('prints the aggregated achieved service as JSON', async () => {
    const r = await run([
      'restock',
      'simulate',
      '--input',
      wide,
      '--train-periods',
      '4',
      '--lead-time',
      '1',
      '--service-level',
      '0.9',
      '--policy',
      'sQ',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ series: 2, policy: 'sQ', lead_time: 1, target_service_level: 0.9 });
    for (const k of ['cycle_service_level', 'fill_rate', 'average_on_hand', 'average_backorders'])
      expect(typeof j[k]).toBe('number');
    expect(j.fill_rate).toBeGreaterThanOrEqual(0);
    expect(j.fill_rate).toBeLessThanOrEqual(1);
  });
  it('validates the policy and service level', async () => {
    expect(
      (
        await run([
          'restock',
          'simulate',
          '--input',
          wide,
          '--train-periods',
          '4',
          '--lead-time',
          '1',
          '--policy',
          'XYZ',
        ])
      ).code,
    ).toBe(2);
    expect(
      (
        await run([
          'restock',
          'simulate',
          '--input',
          wide,
          '--train-periods',
          '4',
          '--lead-time',
          '1',
          '--service-level',
          '1.5',
        ])
      ).code,
    ).toBe(2);
  });
});

describe('restock trigger / debug / orders from the catalog', () => {
  let h: RestockTestContext;
  beforeAll(async () => {
    h = await openRestockTestContext('pglite');
    await h.reset({ modules: { restock: { confidenceThreshold: 0.99 } } });
    await seedDemoCatalog(createRestockService(h.ctx).store, h.clock.now());
  });
  afterAll(async () => {
    await h?.t.close();
  });
  const withContext: CliContext['withContext'] = (use) => use(h.ctx);

  it('debug prints the seed calculation', async () => {
    const r = await run(['restock', 'debug', 'STEEL_SHEETS'], { withContext });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ safety_stock: 57.57, reorder_point: 897.57, would_trigger: true });
  });

  it('trigger creates a pending order; orders list shows it; unknown products exit 2', async () => {
    const r = await run(['restock', 'trigger', 'COPPER_WIRE'], { withContext });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ safety_stock: 17.73, reorder_point: 306.3, status: 'pending_review' });
    const list = await run(['restock', 'orders', 'list', '--status', 'pending_review', '--format', 'csv'], {
      withContext,
    });
    expect(list.out).toContain(j.order.po_number);
    const unknown = await run(['restock', 'trigger', 'NOPE'], { withContext });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown product "NOPE"');
    const badDemand = await run(
      ['restock', 'trigger', 'X', '--mode', 'input', '--stock', '5', '--demand', '1,2', '--lead-time', '2'],
      { withContext },
    );
    expect(badDemand.code).toBe(2);
    expect(badDemand.err).toContain('demand_history');
  });

  it('imports a catalog and long demand history all or nothing', async () => {
    const catalog = join(dir, 'catalog.csv');
    writeFileSync(
      catalog,
      ['id,name,unit_price,service_level,lead_time_days,stock,supplier', 'GEAR_X,Gear X,12.5,0.95,4,40,ACME'].join(
        '\n',
      ),
    );
    const demand = join(dir, 'demand.csv');
    writeFileSync(
      demand,
      [
        'date,sku,quantity',
        '2026-11-01,GEAR_X,12',
        '2026-11-02,GEAR_X,15',
        '2026-11-03,GEAR_X,11',
        '2026-11-04,GEAR_X,14',
      ].join('\n'),
    );
    const ok = await run(['restock', 'import', '--catalog', catalog, '--demand', demand], { withContext });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('imported 1 products, demand for 1 series');
    const d = JSON.parse((await run(['restock', 'debug', 'GEAR_X'], { withContext })).out);
    expect(d).toMatchObject({ current_stock: 40, demand_history: [12, 15, 11, 14], lead_time_days: 4 });

    const badCatalog = join(dir, 'bad-catalog.csv');
    writeFileSync(
      badCatalog,
      [
        'id,name,unit_price,service_level,lead_time_days,stock',
        'GEAR_Y,Gear Y,3,0.9,2,10',
        'GEAR_Z,Gear Z,abc,0.9,2,10',
      ].join('\n'),
    );
    const bad = await run(['restock', 'import', '--catalog', badCatalog], { withContext });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('line 3, column "unit_price"');
    expect((await run(['restock', 'debug', 'GEAR_Y'], { withContext })).code).toBe(2); // nothing was written

    const orphan = join(dir, 'orphan.csv');
    writeFileSync(orphan, ['Part,d1,d2,d3', 'GEAR_X,1,2,3', 'UNKNOWN_SKU,1,2,3'].join('\n'));
    const r = await run(['restock', 'import', '--demand', orphan], { withContext });
    expect(r.code).toBe(2);
    const after = JSON.parse((await run(['restock', 'debug', 'GEAR_X'], { withContext })).out);
    expect(after.demand_history).toEqual([12, 15, 11, 14]); // the transaction rolled back
  });
});

describe('restock stock / orders receive / allocate', () => {
  let h: RestockTestContext;
  beforeAll(async () => {
    h = await openRestockTestContext('pglite');
    await h.reset({ modules: { restock: { confidenceThreshold: 0 } } });
    await seedDemoCatalog(createRestockService(h.ctx).store, h.clock.now());
  });
  afterAll(async () => {
    await h?.t.close();
  });
  const withContext: CliContext['withContext'] = (use) => use(h.ctx);
  const json = async (argv: string[]) => {
    const r = await run(argv, { withContext });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.out);
  };

  it('receives, issues, adjusts and transfers, and shows the levels and the ledger', async () => {
    const rec = await json(['restock', 'stock', 'receive', 'COPPER_WIRE', '--quantity', '20', '--user', 'wes']);
    expect(rec.entries[0]).toMatchObject({ kind: 'receipt', quantity: 20, recorded_by: 'wes' });
    expect(rec.stock.on_hand).toBe(100);
    const iss = await json(['restock', 'stock', 'issue', 'COPPER_WIRE', '--quantity', '110', '--allow-backorder']);
    expect(iss.stock).toMatchObject({ on_hand: 0, backorders: 10, inventory_position: -10 });
    const adj = await json(['restock', 'stock', 'adjust', 'RUBBER_SHEETS', '--quantity', '-5', '--reason', 'count']);
    expect(adj.stock.on_hand).toBe(215);
    const tr = await json([
      'restock',
      'stock',
      'transfer',
      'RUBBER_SHEETS',
      '--from',
      'WEST',
      '--to',
      'MAIN',
      '--quantity',
      '50',
    ]);
    expect(tr.stock.locations).toEqual([
      { location_id: 'MAIN', on_hand: 265, backorders: 0 },
      { location_id: 'WEST', on_hand: 550, backorders: 0 },
    ]);
    expect(await json(['restock', 'stock', 'show', 'RUBBER_SHEETS'])).toMatchObject({ inventory_position: 265 });
    const ledger = await run(['restock', 'stock', 'ledger', 'RUBBER_SHEETS', '--format', 'csv'], { withContext });
    expect(ledger.out.split('\n')[0]).toBe('occurred_at,location_id,kind,quantity,reference,reason,recorded_by');
    expect(ledger.out).toContain('adjustment,-5,,count,cli');
  });

  it('fails with exit code 2 and a clear message on bad movements, writing nothing', async () => {
    const before = await json(['restock', 'stock', 'show', 'STEEL_SHEETS']);
    const cases: Array<[string[], string]> = [
      [['restock', 'stock', 'issue', 'STEEL_SHEETS', '--quantity', '1000'], 'Not enough STEEL_SHEETS at MAIN'],
      [['restock', 'stock', 'receive', 'STEEL_SHEETS', '--quantity', 'ten'], '--quantity must be a number'],
      [['restock', 'stock', 'receive', 'STEEL_SHEETS', '--quantity', '-4'], 'quantity'],
      [['restock', 'stock', 'adjust', 'STEEL_SHEETS', '--quantity', '3'], "required option '--reason"],
      [
        ['restock', 'stock', 'transfer', 'STEEL_SHEETS', '--from', 'MAIN', '--to', 'MOON', '--quantity', '1'],
        'Unknown location "MOON"',
      ],
      [['restock', 'stock', 'show', 'NOPE'], 'Unknown product "NOPE"'],
      [['restock', 'orders', 'receive', 'PO-19990101-0001'], 'not found'],
      [['restock', 'allocate', '--budget', 'lots'], '--budget must be a number'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, { withContext });
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err, argv.join(' ')).toContain(message);
    }
    expect(await json(['restock', 'stock', 'show', 'STEEL_SHEETS'])).toEqual(before);
  });

  it('receives an executed purchase order in parts and allocates a budget', async () => {
    const trig = await json(['restock', 'trigger', 'TITANIUM_RODS']);
    expect(trig.status).toBe('executed');
    const id = trig.order.po_number;
    const part = await json(['restock', 'orders', 'receive', id, '--quantity', '100', '--reference', 'DN-9']);
    expect(part.order).toMatchObject({ status: 'partially_received', received_quantity: 100 });
    const rest = await json(['restock', 'orders', 'receive', id]);
    expect(rest.order).toMatchObject({ status: 'received', received_quantity: trig.recommended_quantity });
    expect(rest.stock).toMatchObject({ on_hand: 45 + trig.recommended_quantity, on_order: 0 });
    const again = await run(['restock', 'orders', 'receive', id], { withContext });
    expect(again.code).toBe(2);
    expect(again.err).toContain(`Order ${id} is received`);

    const alloc = await json(['restock', 'allocate', '--budget', '100000', '--format', 'json']);
    expect(alloc.spent).toBeLessThanOrEqual(100_000);
    expect(alloc.no_action).toContain('TITANIUM_RODS'); // received: above its reorder point now
    const table = await run(['restock', 'allocate', '--budget', '100000', '--format', 'csv'], { withContext });
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toBe(
      'product_id,action,days_short,requested_quantity,funded_quantity,unit_cost,cost,fully_funded',
    );
    expect(table.err).toContain(`spent ${alloc.spent}`);
  });
});
