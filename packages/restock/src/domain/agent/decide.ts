import { economicOrderQuantity } from '../eoq.js';
import { rollingOriginBacktest } from '../forecasting/backtest.js';
import { roundOrderQuantity } from '../order-rounding.js';
import { designPolicy } from '../policies.js';
import { mulberry32 } from '../rng.js';
import { analyzeStock, type StockAnalysis } from '../safety-stock.js';
import { bootstrapDemand, simulatePolicy } from '../simulation.js';
import { type ConfidenceBreakdown, computeConfidence } from './confidence.js';
import { type DemandEvidence, gatherDemandEvidence } from './evidence.js';

export type RestockAction = 'restock' | 'transfer' | 'none';

/** Everything the agent knows about one product at one location. */
export interface RestockSituation {
  readonly productId: string;
  /** Daily demand history (most recent last), at least 3 values. */
  readonly demandHistory: readonly number[];
  /** Inventory position used by the seed's formulas (on hand + on order − backorders). */
  readonly currentStock: number;
  readonly leadTimeDays: number;
  readonly leadTimeSdDays?: number;
  readonly serviceLevel: number;
  readonly unitPrice?: number;
  readonly orderCost?: number;
  /** Annual holding cost as a fraction of the unit price (default 0.25). */
  readonly holdingRate?: number;
  readonly moq?: number;
  readonly packSize?: number;
  readonly supplierOnTimeRate?: number;
  /** Stock above their own reorder points at other locations. */
  readonly otherLocations?: readonly { readonly locationId: string; readonly surplus: number }[];
}

export interface TransferRule {
  /** Another location must have more surplus than this (default 200, the seed's later rule). */
  readonly minSurplus: number;
  /** ...and the shortage must be below this (default 500). */
  readonly maxShortage: number;
}
export const defaultTransferRule: TransferRule = { minSurplus: 200, maxShortage: 500 };

/** An LLM's proposal after schema validation. */
export interface LlmProposal {
  readonly action: RestockAction;
  readonly quantity: number;
  readonly confidence: number;
  readonly reasoning: string;
}

export interface RestockDecision {
  readonly stock: StockAnalysis;
  readonly evidence: DemandEvidence;
  readonly action: RestockAction;
  readonly quantity: number;
  readonly transferFrom?: string;
  /** Mean daily demand the proposal planned with (recent level when the trend is significant). */
  readonly plannedDailyDemand: number;
  readonly economicOrderQuantity?: number;
  readonly simulatedServiceLevel?: number;
  readonly confidence: ConfidenceBreakdown;
  readonly llm?: {
    readonly proposal: LlmProposal;
    readonly clampedQuantity: number;
    readonly wasClamped: boolean;
    readonly actionAgrees: boolean;
    readonly quantityGap: number;
  };
  readonly reasoning: string;
}

function seedFrom(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : String(x));

/** Bounds an LLM quantity to [0, max(3 × policy quantity, shortage + pack)] and its confidence to [0, 1]. */
export function clampLlmProposal(
  p: LlmProposal,
  policyQuantity: number,
  shortage: number,
  packSize = 1,
): { quantity: number; wasClamped: boolean } {
  const max = Math.max(3 * policyQuantity, Math.max(shortage, 0) + packSize);
  const q = Number.isFinite(p.quantity) ? Math.min(Math.max(p.quantity, 0), max) : 0;
  return { quantity: q, wasClamped: q !== p.quantity };
}

/**
 * The restocking agent's deterministic core: the seed's stock check, demand evidence, a policy proposal
 * ((s,Q) with EOQ, MOQ and pack rounding; transfer when another location has surplus), a simulated service level
 * for the proposal, an optional LLM proposal compared against it, and an evidence-based confidence.
 * The LLM never changes the action or quantity; it changes only the confidence (agreement) and adds narrative.
 */
