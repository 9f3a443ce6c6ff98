import {
  type Authenticator,
  type Clock,
  type Config,
  createLogger,
  type Database,
  hasPendingMigrations,
  type MigrationOwner,
  type ModuleContext,
  migrateToLatest,
  openDatabase,
  type QuintessenceModule,
  registerErrorCodes,
  registerPermissions,
  resolveSecrets,
  systemClock,
} from '@quintessence/platform';
import type { FastifyPluginAsync } from 'fastify';
import type pino from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { HealthCheck } from './health.js';
import { buildServices, type PlatformServices } from './services.js';

/** The server's version (shown in OpenAPI and /health/detailed). */
export const serverVersion = '0.1.0';

/** A platform route plugin with its options bound (auth, audit, jobs, LLM routes). */
export interface PlatformRoute {
  // biome-ignore lint/suspicious/noExplicitAny: each plugin has its own options type, bound at construction
  readonly plugin: FastifyPluginAsync<any>;
  readonly options: Record<string, unknown>;
}

/** Everything the server and the CLI need, built once on one data directory. */
export interface Platform {
  readonly config: Config;
  readonly version: string;
  readonly modules: readonly QuintessenceModule[];
  readonly ctx: ModuleContext;
  readonly services: PlatformServices;
  readonly log: pino.Logger;
  readonly metrics: Registry;
  readonly clock: Clock;
  readonly authenticator: Authenticator;
  readonly routes: readonly PlatformRoute[];
  readonly healthChecks: readonly HealthCheck[];
  /** The migration owners in the order they run: platform first, then modules. */
  readonly migrationOwners: readonly MigrationOwner[];
  /** True once no migration is pending. */
  isMigrated(): Promise<boolean>;
  /** True after `close()` began (readiness turns 503). */
  isClosing(): boolean;
  /**
   * Starts background work: the job worker (when `config.jobs.runInServer`, or `worker: true` for
   * `quintessence worker`) and each module's `start`.
   */
  start(options?: { worker?: boolean }): Promise<void>;
  /** Stops everything in reverse order of construction and closes storage (releasing the data-dir lock). */
  close(): Promise<void>;
}

export interface CreatePlatformOptions {
  /** Shown to a second process that finds the embedded data directory locked. */
  readonly purpose?: string;
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
  /** A logger (default: pino at `config.log.level` on stdout). */
  readonly log?: pino.Logger;
  /** An already opened database (tests share one PGlite per worker). */
  readonly db?: Database;
  readonly clock?: Clock;
}

/**
 * Composes the platform: opens storage (PGlite in the data directory under a lock, or PostgreSQL), resolves the
 * secrets, runs the platform's migrations then each module's, registers module permissions and error codes, builds
 * the metrics registry (prom-client defaults) and every service, and the {@link ModuleContext} modules receive.
 *
 * @example
 * const platform = await createPlatform(loadConfig(), [restockModule]);
 * try { ... } finally { await platform.close(); }
 */
export async function createPlatform(
  config: Config,
  modules: readonly QuintessenceModule[],
  options: CreatePlatformOptions = {},
): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (createLogger(config) as pino.Logger);
  for (const module of modules) {
    if (module.permissions) registerPermissions(module.permissions);
    if (module.errorCodes) registerErrorCodes(module.errorCodes);
  }
  const closers: Array<{ name: string; close: () => Promise<void> }> = [];
  const closeAll = async () => {
    for (const { name, close } of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        log.error({ err: error, component: name }, 'error while closing');
      }
    }
    closers.length = 0;
  };

  const db = options.db ?? (await openDatabase(config, { purpose: options.purpose ?? 'quintessence' }));
  if (!options.db) closers.push({ name: 'database', close: () => db.close() });
  try {
    const secrets = resolveSecrets(config);
    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics });

    const services = await buildServices({ config, db, log, metrics, clock, secrets, modules });
    closers.push({ name: 'services', close: () => services.close() });

    const migrationOwners: MigrationOwner[] = [
      ...services.migrationOwners,
      ...modules.map((m) => ({ name: m.name, migrations: m.migrations })),
    ];
    if (options.migrate ?? true) await migrateToLatest(db, migrationOwners);
    let migrated = false;
    const isMigrated = async () => {
      if (!migrated) migrated = !(await hasPendingMigrations(db, migrationOwners));
      return migrated;
    };

    const ctx: ModuleContext = Object.freeze({
      config,
      db,
      log,
      metrics,
      audit: services.audit,
      authenticator: services.authenticator,
      esign: services.esign,
      cache: services.cache,
      jobs: services.jobs,
      events: services.events,
      llm: services.llm,
      clock,
    });

    let closing = false;
    let started = false;
    return {
      config,
      version: serverVersion,
      modules,
      ctx,
      services,
      log,
      metrics,
      clock,
      authenticator: services.authenticator,
      routes: services.routes,
      healthChecks: [
        {
          name: 'database',
          required: true,
          check: async () => ({ details: { kind: db.kind, ping_ms: Math.round((await db.ping()) * 1000) / 1000 } }),
        },
        ...services.healthChecks,
      ],
      migrationOwners,
      isMigrated,
      isClosing: () => closing,
      async start(startOptions = {}) {
        if (started) return;
        started = true;
        await services.start(startOptions);
        for (const module of modules) {
          const stop = module.start ? await module.start(ctx) : undefined;
          if (stop) closers.push({ name: `module ${module.name}`, close: stop });
        }
      },
      async close() {
        if (closing) return;
        closing = true;
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
