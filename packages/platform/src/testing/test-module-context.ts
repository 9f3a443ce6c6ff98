import { Registry } from 'prom-client';
import { auditMigrations } from '../audit/audit-migrations.js';
import { createAuditTrail } from '../audit/audit-trail.js';
import { createESignatureService } from '../audit/esignature-service.js';
import { authMigrations } from '../auth/auth-migrations.js';
import { type AuthService, createAuthService } from '../auth/auth-service.js';
import type { Principal, Role } from '../auth/roles.js';
import { createCache } from '../cache/create-cache.js';
import { loadConfig } from '../config/config.js';
import type { MigrationOwner } from '../db/migrations.js';
import { createEventBus } from '../events/event-bus.js';
import type { LlmGateway } from '../llm/port.js';
import { unavailableLlm } from '../llm/port.js';
import type { ModuleContext } from '../module.js';
import type { JobQueue, Logger } from '../ports.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

/** A logger that drops everything (tests). */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/** A clock that only moves when told to. */
export function fakeClock(start = '2026-11-23T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

export interface TestUser {
  readonly username: string;
  readonly fullName: string;
  readonly password: string;
  readonly roles: readonly Role[];
}

/** A job queue for modules whose tests must not enqueue anything: `enqueue` throws. */
export function refusingJobQueue(): JobQueue {
  return {
    register() {},
    async enqueue(name) {
      throw new Error(`unexpected job "${name}" enqueued in a test without a job queue`);
    },
    async get() {
      return null;
    },
  };
}

export interface TestModuleContextOptions<J extends JobQueue> {
  /** Users created at every reset (real argon2id hashes with cheap test parameters). */
  readonly users?: readonly TestUser[];
  /** The job queue (default {@link refusingJobQueue}); a test double of the module's own. */
  readonly jobs?: () => J;
  readonly clockStart?: string;
}

export interface TestModuleContext<J extends JobQueue = JobQueue> {
  readonly t: TestDatabase;
  readonly ctx: ModuleContext;
  readonly audit: ReturnType<typeof createAuditTrail>;
  readonly auth: AuthService;
  readonly jobs: J;
  readonly clock: FakeClock;
  /** Empties the database, re-runs migrations and rebuilds every service; call in `beforeEach`. */
  reset(options?: { llm?: LlmGateway; modules?: Record<string, Record<string, unknown>> }): Promise<void>;
}

/**
 * A module context for service tests: a migrated database (PGlite, or a fresh PostgreSQL database) with the real
 * platform audit trail, auth and e-signature services, in-process cache and event bus, a fresh metrics registry and
 * a fake clock. The module's own migrations run after the platform's auth and audit migrations.
 *
 * @example
 * const env = await openTestModuleContext('pglite', [{ name: 'restock', migrations }], { users: [ann] });
 * beforeEach(() => env.reset());
 */
export async function openTestModuleContext<J extends JobQueue = JobQueue>(
  kind: 'pglite' | 'postgres',
  moduleOwners: readonly MigrationOwner[],
  options: TestModuleContextOptions<J> = {},
): Promise<TestModuleContext<J>> {
  const t = await openTestDatabase(kind, [authMigrations, auditMigrations, ...moduleOwners]);
  const system: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
  let state: Omit<TestModuleContext<J>, 't' | 'reset'> | undefined;
  const current = () => {
    if (!state) throw new Error('call reset() before using the test module context');
    return state;
  };
  return {
    t,
    get ctx() {
      return current().ctx;
    },
    get audit() {
      return current().audit;
    },
    get auth() {
      return current().auth;
    },
    get jobs() {
      return current().jobs;
    },
    get clock() {
      return current().clock;
    },
    async reset(resetOptions = {}) {
      await t.reset();
      const clock = fakeClock(options.clockStart);
      const config = loadConfig({}, { overrides: { modules: resetOptions.modules ?? {} } });
      const audit = createAuditTrail({ db: t.db, signingKey: 'test-audit-signing-key-0123456789abcdef', clock });
      const auth = createAuthService({
        db: t.db,
        config,
        jwtSecret: 'test-jwt-secret-0123456789abcdef0123',
        audit,
        clock,
        passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      });
      for (const user of options.users ?? []) {
        await auth.createUser({ ...user, roles: [...user.roles] }, { principal: system });
      }
      const metrics = new Registry();
      const jobs = options.jobs ? options.jobs() : (refusingJobQueue() as J);
      const ctx: ModuleContext = {
        config,
        db: t.db,
        log: silentLogger,
        metrics,
        audit,
        authenticator: auth,
        esign: createESignatureService({ db: t.db, auth, audit, clock }),
        cache: createCache({ config, metrics }),
        jobs,
        events: createEventBus({ config: {}, log: silentLogger }),
        llm: resetOptions.llm ?? unavailableLlm,
        clock,
      };
      state = { ctx, audit, auth, jobs, clock };
    },
  };
}
