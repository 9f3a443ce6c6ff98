import { readFileSync } from 'node:fs';
import {
  AppError,
  type CliContext,
  type Principal,
  parseFormat,
  registerErrorCodes,
  registerPermissions,
  writeOutput,
} from '@quintessence/platform';
import type { Command } from 'commander';
import { createKyselyRestockStore } from '../adapters/kysely-store.js';
import { parseRestockConfig } from '../config.js';
import { completePrefix, parseDemandCsv, parseWideCsv } from '../csv/wide-csv.js';
import { seedDemoCatalog } from '../demo-catalog.js';
import { rollingOriginBacktest } from '../domain/forecasting/backtest.js';
import {
  type ForecastMethod,
  flatForecast,
  forecastMethods,
  isForecastMethod,
} from '../domain/forecasting/forecast.js';
import type { PolicyKind } from '../domain/policies.js';
import { simulateSeriesBatch } from '../domain/simulation-batch.js';
import { restockErrorCodes } from '../errors.js';
import { restockPermissions } from '../permissions.js';
import { orderStatuses } from '../ports.js';
import { importCatalogCsv } from '../service/catalog-import.js';
import { createRestockService } from '../service/restock-service.js';
import { createStockLedgerService, type StockLedgerService } from '../service/stock-ledger-service.js';

const cliPrincipal: Principal = { kind: 'system', id: 'cli', name: 'cli', roles: ['admin'] };

const aliases: Record<string, ForecastMethod> = {
  snaive: 'seasonal_naive',
  ma: 'moving_average',
  ets: 'ets_ann',
};

function fail(message: string): never {
  throw new AppError('VALIDATION_ERROR', message);
}

