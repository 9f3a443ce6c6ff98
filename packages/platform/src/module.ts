import type { Command } from 'commander';
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { Authenticator } from './auth/authenticator.js';
import type { Role } from './auth/roles.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import type { MigrationSet } from './db/migrations.js';
import type { LlmGateway } from './llm/port.js';
import type { AuditLog, Cache, Clock, ESignatureService, EventBus, JobQueue, Logger } from './ports.js';

/** Everything a module's services may use, built once by the server (or a CLI command) and passed in. */
export interface ModuleContext {
  readonly config: Config;
  readonly db: Database;
  readonly log: Logger;
  readonly metrics: Registry;
  /** Append, read back and verify the audit trail. */
  readonly audit: AuditLog;
  /**
   * Resolves credentials (API key, bearer JWT) to a principal, for protocols whose credentials do not arrive as
   * request headers (e.g. the first message of a WebSocket).
   */
  readonly authenticator: Authenticator;
  readonly esign: ESignatureService;
  readonly cache: Cache;
  readonly jobs: JobQueue;
  readonly events: EventBus;
  readonly llm: LlmGateway;
  readonly clock: Clock;
}

/** Output and exit handling shared by every CLI command. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface CliContext extends CliIo {
  /** Builds the module context for commands that need storage or platform services (closes it when `use` returns). */
  withContext<T>(use: (ctx: ModuleContext) => Promise<T>): Promise<T>;
  /** The effective configuration (honours `--config`). */
  config(): Config;
}

/**
 * What a module contributes to the product. The server mounts `http` under `/<prefix>`, the CLI adds `cli` as the
 * `quintessence <name>` command group, migrations run after the platform's, demo data is seeded on `npm start`.
 */
export interface QuintessenceModule {
  readonly name: string;
  /** Permission -> roles (admin holds all). Every non-public route names one of these. */
  readonly permissions?: Readonly<Record<string, readonly Role[]>>;
  /** Error code -> HTTP status. */
  readonly errorCodes?: Readonly<Record<string, number>>;
  readonly migrations?: MigrationSet;
  readonly http?: {
    /** URL prefix; '' mounts at the root (seed-compatible paths). */
    readonly prefix: string;
    readonly plugin: FastifyPluginAsync<{ ctx: ModuleContext }>;
  };
  readonly cli?: (program: Command, cli: CliContext) => void;
  /** Demo data for `npm start` (idempotent). */
  readonly seedDemo?: (ctx: ModuleContext) => Promise<void>;
  /** Called once at start with the context (register job handlers, subscribe to events); returns a stop function. */
  readonly start?: (ctx: ModuleContext) => Promise<(() => Promise<void>) | undefined>;
}
