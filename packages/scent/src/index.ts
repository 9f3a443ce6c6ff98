export { loadCqu, loadUciExt, loadUciRaw, uciGases } from './adapters/enose-datasets.js';
export type { AgentTables } from './adapters/kysely-agent-store.js';
export { createKyselyAgentStore } from './adapters/kysely-agent-store.js';
export { createKyselyComplianceSource } from './adapters/kysely-compliance-source.js';
export { createKyselyScentStore } from './adapters/kysely-scent-store.js';
export type { ScentTables } from './adapters/migrations.js';
export { scentMigrations } from './adapters/migrations.js';
export type { MqttIngestion, MqttIngestionOptions, MqttIngestionStats } from './adapters/mqtt-ingestion.js';
export { startMqttIngestion } from './adapters/mqtt-ingestion.js';
export type { OpcuaConfig, OpcuaConfigInput, OpcuaSensorBinding } from './adapters/opcua-config.js';
export { opcuaConfigSchema, parseOpcuaConfig } from './adapters/opcua-config.js';
export type { OpcuaIngestion, OpcuaIngestionOptions, OpcuaIngestionStats } from './adapters/opcua-ingestion.js';
export { startOpcuaIngestion } from './adapters/opcua-ingestion.js';
export type { WindowEvidence } from './domain/agents/agent-evidence.js';
export { marginConfidence, windowEvidence } from './domain/agents/agent-evidence.js';
export type { AgentReport, Consensus, ConsensusOptions, Vote } from './domain/agents/agent-report.js';
export {
  anomalyTerms,
  consensus,
  narrativeConsistent,
  narrativeContradiction,
  templateNarrative,
} from './domain/agents/agent-report.js';
export type { IdentificationAgentOptions } from './domain/agents/identification-agent.js';
export { identificationAgentId, runIdentificationAgent } from './domain/agents/identification-agent.js';
export type { MspcAgentOptions, MspcScore } from './domain/agents/mspc-agent.js';
export { mspcAgentId, runMspcAgent } from './domain/agents/mspc-agent.js';
export type {
  EnvironmentParameter,
  ProcessAgentOptions,
  ProcessLimit,
  ProcessLimits,
} from './domain/agents/process-agent.js';
export {
  defaultProcessLimits,
  environmentParameters,
  processAgentId,
  runProcessAgent,
} from './domain/agents/process-agent.js';
export type {
  CalibrationStateName,
  SensorHealthInput,
  SensorHealthOptions,
} from './domain/agents/sensor-health-agent.js';
export { runSensorHealthAgent, sensorHealthAgentId } from './domain/agents/sensor-health-agent.js';
export type {
  AdaptiveUpdateInput,
  AdaptiveUpdateOptions,
  AdaptiveUpdateOutcome,
  AdaptiveUpdateRefusal,
} from './domain/drift/adaptive-model-update.js';
export { adaptGoldenModel, limitDistance } from './domain/drift/adaptive-model-update.js';
export type {
  BaselineSeries,
  ChannelDrift,
  DriftMonitorOptions,
  DriftReport,
  SlopeFit,
} from './domain/drift/drift-monitor.js';
export { daysToTolerance, monitorBaselineDrift, olsSlope, theilSenSlope } from './domain/drift/drift-monitor.js';
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
export type { OpenSetClassifierOptions, OpenSetPrediction } from './domain/identification/open-set-classifier.js';
export { OpenSetClassifier } from './domain/identification/open-set-classifier.js';
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
export { agentRoutes } from './http/agent-routes.js';
export { auditReportRoutes, complianceReportBodySchema } from './http/audit-report-routes.js';
export type { ScentRateLimitGroup, ScentRateLimits } from './http/scent-rate-limits.js';
export {
  installScentRateLimits,
  parseScentRateLimits,
  scentRateLimitConfigSchema,
  scentRateLimitGroup,
} from './http/scent-rate-limits.js';
export { scentRoutes } from './http/scent-routes.js';
export type { MonitoringChannel, MonitoringClientMessage, WsMonitoringOptions } from './http/ws-monitoring.js';
export {
  monitoringChannels,
  monitoringClientMessageSchema,
  monitoringCloseCodes,
  monitoringPermission,
  scentAgentUpdatesTopic,
  wsMonitoring,
} from './http/ws-monitoring.js';
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
  IngestContext,
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
  AgentAnalysisRecord,
  AgentConfigRecord,
  AgentCoordinator,
  AgentCoordinatorContext,
  AgentRunStats,
  AgentStatus,
  AgentStore,
  AgentView,
  AnalyzeInput,
  CoordinationResult,
  NarrativeView,
} from './service/agent-coordinator.js';
export { agentCoordinatorFor, createAgentCoordinator, scentAgentTopic } from './service/agent-coordinator.js';
export type { AgentId, AgentSettings } from './service/agent-settings.js';
export { agentDescriptions, agentIds, agentSettingsSchemas } from './service/agent-settings.js';
export type {
  ComplianceReport,
  ComplianceReportContext,
  ComplianceReporter,
  ComplianceReporterOptions,
  ComplianceReportQuery,
  ComplianceReportSource,
  ReportAuditEvent,
  ReportBatch,
  ReportSignature,
  Truncatable,
} from './service/compliance-report.js';
export { createComplianceReporter, parseReportPeriod } from './service/compliance-report.js';
export { renderComplianceReportHtml } from './service/compliance-report-html.js';
export type { ModelUpdateResult } from './service/model-update.js';
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
  IngestOptions,
  ScentAlertEvent,
  ScentReadingsEvent,
  ScentService,
  ScentServiceContext,
  ScentServiceOptions,
  ScentStatus,
  SensorStatus,
} from './service/scent-service.js';
export { createScentService, scentAlertTopic, scentReadingsTopic } from './service/scent-service.js';
export { scentServiceFor } from './service/scent-service-registry.js';
export type { IngestResult, ParsedReading, ReadingInput, ReadingResult } from './service/schemas.js';
export { readingInputSchema, readingsBodySchema } from './service/schemas.js';
export type { SensorDrift, SensorDriftChannel, SensorDriftOptions } from './service/sensor-drift.js';
