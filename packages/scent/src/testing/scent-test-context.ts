import {
  type AuditTrail,
  type AuthService,
  auditMigrations,
  authMigrations,
  createAuditTrail,
  createAuthService,
  createESignatureService,
  createEventBus,
  type EventBus,
  type Logger,
  loadConfig,
  type ModuleContext,
  type Principal,
  unavailableLlm,
} from '@quintessence/platform';
import { openTestDatabase, type TestDatabase } from '@quintessence/platform/testing';
import { Registry } from 'prom-client';
import { scentMigrations } from '../adapters/migrations.js';

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

export function fakeClock(start = '2026-11-23T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

export const operator: Principal = { kind: 'user', id: 'u-oscar', name: 'oscar', roles: ['operator'] };
export const qaPrincipal: Principal = { kind: 'user', id: 'u-quinn', name: 'quinn', roles: ['qa_approver'] };

export interface ScentTestContext {
  readonly t: TestDatabase;
  readonly ctx: ModuleContext;
  readonly audit: AuditTrail;
  readonly auth: AuthService;
  readonly events: EventBus;
  readonly clock: ReturnType<typeof fakeClock>;
  /** Rebuilds the per-test pieces after `t.reset()`. */
  reset(): Promise<void>;
}

/**
 * A module context on PGlite (or PostgreSQL) with the real platform audit trail, auth service, e-signature service
 * and in-process event bus. Users: `quinn` (qa_approver, password `quinn-password-1`), `oscar` (operator), `abe`
 * (approver, may sign but is not a qa_approver).
 */
export async function openScentTestContext(kind: 'pglite' | 'postgres' = 'pglite'): Promise<ScentTestContext> {
  const t = await openTestDatabase(kind, [
    authMigrations,
    auditMigrations,
    { name: 'scent', migrations: scentMigrations },
  ]);
  const state = {} as Omit<ScentTestContext, 't' | 'reset'>;
  const system: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
  return {
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
    get events() {
      return state.events;
    },
    get clock() {
      return state.clock;
    },
    async reset() {
      await t.reset();
      const clock = fakeClock();
      const config = loadConfig({}, { overrides: {} });
      const audit = createAuditTrail({ db: t.db, signingKey: 'scent-test-audit-signing-key-0123456789', clock });
      const auth = createAuthService({
        db: t.db,
        config,
        jwtSecret: 'scent-test-jwt-secret-0123456789abcdef',
        audit,
        clock,
        passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      });
      for (const [username, fullName, role] of [
        ['quinn', 'Quinn QA', 'qa_approver'],
        ['oscar', 'Oscar Operator', 'operator'],
        ['abe', 'Abe Approver', 'approver'],
      ] as const) {
        await auth.createUser(
          { username, fullName, password: `${username}-password-1`, roles: [role] },
          { principal: system },
        );
      }
      const esign = createESignatureService({ db: t.db, auth, audit, clock });
      const events = createEventBus({ config: {}, log: silentLogger });
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
        jobs: {
          register() {},
          async enqueue() {
            throw new Error('scent does not enqueue jobs');
          },
          async get() {
            return null;
          },
        },
        events,
        llm: unavailableLlm,
        clock,
      };
      Object.assign(state, { ctx, audit, auth, events, clock });
    },
  };
}
