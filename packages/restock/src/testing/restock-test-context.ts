import {
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type JobRecord,
  jobsMigrations,
  type Principal,
} from '@quintessence/platform';
import { openTestModuleContext, type TestModuleContext } from '@quintessence/platform/testing';
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

export { fakeClock, silentLogger } from '@quintessence/platform/testing';

export const planner: Principal = { kind: 'user', id: 'u-planner', name: 'pat', roles: ['planner'] };

export type RestockTestContext = TestModuleContext<ReturnType<typeof recordingJobQueue>>;

/**
 * A module context on PGlite (or PostgreSQL) with the real platform audit trail, auth service and e-signature
 * service, a fresh metrics registry, and a recording job queue. The approver `ann` (password `approver-password-1`)
 * can sign; `pat` (password `planner-password-1`) plans. `jobsTable` adds the embedded job queue's table, for
 * tests that run the real queue.
 */
export function openRestockTestContext(
  kind: 'pglite' | 'postgres' = 'pglite',
  options: { readonly jobsTable?: boolean } = {},
): Promise<RestockTestContext> {
  const owners = [{ name: 'restock', migrations: restockMigrations }];
  return openTestModuleContext(kind, options.jobsTable ? [jobsMigrations, ...owners] : owners, {
    clockStart: '2026-11-23T09:00:00.000Z',
    jobs: recordingJobQueue,
    users: [
      { username: 'ann', fullName: 'Ann Approver', password: 'approver-password-1', roles: ['approver'] },
      { username: 'pat', fullName: 'Pat Planner', password: 'planner-password-1', roles: ['planner'] },
    ],
  });
}
