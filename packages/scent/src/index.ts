export { loadCqu, loadUciExt, loadUciRaw, uciGases } from './adapters/enose-datasets.js';
export { createKyselyScentStore } from './adapters/kysely-scent-store.js';
export type { ScentTables } from './adapters/migrations.js';
export { scentMigrations } from './adapters/migrations.js';
export type { MqttIngestion, MqttIngestionOptions, MqttIngestionStats } from './adapters/mqtt-ingestion.js';
export { startMqttIngestion } from './adapters/mqtt-ingestion.js';
export type { AgentReport, Consensus, ConsensusOptions, Vote } from './domain/agents/agent-report.js';
export { consensus, narrativeConsistent, templateNarrative } from './domain/agents/agent-report.js';
export { OffsetCompensation } from './domain/drift/offset-compensation.js';
export type { TransientFeatureOptions } from './domain/features/transient-features.js';
export {
  extractArrayFeatures,
  extractTransientFeatures,
  uciEmaAlphas,
  uciFeaturesPerSensor,
} from './domain/features/transient-features.js';
export type { ClassificationMetrics } from './domain/identification/classification-metrics.js';
export { classificationMetrics } from './domain/identification/classification-metrics.js';
export type {
  DriftAdaptationOptions,
  DriftProtocol,
  DriftRunResult,
  LabelledBatch,
} from './domain/identification/drift-protocol.js';
export { runDriftProtocol } from './domain/identification/drift-protocol.js';
export { SoftmaxRegression } from './domain/identification/softmax-regression.js';
export { hotellingT2Limit, speLimitBox, speLimitJacksonMudholkar } from './domain/mspc/control-limits.js';
export type { GoldenBatchModelJSON, GoldenBatchOptions, Score } from './domain/mspc/golden-batch-model.js';
export { GoldenBatchModel } from './domain/mspc/golden-batch-model.js';
export type { SessionMspcResult } from './domain/mspc/session-evaluation.js';
export { evaluateMspcAcrossSessions } from './domain/mspc/session-evaluation.js';
export type { BatchAssessment, BatchDecision, BatchRules, RiskLevel } from './domain/quality/batch-assessment.js';
export { assessBatch, defaultBatchRules } from './domain/quality/batch-assessment.js';
export type { ReadingValidatorOptions, SensorKind, ValidationResult } from './domain/readings/reading-validator.js';
export { physicalRanges, ReadingValidator, sensorKinds } from './domain/readings/reading-validator.js';
export type {
  EnvironmentModel,
  LineSimulatorOptions,
  OdorProfile,
  SimulatedFault,
  SimulatedFaultKind,
  SimulatedSample,
} from './domain/simulation/line-simulator.js';
export { defaultOdorProfiles, LineSimulator, simulatedCompounds } from './domain/simulation/line-simulator.js';
export type { Rng } from './domain/simulation/rng.js';
export { seededRng } from './domain/simulation/rng.js';
export { scentRoutes } from './http/scent-routes.js';
export { scentModule, seedScentDemo } from './module.js';
export { scentErrorCodes, scentPermissions } from './permissions.js';
export type {
  Alert,
  AlertKind,
  AlertSeverity,
  Batch,
  BatchAssessmentRecord,
  BatchStatus,
  Calibration,
  FingerprintModel,
  Line,
  NewAlert,
  NewSensor,
  Product,
  ScentStore,
  Sensor,
  Site,
  Stage,
  StoredReading,
} from './ports.js';
export { batchStatuses, stages } from './ports.js';
export type {
  DemoBatchPlan,
  DemoBatchSummary,
  DemoEvent,
  DemoLine,
  DemoOptions,
  DemoSummary,
} from './service/scent-demo.js';
export { demoPlan, runScentDemo, setupDemoLine } from './service/scent-demo.js';
export type {
  BatchStatusView,
  CalibrationState,
  ScentAlertEvent,
  ScentService,
  ScentServiceContext,
  ScentServiceOptions,
  ScentStatus,
  SensorStatus,
} from './service/scent-service.js';
export { createScentService, scentAlertTopic } from './service/scent-service.js';
export { scentServiceFor } from './service/scent-service-registry.js';
export type { IngestResult, ParsedReading, ReadingInput, ReadingResult } from './service/schemas.js';
export { readingInputSchema, readingsBodySchema } from './service/schemas.js';
