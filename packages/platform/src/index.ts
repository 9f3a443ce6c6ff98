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

export type { OutputFormat } from './cli/output.js';
export { outputFormats, parseFormat, toCsv, toTable, writeOutput } from './cli/output.js';
export { captureIo, runProgram } from './cli/run.js';
