import {
  economicOrderQuantity,
  economicOrderQuantityWithBackorders,
  eoqAllUnitsDiscount,
  eoqIncrementalDiscount,
} from '../domain/eoq.js';
import {
  exponentialLoss,
  gammaLoss,
  lognormalLoss,
  normalLoss,
  normalSecondLoss,
  standardNormalLoss,
  standardNormalSecondLoss,
  uniformLoss,
} from '../domain/loss-functions.js';
import { myopicBaseStock, newsvendorNormal, newsvendorNormalCost, newsvendorPoisson } from '../domain/newsvendor.js';
import {
  rqCost,
  rqCostPoisson,
  rqEilApproximation,
  rqEoqbApproximation,
  rqEoqSafetyStockApproximation,
  rqLossFunctionApproximation,
  rqOptimalReorderPoint,
  rqPoissonExact,
} from '../domain/rq.js';
import { sSCostPoisson, sSPoissonExact, sSPowerApproximation } from '../domain/s-s.js';

/**
 * The stockpyl conformance cases (`stockpyl_conformance_values.csv`: function, args, expected) evaluated with this
 * package's domain functions. Shared by the conformance test and the benchmark.
 */
export interface ConformanceRow {
  readonly fn: string;
  readonly args: string;
  readonly expected: string;
}

/** Parses `a=1, b=[1,2], c=x` into a record of numbers / number arrays (bare tokens like `Poisson(6)` keep their text). */
export function parseArgs(text: string): Record<string, number | number[] | string> {
  const out: Record<string, number | number[] | string> = {};
  for (const m of text.matchAll(/(\w+)\s*=\s*(\[[^\]]*\]|[^,]+)/g)) {
    const value = m[2]!.trim();
    if (value.startsWith('[')) out[m[1]!] = value.slice(1, -1).split(',').map(Number);
    else if (/^(true|false)$/i.test(value)) out[m[1]!] = value.toLowerCase();
    else if (value.includes('/')) {
      const [a, b] = value.split('/').map(Number);
      out[m[1]!] = a! / b!;
    } else out[m[1]!] = Number.isNaN(Number(value)) ? value : Number(value);
  }
  const poisson = text.match(/Poisson\(([\d.]+)\)/);
  if (poisson) out.poisson_mean = Number(poisson[1]);
  return out;
}

/** The expected numbers of a row in order (`Q*=304.04, g*=68.41` → [304.04, 68.41]). */
export function parseExpected(text: string): number[] {
  return text.split(',').map((part) => Number(part.slice(part.lastIndexOf('=') + 1).trim()));
}