export function decideRestock(
  s: RestockSituation,
  o: { transferRule?: TransferRule; llmProposal?: LlmProposal; simulationPeriods?: number } = {},
): RestockDecision {
  const stock = analyzeStock({
    demandHistory: s.demandHistory,
    currentStock: s.currentStock,
    leadTime: s.leadTimeDays,
    leadTimeSd: s.leadTimeSdDays,
    serviceLevel: s.serviceLevel,
  });
  const evidence = gatherDemandEvidence(s.demandHistory);
  const parts: string[] = [
    `Average daily demand ${fmt(stock.averageDemand)} (sample sd ${fmt(stock.demandStd)}, ${evidence.periods} periods); z = ${fmt(stock.z, 3)} for service level ${s.serviceLevel}.`,
    `Safety stock ${fmt(stock.safetyStock)} = z·σ·√${s.leadTimeDays}; reorder point ${fmt(stock.reorderPoint)} vs stock ${fmt(s.currentStock)}.`,
  ];
  if (!stock.shouldReorder) {
    parts.push('Stock is at or above the reorder point: no order needed.');
    return {
      stock,
      evidence,
      action: 'none',
      quantity: 0,
      plannedDailyDemand: stock.averageDemand,
      confidence: { confidence: 1, factors: {} },
      reasoning: parts.join(' '),
    };
  }

  // Plan with the recent level when the trend is statistically clear (avoid overstock on falling demand).
  const planned = evidence.trend === 'flat' ? stock.averageDemand : evidence.recentMean;
  parts.push(
    `Trend ${evidence.trend} (slope ${fmt(evidence.trendSlope)}/period, t = ${fmt(evidence.trendT)}); recent ${evidence.recentPeriods}-period mean ${fmt(evidence.recentMean)} vs long-run ${fmt(evidence.longRunMean)}; demand class ${evidence.classification.class} (ADI ${fmt(evidence.classification.adi)}, CV² ${fmt(evidence.classification.cv2)}).`,
  );
  const holdingRate = s.holdingRate ?? 0.25;
  let eoq: number | undefined;
  if (s.orderCost && s.unitPrice && s.unitPrice > 0 && planned > 0) {
    eoq = economicOrderQuantity({
      demandRate: planned * 365,
      fixedCost: s.orderCost,
      holdingCost: s.unitPrice * holdingRate,
    }).quantity;
  }
  const plannedRop = planned * s.leadTimeDays + stock.safetyStock;
  const plannedShortage = Math.max(plannedRop - s.currentStock, 0);
  const rounding = { moq: s.moq, packSize: s.packSize };
  let quantity = roundOrderQuantity(
    Math.max(plannedShortage, eoq ?? 0, stock.shortage > 0 && planned === stock.averageDemand ? stock.shortage : 0),
    rounding,
  );
  if (quantity === 0) quantity = roundOrderQuantity(Math.max(stock.shortage, 1), rounding);
  parts.push(
    `Planned reorder point ${fmt(plannedRop)} with daily demand ${fmt(planned)}${eoq !== undefined ? `; EOQ ${fmt(eoq, 1)}` : ''}; order ${fmt(quantity, 0)} after MOQ ${s.moq ?? 0} / pack ${s.packSize ?? 1} rounding.`,
  );

  let action: RestockAction = 'restock';
  let transferFrom: string | undefined;
  const rule = o.transferRule ?? defaultTransferRule;
  const donor = [...(s.otherLocations ?? [])].sort((a, b) => b.surplus - a.surplus)[0];
  if (donor && donor.surplus > rule.minSurplus && stock.shortage < rule.maxShortage) {
    action = 'transfer';
    transferFrom = donor.locationId;
    quantity = Math.min(Math.ceil(stock.shortage), Math.floor(donor.surplus));
    parts.push(
      `Transfer ${quantity} from ${donor.locationId} (surplus ${fmt(donor.surplus, 0)} > ${rule.minSurplus} and shortage ${fmt(stock.shortage)} < ${rule.maxShortage}).`,
    );
  }

  // Simulated service of the proposal: bootstrap the history through an (s,Q) policy for a year.
  const policy = designPolicy({
    kind: 'sQ',
    demandMean: planned,
    demandSd: stock.demandStd,
    leadTime: s.leadTimeDays,
    leadTimeSd: s.leadTimeSdDays,
    serviceLevel: s.serviceLevel,
    moq: s.moq,
    packSize: s.packSize,
  });
  const sized = {
    ...policy,
    orderQuantity: Math.max(policy.orderQuantity, action === 'restock' ? quantity : policy.orderQuantity),
  };
  const demand = bootstrapDemand(s.demandHistory, o.simulationPeriods ?? 730, mulberry32(seedFrom(s.productId)));
  const sim = simulatePolicy(demand, sized, {
    leadTime: Math.round(s.leadTimeDays),
    initialStock: sized.orderUpTo,
    warmup: Math.round(s.leadTimeDays) + 1,
  });
  parts.push(
    `Simulated (s,Q) with s = ${fmt(sized.reorderPoint)}, Q = ${fmt(sized.orderQuantity, 0)} over ${sim.periods} bootstrapped days: cycle service ${fmt(sim.cycleServiceLevel, 3)}, fill rate ${fmt(sim.fillRate, 3)}.`,
  );

  let llm: RestockDecision['llm'];
  if (o.llmProposal) {
    const clamp = clampLlmProposal(o.llmProposal, quantity, stock.shortage, s.packSize);
    const actionAgrees = o.llmProposal.action === action;
    const quantityGap = Math.abs(clamp.quantity - quantity) / Math.max(quantity, 1);
    llm = {
      proposal: o.llmProposal,
      clampedQuantity: clamp.quantity,
      wasClamped: clamp.wasClamped,
      actionAgrees,
      quantityGap,
    };
    parts.push(
      `LLM proposed ${o.llmProposal.action} ${fmt(clamp.quantity, 0)}${clamp.wasClamped ? ` (clamped from ${fmt(o.llmProposal.quantity, 0)})` : ''}: ${actionAgrees ? 'same action' : 'different action'}, quantity gap ${fmt(quantityGap * 100, 0)}%.`,
    );
  }

  // Lead-time demand uncertainty: from backtest residuals when the history holds enough rolling origins, else σ√L.
  const L = Math.max(1, Math.round(s.leadTimeDays));
  const minTrain = Math.max(3, Math.floor(s.demandHistory.length / 2));
  let sigmaLt = Math.sqrt(s.leadTimeDays * stock.demandStd ** 2 + planned ** 2 * (s.leadTimeSdDays ?? 0) ** 2);
  let uncertaintySource = 'σ·√L';
  if (s.demandHistory.length - minTrain >= L + 2) {
    const bt = rollingOriginBacktest(s.demandHistory, ['ses', 'moving_average', 'naive', 'croston'], {
      minTrain,
      horizon: L,
      leadTime: L,
    });
    if (bt.best && Number.isFinite(bt.best.leadTimeRmse)) {
      sigmaLt = Math.sqrt(bt.best.leadTimeRmse ** 2 + planned ** 2 * (s.leadTimeSdDays ?? 0) ** 2);
      uncertaintySource = `backtest residuals of ${bt.best.method} over ${bt.origins} origins`;
    }
  }
  parts.push(`Lead-time demand uncertainty ${fmt(sigmaLt)} (${uncertaintySource}).`);
  const confidence = computeConfidence({
    leadTimeDemandCv: planned > 0 ? sigmaLt / (planned * s.leadTimeDays) : Number.POSITIVE_INFINITY,
    dataSufficiency: evidence.dataSufficiency,
    trend: evidence.trend,
    demandClass: evidence.classification.class,
    supplierOnTimeRate: s.supplierOnTimeRate,
    simulatedServiceLevel: sim.cycleServiceLevel,
    targetServiceLevel: s.serviceLevel,
    llm: llm ? { actionAgrees: llm.actionAgrees, quantityGap: llm.quantityGap } : undefined,
  });
  parts.push(
    `Confidence ${fmt(confidence.confidence)} = ${Object.entries(confidence.factors)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(' × ')}.`,
  );
  return {
    stock,
    evidence,
    action,
    quantity,
    transferFrom,
    plannedDailyDemand: planned,
    economicOrderQuantity: eoq,
    simulatedServiceLevel: sim.cycleServiceLevel,
    confidence,
    llm,
    reasoning: parts.join(' '),
  };
}
