export type { Authenticator, CredentialHeaders } from './auth/authenticator.js';
export type { Principal, Role } from './auth/roles.js';
export {
  hasPermission,
  isKnownPermission,
  isRole,
  permissionTable,
  platformPermissions,
  registerPermissions,
  roles,
} from './auth/roles.js';
export type { Config, ConfigInput, LoadConfigOptions } from './config/config.js';
export { configSchema, loadConfig, redactConfig } from './config/config.js';
export type { Secrets } from './config/secrets.js';
export { resolveSecrets } from './config/secrets.js';
export { DataDirLock } from './db/data-dir-lock.js';
export type { AnyTables, Database, OpenDatabaseOptions } from './db/database.js';
export { openDatabase } from './db/database.js';
export type { MigrationOwner, MigrationSet, MigrationStatus } from './db/migrations.js';
export { hasPendingMigrations, migrateToLatest, migrationStatus } from './db/migrations.js';
export {
  AppError,
  exitCodeFor,
  httpStatusFor,
  isAppError,
  knownErrorCodes,
  platformErrorCodes,
  registerErrorCodes,
} from './errors/app-error.js';
export type { LlmConfig } from './llm/config.js';
export type { LlmAttempt, LlmErrorCode, LlmGateway, LlmObjectRequest, LlmObjectResult } from './llm/port.js';
export { unavailableLlm } from './llm/port.js';
export { createLogger, redactPaths } from './log/logger.js';
export type { CliContext, CliIo, ModuleContext, QuintessenceModule } from './module.js';
export type {
  AuditEvent,
  AuditEventInput,
  AuditLog,
  AuditRecorder,
  Cache,
  Clock,
  ElectronicSignature,
  EnqueueOptions,
  ESignatureService,
  EventBus,
  JobContext,
  JobHandler,
  JobQueue,
  JobRecord,
  JobState,
  Logger,
  RequestContext,
  SignatureMeaning,
  SignRecordInput,
} from './ports.js';
export { signatureMeanings, systemClock } from './ports.js';

import './http/route-config.js';

