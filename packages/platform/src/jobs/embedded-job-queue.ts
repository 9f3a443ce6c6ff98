import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import {
  type Clock,
  type EnqueueOptions,
  type JobHandler,
  type JobRecord,
  type Logger,
  systemClock,
} from '../ports.js';
import type { DependencyHealth } from '../resilience/dependency-health.js';
import { backoffDelayMs, errorMessage, resolveEnqueueOptions, toJson } from './internal/enqueue-options.js';
import { type JobMetrics, jobMetrics } from './internal/job-metrics.js';
import type { JobRow, JobsTables } from './jobs-migrations.js';
import type { WorkerJobQueue } from './worker-job-queue.js';

export interface EmbeddedJobQueueOptions {
  /** A database migrated with `jobsMigrations`. */
  readonly db: Database;
  readonly log: Logger;
  /** Registry for `jobs_processed_total{name,outcome}` and `job_duration_seconds{name}`. */
  readonly metrics?: Registry;
  /** Time source of run times, leases and timestamps (default: system clock). */
  readonly clock?: Clock;
  /** Jobs run at once by this process (default 2). */
  readonly concurrency?: number;
  /** Pause between polls when there is nothing to do (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** A running job whose worker has not renewed its lease for this long goes back to the queue (default 30 s). */
  readonly leaseMs?: number;
  /** How long `stop()` waits for running jobs before aborting them (default 30 s). */
  readonly stopTimeoutMs?: number;
  /** Cap of the retry backoff (default 1 h). */
  readonly maxBackoffMs?: number;
  /** Names this worker in `locked_by` (default host:pid:random). */
  readonly workerId?: string;
}