/** Minimal RFC 4180 reader for the conformance file (quoted fields with commas). */
export function parseConformanceCsv(text: string): ConformanceRow[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((c) => c !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.slice(1).map((r) => ({ fn: r[0]!, args: r[1]!, expected: r[2]! }));
}

/** Computes the values of one case in the order of its `expected` column. */
export function computeStockpylCase(fn: string, argText: string): number[] {
  const a = parseArgs(argText) as Record<string, number & number[]>;
  const rqNormal = {
    holdingCost: a.h,
    stockoutCost: a.p,
    fixedCost: a.K,
    demandMean: a.mean,
    demandSd: a.sd,
    leadTime: a.L,
  };
  switch (fn) {
    case 'economic_order_quantity': {
      const r = economicOrderQuantity({
        fixedCost: a.fixed_cost,
        holdingCost: a.holding_cost,
        demandRate: a.demand_rate,
      });
      return [r.quantity, r.cost];
    }
    case 'economic_order_quantity_with_all_units_discounts':
    case 'economic_order_quantity_with_incremental_discounts': {
      const o = {
        fixedCost: a.K,
        holdingRate: a.i,
        demandRate: a.lambda,
        breakpoints: a.breakpoints,
        unitCosts: a.unit_costs,
      };
      const r = fn.includes('all_units') ? eoqAllUnitsDiscount(o) : eoqIncrementalDiscount(o);
      return [r.quantity, r.region, r.cost];
    }
    case 'economic_order_quantity_with_backorders': {
      const r = economicOrderQuantityWithBackorders({
        fixedCost: a.K,
        holdingCost: a.h,
        stockoutCost: a.p,
        demandRate: a.lambda,
      });
      return [r.quantity, r.backorderFraction, r.cost];
    }
    case 'r_q_cost':
      return [rqCost({ ...rqNormal, reorderPoint: a.r, orderQuantity: a.Q })];
    case 'r_q_optimal_r_for_q':
      return [rqOptimalReorderPoint({ ...rqNormal, orderQuantity: a.Q })];
    case 'r_q_eil_approximation': {
      const r = rqEilApproximation(rqNormal);
      return [r.reorderPoint, r.orderQuantity, r.cost];
    }
    case 'r_q_eoqb_approximation': {
      const r = rqEoqbApproximation(rqNormal);
      return [r.reorderPoint, r.orderQuantity];
    }
    case 'r_q_eoqss_approximation': {
      const r = rqEoqSafetyStockApproximation(rqNormal);
      return [r.reorderPoint, r.orderQuantity];
    }
    case 'r_q_loss_function_approximation': {
      const r = rqLossFunctionApproximation(rqNormal);
      return [r.reorderPoint, r.orderQuantity];
    }
    case 'r_q_cost_poisson':
      return [
        rqCostPoisson({
          reorderPoint: a.r,
          orderQuantity: a.Q,
          holdingCost: a.h,
          stockoutCost: a.p,
          fixedCost: a.K,
          demandMean: a.mean,
          leadTime: a.L,
        }),
      ];
    case 'r_q_poisson_exact': {
      const r = rqPoissonExact({
        holdingCost: a.h,
        stockoutCost: a.p,
        fixedCost: a.K,
        demandMean: a.mean,
        leadTime: a.L,
      });
      return [r.reorderPoint, r.orderQuantity, r.cost];
    }
    case 'newsvendor_normal': {
      const r = newsvendorNormal({ holdingCost: a.h, stockoutCost: a.p, mean: a.mean, sd: a.sd });
      return [r.level, r.cost];
    }
    case 'newsvendor_normal_cost':
      return [newsvendorNormalCost({ level: a.S, holdingCost: a.h, stockoutCost: a.p, mean: a.mean, sd: a.sd })];
    case 'newsvendor_poisson':
    case 'newsvendor_discrete': {
      const r = newsvendorPoisson({ holdingCost: a.h, stockoutCost: a.p, mean: a.mean ?? a.poisson_mean });
      return [r.level, r.cost];
    }
    case 'myopic': {
      const r = myopicBaseStock({
        holdingCost: a.h,
        stockoutCost: a.p,
        purchaseCost: a.purchase_cost,
        purchaseCostNext: a.purchase_cost_next_per,
        discountFactor: a.discount_factor,
        mean: a.mean,
        sd: a.sd,
      });
      return [r.level, r.cost];
    }
    case 's_s_cost_discrete':
      return [
        sSCostPoisson({
          reorderPoint: a.s,
          orderUpToLevel: a.S,
          holdingCost: a.h,
          stockoutCost: a.p,
          fixedCost: a.K,
          demandMean: a.mean,
        }),
      ];
    case 's_s_discrete_exact': {
      const r = sSPoissonExact({ holdingCost: a.h, stockoutCost: a.p, fixedCost: a.K, demandMean: a.mean });
      return [r.reorderPoint, r.orderUpToLevel, r.cost];
    }
    case 's_s_power_approximation': {
      const r = sSPowerApproximation({
        holdingCost: a.h,
        stockoutCost: a.p,
        fixedCost: a.K,
        demandMean: a.mean,
        demandSd: a.sd,
      });
      return [r.reorderPoint, r.orderUpToLevel];
    }
    case 'standard_normal_loss': {
      const r = standardNormalLoss(a.z);
      return [r.loss, r.complementaryLoss];
    }
    case 'standard_normal_second_loss': {
      const r = standardNormalSecondLoss(a.z);
      return [r.loss, r.complementaryLoss];
    }
    case 'normal_loss': {
      const r = normalLoss(a.x, a.mean, a.sd);
      return [r.loss, r.complementaryLoss];
    }
    case 'normal_second_loss': {
      const r = normalSecondLoss(a.x, a.mean, a.sd);
      return [r.loss, r.complementaryLoss];
    }
    case 'lognormal_loss': {
      const r = lognormalLoss(a.x, a.mu, a.sigma);
      return [r.loss, r.complementaryLoss];
    }
    case 'exponential_loss': {
      const r = exponentialLoss(a.x, a.mu);
      return [r.loss, r.complementaryLoss];
    }
    case 'gamma_loss': {
      const r = gammaLoss(a.x, a.a, a.b);
      return [r.loss, r.complementaryLoss];
    }
    case 'uniform_loss': {
      const r = uniformLoss(a.x, a.a, a.b);
      return [r.loss, r.complementaryLoss];
    }
    default:
      throw new RangeError(`unknown stockpyl function ${fn}`);
  }
}

/** Worst relative error of a case (|computed − expected| / max(|expected|, 1e-12)). */
export function caseRelativeError(row: ConformanceRow): {
  computed: number[];
  expected: number[];
  maxRelativeError: number;
} {
  const expected = parseExpected(row.expected);
  const computed = computeStockpylCase(row.fn, row.args);
  let maxRelativeError = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const c = computed[i] ?? Number.NaN;
    const err = Math.abs(c - e) / Math.max(Math.abs(e), 1e-12);
    maxRelativeError = Math.max(maxRelativeError, Number.isNaN(err) ? Number.POSITIVE_INFINITY : err);
  }
  if (computed.length !== expected.length) maxRelativeError = Number.POSITIVE_INFINITY;
  return { computed, expected, maxRelativeError };
}
