import {
  type AuditTrail,
  type AuthService,
  auditMigrations,
  authMigrations,
  createAuditTrail,
  createAuthService,
  createESignatureService,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type JobRecord,
  type LlmGateway,
  type Logger,
  loadConfig,
  type ModuleContext,
  type Principal,
  unavailableLlm,
} from '@quintessence/platform';
import { openTestDatabase, type TestDatabase } from '@quintessence/platform/testing';
import { Registry } from 'prom-client';
import { restockMigrations } from '../adapters/migrations.js';

/** TEST DOUBLE for the job queue: records what was enqueued (the webhook's HTTP boundary is never called). */
export function recordingJobQueue(): JobQueue & {
  readonly enqueued: Array<{ name: string; payload: unknown; options?: EnqueueOptions }>;
} {
  const enqueued: Array<{ name: string; payload: unknown; options?: EnqueueOptions }> = [];
  const handlers = new Map<string, JobHandler>();
  return {
    enqueued,
    register<P, R>(name: string, handler: JobHandler<P, R>) {
      handlers.set(name, handler as JobHandler);
    },
    async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<JobRecord> {
      enqueued.push({ name, payload, options });
      const now = new Date(0).toISOString();
      return {
        id: String(enqueued.length),
        name,
        state: 'queued',
        attempts: 0,
        maxAttempts: options?.attempts ?? 3,
        progress: 0,
        payload,
        createdAt: now,
        updatedAt: now,
      };
    },
    async get() {
      return null;
    },
  };
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

export function fakeClock(start = '2026-11-23T09:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

export const planner: Principal = { kind: 'user', id: 'u-planner', name: 'pat', roles: ['planner'] };

export interface RestockTestContext {
  readonly t: TestDatabase;
  readonly ctx: ModuleContext;
  readonly audit: AuditTrail;
  readonly auth: AuthService;
  readonly jobs: ReturnType<typeof recordingJobQueue>;
  readonly clock: ReturnType<typeof fakeClock>;
  /** Rebuilds the per-test pieces after `t.reset()`. */
  reset(options?: { llm?: LlmGateway; modules?: Record<string, Record<string, unknown>> }): Promise<void>;
}

/**
 * A module context on PGlite (or PostgreSQL) with the real platform audit trail, auth service and e-signature
 * service, a fresh metrics registry, and a recording job queue. The approver `ann` (password `approver-password-1`)
 * can sign.
 */
export async function openRestockTestContext(kind: 'pglite' | 'postgres' = 'pglite'): Promise<RestockTestContext> {
  const t = await openTestDatabase(kind, [
    authMigrations,
    auditMigrations,
    { name: 'restock', migrations: restockMigrations },
  ]);
  const state = {} as {
    ctx: ModuleContext;
    audit: AuditTrail;
    auth: AuthService;
    jobs: ReturnType<typeof recordingJobQueue>;
    clock: ReturnType<typeof fakeClock>;
  };
  const system: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
  const out: RestockTestContext = {
    t,
    get ctx() {
      return state.ctx;
    },
    get audit() {
      return state.audit;
    },
    get auth() {
      return state.auth;
    },
    get jobs() {
      return state.jobs;
    },
    get clock() {
      return state.clock;
    },
    async reset(options = {}) {
      await t.reset();
      const clock = fakeClock();
      const config = loadConfig({}, { overrides: { modules: options.modules ?? {} } });
      const audit = createAuditTrail({ db: t.db, signingKey: 'restock-test-audit-signing-key-0123456789', clock });
      const auth = createAuthService({
        db: t.db,
        config,
        jwtSecret: 'restock-test-jwt-secret-0123456789abcdef',
        audit,
        clock,
        passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      });
      await auth.createUser(
        { username: 'ann', fullName: 'Ann Approver', password: 'approver-password-1', roles: ['approver'] },
        { principal: system },
      );
      await auth.createUser(
        { username: 'pat', fullName: 'Pat Planner', password: 'planner-password-1', roles: ['planner'] },
        { principal: system },
      );
      const esign = createESignatureService({ db: t.db, auth, audit, clock });
      const jobs = recordingJobQueue();
      const ctx: ModuleContext = {
        config,
        db: t.db,
        log: silentLogger,
        metrics: new Registry(),
        audit,
        esign,
        cache: {
          async get() {
            return undefined;
          },
          async set() {},
          async delete() {},
          wrap: (_k, _ttl, compute) => compute(),
        },
        jobs,
        events: { async publish() {}, subscribe: () => () => {} },
        llm: options.llm ?? unavailableLlm,
        clock,
      };
      Object.assign(state, { ctx, audit, auth, jobs, clock });
    },
  };
  return out;
}
