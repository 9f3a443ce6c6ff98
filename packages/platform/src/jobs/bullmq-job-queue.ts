import { createHash, randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import type { Registry } from 'prom-client';
import type { EnqueueOptions, JobHandler, JobRecord, JobState, Logger } from '../ports.js';
import { type DependencyHealth, probeDependency } from '../resilience/dependency-health.js';
import { errorMessage, resolveEnqueueOptions, toJson } from './internal/enqueue-options.js';
import { type JobMetrics, jobMetrics } from './internal/job-metrics.js';
import type { WorkerJobQueue } from './worker-job-queue.js';

export interface BullmqJobQueueOptions {
  /** Redis of the queue (`REDIS_URL`). */
  readonly redisUrl: string;
  readonly log: Logger;
  /** Registry for `jobs_processed_total{name,outcome}` and `job_duration_seconds{name}`. */
  readonly metrics?: Registry;
  /** Jobs run at once by this process (default 2). */
  readonly concurrency?: number;
  /** BullMQ queue name (default `qx-jobs`); every job name shares it and workers dispatch by name. */
  readonly queueName?: string;
  /** Prefix of the queue's Redis keys (default `qx`). */
  readonly prefix?: string;
  /** How long `stop()` waits for running jobs before closing forcibly (default 30 s). */
  readonly stopTimeoutMs?: number;
  /** Finished jobs stay readable through `get` this long (default 7 days completed, 30 days failed). */
  readonly keepCompletedSeconds?: number;
  readonly keepFailedSeconds?: number;
}

function stateOf(state: string): JobState | undefined {
  switch (state) {
    case 'active':
      return 'running';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'waiting':
    case 'delayed':
    case 'prioritized':
    case 'waiting-children':
      return 'queued';
    default:
      return undefined;
  }
}

/** A job id that BullMQ accepts: ours, or a digest of the idempotency key (the same key gives the same job). */
function jobIdFor(idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  return `idem-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/**
 * The job queue on BullMQ (Redis), for several server and worker processes: the same port and record shape as the
 * embedded queue. Retries use BullMQ's exponential backoff (`backoffMs * 2^(attempt - 1)`); a job whose worker dies
 * is taken over by another worker after BullMQ's stalled-job check.
 * All job names share one BullMQ queue, so every worker process should register the same handlers: a worker takes
 * any job of the queue and fails the attempt when it has no handler for its name.
 *
 * @example
 * const queue = new BullmqJobQueue({ redisUrl: 'redis://127.0.0.1:6379', log });
 * @see https://docs.bullmq.io
 */
export class BullmqJobQueue implements WorkerJobQueue {
  readonly backend = 'bullmq' as const;
  readonly #options: BullmqJobQueueOptions;
  readonly #log: Logger;
  readonly #metrics: JobMetrics | undefined;
  readonly #queue: Queue;
  readonly #handlers = new Map<string, JobHandler>();
  #worker: Worker | undefined;
  #stopped = false;

  constructor(options: BullmqJobQueueOptions) {
    this.#options = options;
    this.#log = options.log.child({ component: 'jobs', backend: 'bullmq' });
    this.#metrics = options.metrics ? jobMetrics(options.metrics) : undefined;
    const concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency <= 0) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
    this.#queue = new Queue(options.queueName ?? 'qx-jobs', {
      connection: { url: options.redisUrl, maxRetriesPerRequest: null },
      prefix: options.prefix ?? 'qx',
      defaultJobOptions: {
        removeOnComplete: { age: options.keepCompletedSeconds ?? 7 * 86_400 },
        removeOnFail: { age: options.keepFailedSeconds ?? 30 * 86_400 },
      },
    });
    this.#queue.on('error', (error) => this.#log.warn({ err: error }, 'job queue redis error'));
  }

  register<P, R>(name: string, handler: JobHandler<P, R>): void {
    resolveEnqueueOptions(name);
    if (this.#handlers.has(name)) throw new RangeError(`a handler for job ${name} is already registered`);
    this.#handlers.set(name, handler as JobHandler);
  }

  async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<JobRecord> {
    if (this.#stopped) throw new Error('job queue is stopped');
    const opts = resolveEnqueueOptions(name, options);
    const data = JSON.parse(toJson(payload, `payload of job ${name}`)) as unknown;
    const jobId = jobIdFor(opts.idempotencyKey);
    await this.#queue.add(name, data, {
      jobId,
      attempts: opts.attempts,
      ...(opts.backoffMs > 0 ? { backoff: { type: 'exponential', delay: opts.backoffMs } } : {}),
      ...(opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
    });
    const record = await this.get(jobId);
    if (!record) throw new Error(`job ${jobId} vanished right after it was added`);
    return record;
  }

  async get(id: string): Promise<JobRecord | null> {
    if (id.length === 0 || id.includes(':')) return null;
    // state first: a job read before its state could miss the result of a completion in between
    const state = stateOf(await this.#queue.getJobState(id));
    if (state === undefined) return null;
    const job = await this.#queue.getJob(id);
    return job ? toRecord(job as Job, state) : null;
  }

  async start(): Promise<void> {
    if (this.#stopped) throw new Error('job queue is stopped');
    if (this.#worker) return;
    const log = this.#log;
    const worker = new Worker(
      this.#queue.name,
      async (job: Job, _token?: string, signal?: AbortSignal) => {
        const handler = this.#handlers.get(job.name);
        if (!handler) throw new Error(`no handler registered for job ${job.name} in this worker`);
        const started = performance.now();
        try {
          return await handler(job.data, {
            jobId: job.id!,
            attempt: job.attemptsStarted,
            signal: signal ?? new AbortController().signal,
            reportProgress: async (fraction: number) => {
              if (!(fraction >= 0 && fraction <= 1))
                throw new RangeError(`progress must be in [0, 1], got ${fraction}`);
              await job.updateProgress(fraction);
            },
          });
        } finally {
          this.#metrics?.duration.observe({ name: job.name }, (performance.now() - started) / 1000);
        }
      },
      {
        connection: { url: this.#options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.#options.prefix ?? 'qx',
        concurrency: this.#options.concurrency ?? 2,
      },
    );
    worker.on('completed', (job) => this.#metrics?.processed.inc({ name: job.name, outcome: 'completed' }));
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
      this.#metrics?.processed.inc({ name: job.name, outcome: final ? 'failed' : 'retried' });
      const entry = { jobId: job.id, job: job.name, attempt: job.attemptsMade, err: errorMessage(error) };
      if (final) log.error(entry, 'job failed');
      else log.warn(entry, 'job attempt failed; retrying');
    });
    worker.on('error', (error) => log.warn({ err: error }, 'job worker error'));
    this.#worker = worker;
    await worker.waitUntilReady();
    log.info(
      { concurrency: this.#options.concurrency ?? 2, handlers: [...this.#handlers.keys()], queue: this.#queue.name },
      'job workers started',
    );
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const worker = this.#worker;
    if (worker) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        worker.close().then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), this.#options.stopTimeoutMs ?? 30_000);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        this.#log.warn({}, 'jobs still running at shutdown; closing the worker forcibly (they will be retried)');
        await worker.close(true);
      }
      this.#log.info({}, 'job workers stopped');
    }
    await this.#queue.close();
  }

  async health(): Promise<DependencyHealth> {
    return probeDependency(() => this.#queue.getJobCounts('active'));
  }
}

function toRecord(job: Job, state: JobState): JobRecord {
  const updated = Math.max(job.timestamp, job.processedOn ?? 0, job.finishedOn ?? 0);
  const progress = state === 'completed' ? 1 : typeof job.progress === 'number' ? job.progress : 0;
  return {
    id: job.id!,
    name: job.name,
    state,
    attempts: state === 'running' ? job.attemptsStarted : job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    progress,
    payload: job.data,
    ...(state === 'completed' ? { result: job.returnvalue ?? null } : {}),
    ...(job.failedReason ? { error: job.failedReason } : {}),
    createdAt: new Date(job.timestamp).toISOString(),
    updatedAt: new Date(updated).toISOString(),
  };
}