export { auditErrorCodes, auditTrailFor, registerAuditCommands } from './audit/audit-commands.js';
export type { AuditTables } from './audit/audit-migrations.js';
export { auditMigrations } from './audit/audit-migrations.js';
export { auditRoutes } from './audit/audit-routes.js';
export type {
  AuditAnchor,
  AuditEventPage,
  AuditFilter,
  AuditPage,
  AuditProblemKind,
  AuditTrail,
  AuditTrailOptions,
  AuditVerification,
} from './audit/audit-trail.js';
export { createAuditTrail, genesisHash } from './audit/audit-trail.js';
export { canonicalHash, canonicalJson } from './audit/canonical-json.js';
export type { ESignatureServiceOptions } from './audit/esignature-service.js';
export { createESignatureService } from './audit/esignature-service.js';
export type { AuthCommandOptions } from './auth/auth-commands.js';
export { authServiceFor, cliPrincipal, registerApiKeyCommands, registerUserCommands } from './auth/auth-commands.js';
export type { AuthTables } from './auth/auth-migrations.js';
export { authMigrations } from './auth/auth-migrations.js';
export type { PlatformRoutesOptions } from './auth/auth-routes.js';
export { actionContext, authRoutes, principalOf } from './auth/auth-routes.js';
export type {
  ActionContext,
  AnonymousContext,
  ApiKeyRecord,
  AuthService,
  AuthServiceOptions,
  BootstrapAdmin,
  CallerProfile,
  CreateApiKeyInput,
  CreateUserInput,
  SessionPrincipal,
  TokenPair,
  UserRecord,
} from './auth/auth-service.js';
export { createAuthService } from './auth/auth-service.js';
export type { PasswordHashingOptions } from './auth/password-hasher.js';
export { defaultPasswordHashing, PasswordHasher } from './auth/password-hasher.js';
export type { CreateCacheOptions, PlatformCache } from './cache/create-cache.js';
export { createCache } from './cache/create-cache.js';
export type { OutputFormat } from './cli/output.js';
export { outputFormats, parseFormat, toCsv, toTable, writeOutput } from './cli/output.js';
export type { Progress, ProgressOptions } from './cli/progress.js';
export { progress } from './cli/progress.js';
export { captureIo, runProgram } from './cli/run.js';
export type { CreateEventBusOptions, PlatformEventBus } from './events/event-bus.js';
export { createEventBus } from './events/event-bus.js';
export type { MqttClientOptions, MqttIngestClient, MqttStats, MqttSubscribeOptions } from './events/mqtt-client.js';
export { createMqttClient } from './events/mqtt-client.js';
export type { FactoryTopic } from './events/mqtt-topic.js';
export {
  factoryReadingsFilter,
  factoryReadingsTopic,
  mqttTopicMatches,
  parseFactoryTopic,
} from './events/mqtt-topic.js';
export { isValidTopic, topicMatches } from './events/topic-pattern.js';
export type { EventMap, TypedEventBus } from './events/typed-event-bus.js';
export { typedEventBus } from './events/typed-event-bus.js';
export type { AuditRequestsOptions } from './http/audit-requests.js';
export { auditRequests } from './http/audit-requests.js';
export type { AuthGuardOptions } from './http/auth-guard.js';
export { authGuard, devBypassPrincipal } from './http/auth-guard.js';
export type { ErrorEnvelope } from './http/error-envelope.js';
export { errorEnvelope, installErrorEnvelope, normaliseError, rateLimitError } from './http/error-envelope.js';
export type { HttpMetricsOptions } from './http/http-metrics.js';
export { httpMetrics } from './http/http-metrics.js';
export { requestIdFrom } from './http/request-id.js';
export type { BullmqJobQueueOptions } from './jobs/bullmq-job-queue.js';
export { BullmqJobQueue } from './jobs/bullmq-job-queue.js';
export type { CreateJobQueueOptions } from './jobs/create-job-queue.js';
export { createJobQueue, jobBackendFor } from './jobs/create-job-queue.js';
export type { EmbeddedJobQueueOptions } from './jobs/embedded-job-queue.js';
export { EmbeddedJobQueue } from './jobs/embedded-job-queue.js';
export type { JobRoutesOptions } from './jobs/job-routes.js';
export { jobRecordSchema, jobRoutes } from './jobs/job-routes.js';
export { jobsMigrations } from './jobs/jobs-migrations.js';
export type { RunWorkerOptions, SignalSource } from './jobs/run-worker.js';
export { runWorker } from './jobs/run-worker.js';
export type { WorkerJobQueue } from './jobs/worker-job-queue.js';
export type { LlmConfigInput, LlmProviderConfig } from './llm/config.js';
export { llmConfigSchema, llmProviderConfigSchema } from './llm/config.js';
export { extractJson } from './llm/extract-json.js';
export type { LlmCommandOptions } from './llm/llm-commands.js';
export { registerLlmCommands } from './llm/llm-commands.js';
export { llmErrorCodes } from './llm/llm-error-codes.js';
export type { CreateLlmGatewayOptions, LlmAskRequest, LlmGatewayService } from './llm/llm-gateway.js';
export { createLlmGateway } from './llm/llm-gateway.js';
export type { LlmRoutesOptions } from './llm/llm-routes.js';
export { llmRoutes } from './llm/llm-routes.js';
export type { LlmProviderStatus, LlmStatus } from './llm/llm-status.js';
export { llmStatusSchema } from './llm/llm-status.js';
export type { LlmUsage } from './llm/port.js';
export { llmPriceTable } from './llm/pricing.js';
export type { BreakerState, BreakerStatus } from './resilience/breaker-registry.js';
export { BreakerRegistry, breakerRegistry, breakerStateValue } from './resilience/breaker-registry.js';
export type { DependencyHealth } from './resilience/dependency-health.js';
export { probeDependency } from './resilience/dependency-health.js';
export type { ResiliencePolicy, ResiliencePolicyOptions } from './resilience/resilience-policy.js';
export { createResiliencePolicy } from './resilience/resilience-policy.js';
