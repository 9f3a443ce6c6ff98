import {
  type Authenticator,
  auditMigrations,
  auditRoutes,
  authMigrations,
  authRoutes,
  breakerRegistry,
  type Cache,
  type Clock,
  type Config,
  createAuditTrail,
  createAuthService,
  createCache,
  createESignatureService,
  createEventBus,
  createJobQueue,
  createLlmGateway,
  createMqttClient,
  type Database,
  type ESignatureService,
  type EventBus,
  jobRoutes,
  jobsMigrations,
  type LlmGateway,
  llmRoutes,
  type MigrationOwner,
  type QuintessenceModule,
  type Secrets,
} from '@quintessence/platform';
import type pino from 'pino';
import type { Registry } from 'prom-client';
import type { HealthCheck } from './health.js';
import type { PlatformRoute } from './platform.js';

type AuthService = ReturnType<typeof createAuthService>;
type AuditTrail = ReturnType<typeof createAuditTrail>;
type JobQueueService = ReturnType<typeof createJobQueue>;

/** The platform's services, built on one database. */
export interface PlatformServices {
  readonly auth: AuthService;
  readonly authenticator: Authenticator;
  readonly audit: AuditTrail;
  readonly esign: ESignatureService;
  readonly cache: Cache;
  readonly jobs: JobQueueService;
  readonly events: EventBus;
  readonly llm: LlmGateway;
  readonly migrationOwners: readonly MigrationOwner[];
  readonly routes: readonly PlatformRoute[];
  readonly healthChecks: readonly HealthCheck[];
  /** Starts the job worker when `config.jobs.runInServer` (or `worker: true`). */
  start(options?: { worker?: boolean }): Promise<void>;
  /** Stops the worker and closes connections (Redis, NATS, MQTT), in reverse order of construction. */
  close(): Promise<void>;
}

export interface BuildServicesOptions {
  readonly config: Config;
  readonly db: Database;
  readonly log: pino.Logger;
  readonly metrics: Registry;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly modules: readonly QuintessenceModule[];
}

function fromDependency(
  name: string,
  required: boolean,
  probe: () => Promise<{ status: string; error?: string }>,
  details?: Record<string, unknown>,
): HealthCheck {
  return {
    name,
    required,
    async check() {
      const h = await probe();
      if (h.status === 'down') throw new Error(h.error ?? `${name} is down`);
      return { status: h.status === 'degraded' ? 'degraded' : 'up', ...(details ? { details } : {}) };
    },
  };
}

/** Builds every platform service: audit, auth, e-signatures, cache, job queue, event bus, LLM gateway. */
export async function buildServices(options: BuildServicesOptions): Promise<PlatformServices> {
  const { config, db, log, metrics, clock, secrets } = options;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const fn of closers.reverse()) {
      try {
        await fn();
      } catch (error) {
        log.error({ err: error }, 'error while closing a service');
      }
    }
    closers.length = 0;
  };
  try {
    const audit = createAuditTrail({ db, signingKey: secrets.auditSigningKey, clock });
    const auth = createAuthService({ db, config, jwtSecret: secrets.jwtSecret, audit, clock });
    const esign = createESignatureService({ db, auth, audit, clock });
    const cache = createCache({ config, metrics, log, clock });
    closers.push(() => cache.close());
    const jobs = createJobQueue({ config, db, metrics, log, clock });
    closers.push(() => jobs.stop());
    const events = createEventBus({ config, log, metrics });
    closers.push(() => events.close());
    const llm = createLlmGateway({ config: config.llm, metrics, cache, log, clock });

    const healthChecks: HealthCheck[] = [];
    if (config.redisUrl) healthChecks.push(fromDependency('redis', false, () => cache.health()));
    healthChecks.push(fromDependency('jobs', true, () => jobs.health(), { backend: jobs.backend }));
    if (config.natsUrl) healthChecks.push(fromDependency('nats', false, () => events.health()));
    if (config.mqttUrl) {
      // A small client of the server's own, used only to probe the broker modules ingest from.
      const mqtt = createMqttClient({ url: config.mqttUrl, clientId: `qx-server-${process.pid}`, log });
      closers.push(() => mqtt.close());
      healthChecks.push(fromDependency('mqtt', false, () => mqtt.health()));
    }
    healthChecks.push({
      name: 'circuit_breakers',
      required: false,
      async check() {
        const breakers = breakerRegistry.list();
        const open = breakers.filter((b) => b.state === 'open').map((b) => b.name);
        return {
          status: open.length > 0 ? 'degraded' : 'up',
          details: Object.fromEntries(breakers.map((b) => [b.name, b.state])),
        };
      },
    });

    return {
      auth,
      authenticator: auth,
      audit,
      esign,
      cache,
      jobs,
      events,
      llm,
      migrationOwners: [authMigrations, auditMigrations, jobsMigrations],
      routes: [
        { plugin: authRoutes, options: { auth, audit, esign } },
        { plugin: auditRoutes, options: { auth, audit, esign } },
        { plugin: jobRoutes, options: { jobs } },
        { plugin: llmRoutes, options: { llm } },
      ],
      healthChecks,
      async start(startOptions = {}) {
        if (startOptions.worker ?? config.jobs.runInServer) await jobs.start();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
