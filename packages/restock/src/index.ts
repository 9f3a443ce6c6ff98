export { erf, erfc, inverseNormalCdf, normalCdf, normalPdf } from '@quintessence/numeric';
export type { RestockConfig } from './config.js';
export { parseRestockConfig, restockConfigSchema } from './config.js';
export type { DemandSeries } from './csv/wide-csv.js';
export { parseDemandCsv, parseLongCsv, parseWideCsv } from './csv/wide-csv.js';
export type { DemoProduct } from './demo-catalog.js';
export { demoProducts, seedDemoCatalog } from './demo-catalog.js';
export type { ConfidenceBreakdown, ConfidenceEvidence } from './domain/agent/confidence.js';
export { computeConfidence } from './domain/agent/confidence.js';
export type {
  LlmProposal,
  RestockAction,
  RestockDecision,
  RestockSituation,
  TransferRule,
} from './domain/agent/decide.js';
export { clampLlmProposal, decideRestock, defaultTransferRule } from './domain/agent/decide.js';
export type { DemandEvidence } from './domain/agent/evidence.js';
export { gatherDemandEvidence } from './domain/agent/evidence.js';
export {
  economicOrderQuantity,
  economicOrderQuantityWithBackorders,
  eoqAllUnitsDiscount,
  eoqIncrementalDiscount,
} from './domain/eoq.js';
export type { BacktestOptions, BacktestResult, MethodAccuracy } from './domain/forecasting/backtest.js';
export { rollingOriginBacktest } from './domain/forecasting/backtest.js';
export type { DemandClass, DemandClassification } from './domain/forecasting/classification.js';
export { classifyDemand } from './domain/forecasting/classification.js';
export type { ForecastMethod, ForecastOptions } from './domain/forecasting/forecast.js';
export { flatForecast, forecast, forecastMethods } from './domain/forecasting/forecast.js';
export { adida, croston, imapa, tsb } from './domain/forecasting/intermittent.js';
export { etsAnn, holtDamped, sesLevel } from './domain/forecasting/smoothing.js';
export type { LossValue } from './domain/loss-functions.js';
export {
  exponentialLoss,
  gammaLoss,
  lognormalLoss,
  normalLoss,
  normalSecondLoss,
  poissonLoss,
  standardNormalLoss,
  standardNormalSecondLoss,
  uniformLoss,
} from './domain/loss-functions.js';
export {
  myopicBaseStock,
  newsvendorNormal,
  newsvendorNormalCost,
  newsvendorPoisson,
  newsvendorPoissonCost,
} from './domain/newsvendor.js';
export { roundOrderQuantity } from './domain/order-rounding.js';
export type { BudgetRequest, Policy, PolicyDesignInput, PolicyKind } from './domain/policies.js';
export { allocateBudget, designPolicy, orderQuantityFor, policyKinds } from './domain/policies.js';
export type { Rng } from './domain/rng.js';
export { mulberry32 } from './domain/rng.js';
export {
  rqCost,
  rqCostPoisson,
  rqEilApproximation,
  rqEoqbApproximation,
  rqEoqSafetyStockApproximation,
  rqLossFunctionApproximation,
  rqOptimalReorderPoint,
  rqPoissonExact,
} from './domain/rq.js';
export { sSCostPoisson, sSPoissonExact, sSPowerApproximation } from './domain/s-s.js';
export type { StockAnalysis, StockAnalysisInput } from './domain/safety-stock.js';
export { analyzeStock, safetyFactorForFillRate, safetyStock } from './domain/safety-stock.js';
export type { SimulationOptions, SimulationResult } from './domain/simulation.js';
export { bootstrapDemand, simulatePolicy } from './domain/simulation.js';
export type { AggregateSimulation } from './domain/simulation-batch.js';
export { simulateSeriesBatch } from './domain/simulation-batch.js';
export { mean, sampleStd } from './domain/statistics.js';
export { restockErrorCodes } from './errors.js';
export { restockModule } from './module.js';
export { restockPermissions } from './permissions.js';
export type { LocationStock, ProductSnapshot, RestockStore, StoredLedgerEntry, StoredOrder } from './ports.js';
export type { RestockService, ScanReport } from './service/restock-service.js';
export { createRestockService } from './service/restock-service.js';
export type {
  BudgetAllocation,
  MovementResponse,
  StockLevels,
  TriggerRequest,
  TriggerResponse,
} from './service/schemas.js';
export type { MovementMeta, StockLedgerService } from './service/stock-ledger-service.js';
export { createStockLedgerService } from './service/stock-ledger-service.js';