interface ActiveJob {
  readonly promise: Promise<void>;
  readonly controller: AbortController;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Maps a table row to the port's record shape (shared with the BullMQ backend). */
function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    progress: row.progress,
    payload: row.payload,
    ...(row.state === 'completed' ? { result: row.result ?? null } : {}),
    ...(row.error === null ? {} : { error: row.error }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Durable job queue in the database (table `platform_jobs`, see `jobsMigrations`), for PGlite and PostgreSQL alike.
 * Workers poll and claim one due job at a time with `UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED)`, so
 * several processes on one PostgreSQL never run a job twice at once. A running job holds a lease that its worker
 * renews; when a process dies, the job goes back to the queue once the lease expires (at-least-once delivery).
 * Failed attempts are retried after `backoffMs * 2^(attempt - 1)`.
 *
 * @example
 * const queue = new EmbeddedJobQueue({ db, log });
 * queue.register('restock.forecast', async (payload, ctx) => { await ctx.reportProgress(0.5); return { ok: true }; });
 * await queue.start();
 * const job = await queue.enqueue('restock.forecast', { sku: 'A-1' }, { attempts: 5 });
 */
export class EmbeddedJobQueue implements WorkerJobQueue {
  readonly backend = 'embedded' as const;
  readonly #db: Kysely<JobsTables>;
  readonly #database: Database;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #metrics: JobMetrics | undefined;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #stopTimeoutMs: number;
  readonly #maxBackoffMs: number;
  readonly #workerId: string;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #active = new Map<string, ActiveJob>();
  #running = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;
  #wakeRequested = false;
  #pollFailures = 0;

  constructor(options: EmbeddedJobQueueOptions) {
    this.#database = options.db;
    this.#db = options.db.as<JobsTables>();
    this.#log = options.log.child({ component: 'jobs', backend: 'embedded' });
    this.#clock = options.clock ?? systemClock;
    this.#metrics = options.metrics ? jobMetrics(options.metrics) : undefined;
    this.#concurrency = positive('concurrency', options.concurrency ?? 2);
    this.#pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 500);
    this.#leaseMs = positive('leaseMs', options.leaseMs ?? 30_000);
    this.#stopTimeoutMs = positive('stopTimeoutMs', options.stopTimeoutMs ?? 30_000);
    this.#maxBackoffMs = positive('maxBackoffMs', options.maxBackoffMs ?? 3_600_000);
    this.#workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  register<P, R>(name: string, handler: JobHandler<P, R>): void {
    resolveEnqueueOptions(name);
    if (this.#handlers.has(name)) throw new RangeError(`a handler for job ${name} is already registered`);
    this.#handlers.set(name, handler as JobHandler);
    if (this.#running) this.#schedule(0);
  }

  async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<JobRecord> {
    if (this.#stopped) throw new Error('job queue is stopped');
    const opts = resolveEnqueueOptions(name, options);
    const json = toJson(payload, `payload of job ${name}`);
    const now = this.#clock.now();
    const inserted = await this.#db
      .insertInto('platform_jobs')
      .values({
        id: randomUUID(),
        name,
        state: 'queued',
        payload: json,
        result: null,
        error: null,
        progress: 0,
        attempts: 0,
        max_attempts: opts.attempts,
        backoff_ms: opts.backoffMs,
        idempotency_key: opts.idempotencyKey ?? null,
        run_at: new Date(now.getTime() + opts.delayMs),
        locked_by: null,
        locked_until: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      if (this.#running && opts.delayMs === 0 && this.#handlers.has(name)) this.#schedule(0);
      return toRecord(inserted);
    }
    const existing = await this.#db
      .selectFrom('platform_jobs')
      .selectAll()
      .where('idempotency_key', '=', opts.idempotencyKey!)
      .executeTakeFirstOrThrow();
    return toRecord(existing);
  }

  async get(id: string): Promise<JobRecord | null> {
    const row = await this.#db.selectFrom('platform_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async start(): Promise<void> {
    if (this.#stopped) throw new Error('job queue is stopped');
    if (this.#running) return;
    this.#running = true;
    this.#log.info(
      { worker: this.#workerId, concurrency: this.#concurrency, handlers: [...this.#handlers.keys()] },
      'job workers started',
    );
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#tick;
    const running = Promise.allSettled([...this.#active.values()].map((job) => job.promise));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      running.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.#stopTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.#log.warn({ jobs: [...this.#active.keys()] }, 'jobs still running at shutdown; aborting and re-queueing');
      for (const job of this.#active.values()) job.controller.abort(new Error('worker shutdown'));
      await running;
    }
    this.#log.info({ worker: this.#workerId }, 'job workers stopped');
  }

  async health(): Promise<DependencyHealth> {
    try {
      return { status: 'up', latencyMs: await this.#database.ping() };
    } catch (error) {
      return { status: 'down', latencyMs: 0, error: errorMessage(error) };
    }
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    if (this.#tick) {
      this.#wakeRequested = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#tick = this.#poll().finally(() => {
        this.#tick = undefined;
        const again = this.#wakeRequested && this.#pollFailures === 0;
        this.#wakeRequested = false;
        // while the database fails, poll less often: interval * 2^failures, at most 30 s
        const delay = Math.min(this.#pollIntervalMs * 2 ** this.#pollFailures, Math.max(this.#pollIntervalMs, 30_000));
        this.#schedule(again ? 0 : delay);
      });
    }, delayMs);
  }

  async #poll(): Promise<void> {
    try {
      await this.#requeueExpired();
      while (this.#running && this.#active.size < this.#concurrency) {
        const row = await this.#claim();
        if (!row) break;
        this.#run(row);
      }
      this.#pollFailures = 0;
    } catch (error) {
      this.#pollFailures = Math.min(this.#pollFailures + 1, 16);
      this.#log.error({ err: error, failures: this.#pollFailures }, 'job queue poll failed');
    }
  }

  /** Jobs whose worker stopped renewing its lease go back to the queue, or fail when no attempt is left. */
  async #requeueExpired(): Promise<void> {
    const now = this.#clock.now();
    const { rows } = await sql<Pick<JobRow, 'id' | 'name' | 'state' | 'attempts'>>`
      update platform_jobs set
        state = case when attempts < max_attempts then 'queued' else 'failed' end,
        error = 'lease expired: the worker running attempt ' || attempts || ' stopped answering',
        run_at = ${now}, locked_by = null, locked_until = null, updated_at = ${now},
        finished_at = case when attempts < max_attempts then null else ${now}::timestamptz end
      where state = 'running' and locked_until < ${now}
      returning id, name, state, attempts`.execute(this.#db);
    for (const row of rows) {
      this.#log.warn({ jobId: row.id, job: row.name, state: row.state, attempt: row.attempts }, 'job lease expired');
      if (row.state === 'failed') this.#metrics?.processed.inc({ name: row.name, outcome: 'failed' });
    }
  }

  async #claim(): Promise<JobRow | undefined> {
    const names = [...this.#handlers.keys()];
    if (names.length === 0) return undefined;
    const now = this.#clock.now();
    const until = new Date(now.getTime() + this.#leaseMs);
    const { rows } = await sql<JobRow>`
      update platform_jobs set
        state = 'running', attempts = attempts + 1, locked_by = ${this.#workerId}, locked_until = ${until},
        updated_at = ${now}
      where id = (
        select id from platform_jobs
        where state = 'queued' and run_at <= ${now} and name in (${sql.join(names)})
        order by run_at, created_at, id
        limit 1
        for update skip locked)
      returning *`.execute(this.#db);
    return rows[0];
  }

  #run(row: JobRow): void {
    const handler = this.#handlers.get(row.name)!;
    const controller = new AbortController();
    const started = performance.now();
    const mine = () => this.#mine(row.id);
    const heartbeat = setInterval(
      () => {
        const now = this.#clock.now();
        mine()
          .set({ locked_until: new Date(now.getTime() + this.#leaseMs) })
          .where('state', '=', 'running')
          .executeTakeFirst()
          .then((result) => {
            if (result.numUpdatedRows === 0n) {
              this.#log.warn({ jobId: row.id, job: row.name }, 'job lease lost; aborting this attempt');
              controller.abort(new Error('job lease lost'));
            }
          })
          .catch((error: unknown) => this.#log.warn({ err: error, jobId: row.id }, 'job lease renewal failed'));
      },
      Math.max(1, Math.floor(this.#leaseMs / 3)),
    );

    const finish = async (): Promise<void> => {
      try {
        const result = await handler(row.payload, {
          jobId: row.id,
          attempt: row.attempts,
          signal: controller.signal,
          reportProgress: async (fraction: number) => {
            if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`progress must be in [0, 1], got ${fraction}`);
            await mine().set({ progress: fraction, updated_at: this.#clock.now() }).executeTakeFirst();
          },
        });
        const json = toJson(result, `result of job ${row.name}`);
        const now = this.#clock.now();
        const updated = await mine()
          .set({
            state: 'completed',
            result: json,
            progress: 1,
            error: null,
            locked_by: null,
            locked_until: null,
            updated_at: now,
            finished_at: now,
          })
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) {
          this.#log.warn({ jobId: row.id, job: row.name }, 'job finished after losing its lease; result dropped');
          return;
        }
        this.#metrics?.processed.inc({ name: row.name, outcome: 'completed' });
      } catch (error) {
        await this.#failAttempt(row, error, controller.signal);
      } finally {
        this.#metrics?.duration.observe({ name: row.name }, (performance.now() - started) / 1000);
      }
    };

    const promise = finish()
      .catch((error: unknown) => this.#log.error({ err: error, jobId: row.id }, 'job bookkeeping failed'))
      .finally(() => {
        clearInterval(heartbeat);
        this.#active.delete(row.id);
        this.#schedule(0);
      });
    this.#active.set(row.id, { promise, controller });
  }

  /** Updates a job only while this worker holds its lease. */
  #mine(id: string) {
    return this.#db.updateTable('platform_jobs').where('id', '=', id).where('locked_by', '=', this.#workerId);
  }

  async #failAttempt(row: JobRow, error: unknown, signal: AbortSignal): Promise<void> {
    const mine = () => this.#mine(row.id);
    const message = errorMessage(error);
    const now = this.#clock.now();
    if (signal.aborted && this.#stopped) {
      // interrupted by shutdown: give the attempt back
      await mine()
        .set({
          state: 'queued',
          attempts: row.attempts - 1,
          run_at: now,
          error: 'interrupted by worker shutdown',
          locked_by: null,
          locked_until: null,
          updated_at: now,
        })
        .executeTakeFirst();
      return;
    }
    if (row.attempts < row.max_attempts) {
      const delay = backoffDelayMs(row.backoff_ms, row.attempts, this.#maxBackoffMs);
      const updated = await mine()
        .set({
          state: 'queued',
          run_at: new Date(now.getTime() + delay),
          error: message,
          locked_by: null,
          locked_until: null,
          updated_at: now,
        })
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) {
        this.#log.warn(
          { jobId: row.id, job: row.name, attempt: row.attempts, retryInMs: delay, err: message },
          'job attempt failed; retrying',
        );
        this.#metrics?.processed.inc({ name: row.name, outcome: 'retried' });
      }
      return;
    }
    const updated = await mine()
      .set({ state: 'failed', error: message, locked_by: null, locked_until: null, updated_at: now, finished_at: now })
      .executeTakeFirst();
    if (updated.numUpdatedRows > 0n) {
      this.#log.error({ jobId: row.id, job: row.name, attempts: row.attempts, err: message }, 'job failed');
      this.#metrics?.processed.inc({ name: row.name, outcome: 'failed' });
    }
  }
}