function intOption(name: string, value: string | undefined, min: number): number {
  if (value === undefined) fail(`--${name} is required`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}; got "${value}"`);
  return n;
}

function probability(name: string, value: string, lo: number, hi: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < lo || n > hi) fail(`--${name} must be a number in [${lo}, ${hi}]; got "${value}"`);
  return n;
}

/** A number option (the service validates its range). */
function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) fail(`--${name} must be a number; got "${value}"`);
  return n;
}

function readInput(path: string | undefined): string {
  if (!path) fail('--input is required');
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'VALIDATION_ERROR',
      `cannot read --input ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export function parseModels(value: string): ForecastMethod[] {
  const out: ForecastMethod[] = [];
  for (const raw of value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const name = aliases[raw] ?? raw;
    if (raw === 'auto') {
      out.push('auto' as ForecastMethod);
      continue;
    }
    if (!isForecastMethod(name)) fail(`unknown model "${raw}"; known: ${[...forecastMethods, 'auto'].join(', ')}`);
    out.push(name);
  }
  if (out.length === 0) fail('--models needs at least one model');
  return out;
}

/** Adds `quintessence restock …` to the program. */
export function registerRestockCli(program: Command, cli: CliContext): void {
  registerErrorCodes(restockErrorCodes);
  registerPermissions(restockPermissions);
  const restock = program
    .command('restock')
    .description('Inventory restocking: forecasts, policies, simulation, agent triggers and the review queue');

  restock
    .command('forecast')
    .description('Flat forecasts per series and model from a wide CSV (series id, one column per period)')
    .requiredOption('--input <file>', 'wide CSV: first column the series id, one column per period, blank = missing')
    .requiredOption('--train-periods <n>', 'fit on the first N periods (series with a missing value there are skipped)')
    .option('--horizon <h>', 'forecast horizon (flat methods repeat one value; others are averaged over it)', '1')
    .option(
      '--models <list>',
      `comma-separated: ${forecastMethods.join(', ')}, auto (rolling-origin RMSSE selection)`,
      'croston,sba,ses,tsb',
    )
    .option('--alpha <a>', 'smoothing constant for SES/Croston/SBA/TSB/ADIDA/IMAPA', '0.1')
    .option('--format <format>', 'csv, json or table', 'csv')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence restock forecast --input carparts.csv --train-periods 39 --horizon 12 --models croston,sba,ses,tsb --format csv',
    )
    .action((opts: Record<string, string>) => {
      const format = parseFormat(opts.format!);
      const train = intOption('train-periods', opts.trainPeriods, 1);
      const horizon = intOption('horizon', opts.horizon, 1);
      const alpha = probability('alpha', opts.alpha!, 1e-6, 1);
      const models = parseModels(opts.models!);
      const { series } = parseWideCsv(readInput(opts.input));
      const rows: Array<{ series: string; model: string; forecast: number }> = [];
      let skipped = 0;
      for (const s of series) {
        const y = completePrefix(s.values, train);
        if (!y) {
          skipped++;
          continue;
        }
        for (const model of models) {
          if ((model as string) === 'auto') {
            const bt = rollingOriginBacktest(y, ['naive', 'ses', 'croston', 'sba', 'tsb', 'moving_average'], {
              minTrain: Math.max(3, Math.floor(train / 2)),
              horizon,
              forecastOptions: { alpha },
            });
            const best = bt.best?.method ?? 'ses';
            rows.push({ series: s.id, model: `auto:${best}`, forecast: flatForecast(best, y, horizon, { alpha }) });
          } else {
            rows.push({ series: s.id, model, forecast: flatForecast(model, y, horizon, { alpha }) });
          }
        }
      }
      if (skipped > 0) cli.stderr.write(`note: skipped ${skipped} series with fewer than ${train} complete periods\n`);
      writeOutput(cli, format, rows, ['series', 'model', 'forecast']);
    });

  restock
    .command('simulate')
    .description('Design a policy per series on the training periods and replay the rest; prints achieved service')
    .requiredOption('--input <file>', 'wide CSV of demand per period')
    .requiredOption('--train-periods <n>', 'periods used to estimate mean and standard deviation')
    .requiredOption('--lead-time <l>', 'lead time in periods (integer >= 0)')
    .option('--service-level <p>', 'target cycle service level in [0.5, 0.999]', '0.95')
    .option('--fill-rate <b>', 'target fill rate in [0.5, 0.999] (instead of the cycle service level)')
    .option('--policy <kind>', 'sQ, RS, sS or base_stock', 'sQ')
    .option('--review-period <r>', 'review period for RS', '1')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence restock simulate --input carparts.csv --train-periods 39 --lead-time 2 --service-level 0.95 --policy sQ --format json',
    )
    .action((opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const train = intOption('train-periods', opts.trainPeriods, 2);
      const leadTime = intOption('lead-time', opts.leadTime, 0);
      const serviceLevel = probability('service-level', opts.serviceLevel!, 0.5, 0.999);
      const fillRate = opts.fillRate === undefined ? undefined : probability('fill-rate', opts.fillRate, 0.5, 0.999);
      const reviewPeriod = intOption('review-period', opts.reviewPeriod, 1);
      const policies = ['sQ', 'RS', 'sS', 'base_stock'];
      if (!policies.includes(opts.policy!))
        fail(`--policy must be one of ${policies.join(', ')}; got "${opts.policy}"`);
      const { series } = parseWideCsv(readInput(opts.input));
      const complete = series.map((s) => s.values).filter((v) => !v.some(Number.isNaN));
      const r = simulateSeriesBatch(complete, {
        trainPeriods: train,
        leadTime,
        serviceLevel,
        fillRate,
        policy: opts.policy as PolicyKind,
        reviewPeriod,
      });
      writeOutput(cli, format, {
        series: r.series,
        skipped: r.skipped + (series.length - complete.length),
        policy: r.policy,
        lead_time: r.leadTime,
        target_service_level: r.targetServiceLevel,
        target_fill_rate: r.targetFillRate,
        cycle_service_level: r.cycleServiceLevel,
        period_service_level: r.periodServiceLevel,
        fill_rate: r.fillRate,
        average_on_hand: r.averageOnHand,
        average_backorders: r.averageBackorders,
        orders: r.orders,
      });
    });

  restock
    .command('trigger')
    .description('Run the restocking agent for a product (mock mode: from the catalog)')
    .argument('<product>', 'product id')
    .option('--mode <mode>', 'mock (catalog) or input', 'mock')
    .option('--stock <n>', 'current stock (input mode)')
    .option('--demand <list>', 'comma-separated demand history, at least 3 values (input mode)')
    .option('--lead-time <days>', 'lead time in days (input mode)')
    .option('--service-level <p>', 'service level in [0.5, 0.99]')
    .option('--unit-price <price>', 'unit price')
    .option('--idempotency-key <key>', 'replays the stored result when repeated')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence restock trigger STEEL_SHEETS\n  $ quintessence restock trigger NEW_SKU --mode input --stock 10 --demand 5,6,7,6 --lead-time 3',
    )
    .action(async (product: string, opts: Record<string, string | undefined>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const num = (name: string, v: string | undefined) => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) fail(`--${name} must be a number; got "${v}"`);
        return n;
      };
      const body = {
        product_id: product,
        mode: opts.mode,
        current_stock: num('stock', opts.stock),
        demand_history: opts.demand?.split(',').map((v, i) => {
          const n = Number(v);
          if (v.trim() === '' || !Number.isFinite(n)) fail(`--demand value ${i + 1} is not a number: "${v}"`);
          return n;
        }),
        lead_time_days: num('lead-time', opts.leadTime),
        service_level: num('service-level', opts.serviceLevel),
        unit_price: num('unit-price', opts.unitPrice),
      };
      const result = await cli.withContext((ctx) =>
        createRestockService(ctx).trigger(body, { principal: cliPrincipal, idempotencyKey: opts.idempotencyKey }),
      );
      writeOutput(cli, format, result);
    });

  restock
    .command('debug')
    .description('Show the safety-stock calculation for a catalog product and whether it would trigger (no LLM call)')
    .argument('<product>', 'product id')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText('after', '\nExample:\n  $ quintessence restock debug STEEL_SHEETS --format table')
    .action(async (product: string, opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const result = await cli.withContext((ctx) => createRestockService(ctx).debug(product));
      writeOutput(cli, format, result);
    });

  restock
    .command('seed-demo')
    .description('Load the demo catalog (the seed mock products; idempotent)')
    .addHelpText('after', '\nExample:\n  $ quintessence restock seed-demo')
    .action(async () => {
      const r = await cli.withContext(async (ctx) => {
        const config = parseRestockConfig(ctx.config.modules?.restock);
        return seedDemoCatalog(createKyselyRestockStore(ctx.db), ctx.clock.now(), config.defaultLocation);
      });
      cli.stdout.write(
        `demo catalog: ${r.created.length} products added${r.created.length ? ` (${r.created.join(', ')})` : ''}\n`,
      );
    });

  restock
    .command('import')
    .description('Import a catalog CSV and/or demand history (long date,sku,quantity or wide); all or nothing')
    .option('--catalog <file>', 'CSV: id,name,unit_price,service_level,lead_time_days,stock[,location][,supplier]')
    .option('--demand <file>', 'demand CSV, long (date,sku,quantity) or wide (id, one column per period)')
    .addHelpText('after', '\nExample:\n  $ quintessence restock import --catalog products.csv --demand demand.csv')
    .action(async (opts: Record<string, string | undefined>) => {
      if (!opts.catalog && !opts.demand) fail('give --catalog and/or --demand');
      const catalogText = opts.catalog ? readInput(opts.catalog) : undefined;
      const demand = opts.demand ? parseDemandCsv(readInput(opts.demand)) : undefined;
      const r = await cli.withContext(async (ctx) => {
        const config = parseRestockConfig(ctx.config.modules?.restock);
        return importCatalogCsv(createKyselyRestockStore(ctx.db), {
          catalogText,
          demand,
          now: ctx.clock.now(),
          defaultLocation: config.defaultLocation,
        });
      });
      cli.stdout.write(`imported ${r.products} products, demand for ${r.demandSeries} series\n`);
    });

  const orders = restock.command('orders').description('The review queue');
  orders
    .command('list')
    .option('--status <status>', 'pending_review, executed, approved, rejected, partially_received or received')
    .option('--limit <n>', 'rows', '50')
    .option('--format <format>', 'table, json or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence restock orders list --status pending_review')
    .action(async (opts: Record<string, string | undefined>) => {
      const format = parseFormat(opts.format!);
      const statuses: readonly string[] = orderStatuses;
      if (opts.status && !statuses.includes(opts.status)) fail(`--status must be one of ${statuses.join(', ')}`);
      const limit = intOption('limit', opts.limit, 1);
      const rows = await cli.withContext((ctx) =>
        createRestockService(ctx).listOrders({ status: opts.status as never, limit }),
      );
      writeOutput(
        cli,
        format,
        rows.map(({ reasoning: _r, ...r }) => r),
        ['id', 'type', 'status', 'product_id', 'quantity', 'confidence', 'created_at', 'decided_by'],
      );
    });
  orders
    .command('show')
    .argument('<id>', 'order number')
    .addHelpText('after', '\nExample:\n  $ quintessence restock orders show PO-20261123-0001')
    .action(async (id: string) => {
      writeOutput(cli, 'json', await cli.withContext((ctx) => createRestockService(ctx).getOrder(id)));
    });
  orders
    .command('approve')
    .argument('<id>', 'order number')
    .requiredOption('--user <username>', 'the approver (signs electronically)')
    .option('--password <password>', 'the approver password (or QX_SIGN_PASSWORD)')
    .option('--reason <text>', 'why')
    .addHelpText(
      'after',
      '\nExample:\n  $ QX_SIGN_PASSWORD=... quintessence restock orders approve PO-20261123-0001 --user ann',
    )
    .action(async (id: string, opts: Record<string, string | undefined>) => {
      const password = opts.password ?? process.env.QX_SIGN_PASSWORD;
      if (!password) fail('approval is an electronic signature: give --password or set QX_SIGN_PASSWORD');
      const principal: Principal = { kind: 'user', id: opts.user!, name: opts.user!, roles: ['approver'] };
      const r = await cli.withContext((ctx) =>
        createRestockService(ctx).approve(id, { password, reason: opts.reason }, { principal }),
      );
      writeOutput(cli, 'json', r);
    });
  orders
    .command('reject')
    .argument('<id>', 'order number')
    .requiredOption('--user <username>', 'who rejects')
    .requiredOption('--reason <text>', 'why (required)')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence restock orders reject PO-20261123-0002 --user ann --reason "demand moved to the new alloy"',
    )
    .action(async (id: string, opts: Record<string, string | undefined>) => {
      const principal: Principal = { kind: 'user', id: opts.user!, name: opts.user!, roles: ['approver'] };
      const r = await cli.withContext((ctx) =>
        createRestockService(ctx).reject(id, { reason: opts.reason }, { principal }),
      );
      writeOutput(cli, 'json', r);
    });
  orders
    .command('receive')
    .description('Receive an open purchase order or transfer (all open units, or --quantity for a partial receipt)')
    .argument('<id>', 'order number')
    .option('--quantity <n>', 'units received (default: everything still open)')
    .option('--reference <text>', 'delivery note or similar')
    .option('--idempotency-key <key>', 'replays the stored result when repeated')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence restock orders receive PO-20261123-0001 --quantity 400 --reference DN-7781',
    )
    .action(async (id: string, opts: Record<string, string | undefined>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const body = { quantity: numberOption('quantity', opts.quantity), reference: opts.reference };
      const r = await cli.withContext((ctx) =>
        createStockLedgerService(ctx).receiveOrder(id, body, {
          principal: cliPrincipal,
          idempotencyKey: opts.idempotencyKey,
        }),
      );
      writeOutput(cli, format, format === 'table' ? r.entries : r);
    });

  const stock = restock
    .command('stock')
    .description('The stock ledger: levels, receipts, issues, adjustments, transfers');
  stock
    .command('show')
    .argument('<product>', 'product id')
    .description('Stock per location and the inventory position (on hand + on order − backorders)')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText('after', '\nExample:\n  $ quintessence restock stock show STEEL_SHEETS')
    .action(async (product: string, opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      const r = await cli.withContext((ctx) => createStockLedgerService(ctx).levels(product));
      writeOutput(cli, format, r);
    });
  stock
    .command('ledger')
    .argument('<product>', 'product id')
    .description('Ledger entries of a product, newest first')
    .option('--location <id>', 'only this location')
    .option('--limit <n>', 'rows', '50')
    .option('--format <format>', 'table, json or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence restock stock ledger STEEL_SHEETS --limit 20')
    .action(async (product: string, opts: Record<string, string | undefined>) => {
      const format = parseFormat(opts.format!);
      const limit = intOption('limit', opts.limit, 1);
      const rows = await cli.withContext((ctx) =>
        createStockLedgerService(ctx).ledger(product, { limit, locationId: opts.location }),
      );
      writeOutput(cli, format, rows, [
        'occurred_at',
        'location_id',
        'kind',
        'quantity',
        'reference',
        'reason',
        'recorded_by',
      ]);
    });

  const movement = (
    name: string,
    description: string,
    example: string,
    configure: (c: Command) => Command,
    run: (ledger: StockLedgerService, product: string, opts: Record<string, string | boolean | undefined>) => unknown,
  ) => {
    configure(
      stock
        .command(name)
        .description(description)
        .argument('<product>', 'product id')
        .option('--reference <text>', 'document reference')
        .option('--user <name>', 'recorded as the poster', 'cli')
        .option('--idempotency-key <key>', 'replays the stored result when repeated')
        .option('--format <format>', 'json or table', 'json')
        .addHelpText('after', `\nExample:\n  $ ${example}`),
    ).action(async (product: string, opts: Record<string, string | boolean | undefined>) => {
      const format = parseFormat(String(opts.format), ['json', 'table']);
      const r = (await cli.withContext(async (ctx) => run(createStockLedgerService(ctx), product, opts))) as {
        entries: unknown[];
      };
      writeOutput(cli, format, format === 'table' ? r.entries : r);
    });
  };
  const meta = (opts: Record<string, string | boolean | undefined>) => ({
    principal: { ...cliPrincipal, name: String(opts.user ?? 'cli') },
    idempotencyKey: opts.idempotencyKey as string | undefined,
  });
  const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  movement(
    'receive',
    'Receive goods at a location (default: the product home); fills backorders there first',
    'quintessence restock stock receive STEEL_SHEETS --quantity 200 --reference DN-1001',
    (c) => c.requiredOption('--quantity <n>', 'units (> 0)').option('--location <id>', 'location'),
    (l, product, o) =>
      l.receipt(
        {
          product_id: product,
          location_id: str(o.location),
          quantity: numberOption('quantity', str(o.quantity)),
          reference: str(o.reference),
        },
        meta(o),
      ),
  );
  movement(
    'issue',
    'Issue goods from a location; more than on hand fails unless --allow-backorder',
    'quintessence restock stock issue STEEL_SHEETS --quantity 40 --reference SO-5531',
    (c) =>
      c
        .requiredOption('--quantity <n>', 'units (> 0)')
        .option('--location <id>', 'location')
        .option('--allow-backorder', 'record the part beyond on hand as a backorder'),
    (l, product, o) =>
      l.issue(
        {
          product_id: product,
          location_id: str(o.location),
          quantity: numberOption('quantity', str(o.quantity)),
          allow_backorder: o.allowBackorder === true,
          reference: str(o.reference),
        },
        meta(o),
      ),
  );
  movement(
    'adjust',
    'Correct the stock after a count (signed quantity); a reason is required',
    'quintessence restock stock adjust STEEL_SHEETS --quantity -3 --reason "cycle count: damaged sheets"',
    (c) =>
      c
        .requiredOption('--quantity <n>', 'signed units (not 0)')
        .requiredOption('--reason <text>', 'why (required)')
        .option('--location <id>', 'location'),
    (l, product, o) =>
      l.adjust(
        {
          product_id: product,
          location_id: str(o.location),
          quantity: numberOption('quantity', str(o.quantity)),
          reason: str(o.reason),
          reference: str(o.reference),
        },
        meta(o),
      ),
  );
  movement(
    'transfer',
    'Move stock between two locations (both legs or neither; the source must have the stock)',
    'quintessence restock stock transfer RUBBER_SHEETS --from WEST --to MAIN --quantity 50',
    (c) =>
      c
        .requiredOption('--from <id>', 'source location')
        .requiredOption('--to <id>', 'destination location')
        .requiredOption('--quantity <n>', 'units (> 0)'),
    (l, product, o) =>
      l.transfer(
        {
          product_id: product,
          from_location_id: str(o.from),
          to_location_id: str(o.to),
          quantity: numberOption('quantity', str(o.quantity)),
          reference: str(o.reference),
        },
        meta(o),
      ),
  );

  restock
    .command('allocate')
    .description('Split a purchase budget across the products that need an order (most days short first)')
    .requiredOption('--budget <amount>', 'money available (>= 0)')
    .option('--products <list>', 'comma-separated product ids (default: the whole catalog)')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence restock allocate --budget 250000 --format table')
    .action(async (opts: Record<string, string | undefined>) => {
      const format = parseFormat(opts.format!);
      const body = {
        budget: numberOption('budget', opts.budget),
        product_ids: opts.products
          ?.split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      };
      const r = await cli.withContext((ctx) => createRestockService(ctx).allocateBudget(body));
      if (format === 'json') {
        writeOutput(cli, format, r);
        return;
      }
      writeOutput(cli, format, r.items, [
        'product_id',
        'action',
        'days_short',
        'requested_quantity',
        'funded_quantity',
        'unit_cost',
        'cost',
        'fully_funded',
      ]);
      cli.stderr.write(
        `budget ${r.budget}, spent ${r.spent}, remaining ${r.remaining}; no action: ${r.no_action.join(', ') || '-'}\n`,
      );
    });
}
