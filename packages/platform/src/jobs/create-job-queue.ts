import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import type { Clock, Logger } from '../ports.js';
import { BullmqJobQueue, type BullmqJobQueueOptions } from './bullmq-job-queue.js';
import { EmbeddedJobQueue, type EmbeddedJobQueueOptions } from './embedded-job-queue.js';
import type { WorkerJobQueue } from './worker-job-queue.js';

export interface CreateJobQueueOptions {
  /** `jobs.backend` (`auto` picks BullMQ when `redisUrl` is set), `jobs.concurrency`, `redisUrl`. */
  readonly config: Pick<Config, 'jobs' | 'redisUrl'>;
  /** The database of the embedded backend (migrated with `jobsMigrations`). */
  readonly db: Database;
  readonly log: Logger;
  readonly metrics?: Registry;
  readonly clock?: Clock;
  /** Tuning of the embedded backend (poll interval, lease, stop timeout). */
  readonly embedded?: Partial<Omit<EmbeddedJobQueueOptions, 'db' | 'log' | 'metrics' | 'clock'>>;
  /** Tuning of the BullMQ backend (queue name, key prefix, retention, stop timeout). */
  readonly bullmq?: Partial<Omit<BullmqJobQueueOptions, 'redisUrl' | 'log' | 'metrics'>>;
}

/** Which backend a configuration selects. */
export function jobBackendFor(config: Pick<Config, 'jobs' | 'redisUrl'>): 'embedded' | 'bullmq' {
  if (config.jobs.backend === 'auto') return config.redisUrl ? 'bullmq' : 'embedded';
  return config.jobs.backend;
}

/**
 * The job queue the configuration asks for: BullMQ on Redis when `jobs.backend` is `bullmq` (or `auto` with
 * `REDIS_URL` set), otherwise the embedded queue in the database. Both implement the same port and record shape.
 * Register handlers, then `start()` the workers (in the server, or through `runWorker` in `quintessence worker`).
 *
 * @example
 * const jobs = createJobQueue({ config, db, log, metrics: registry });
 * jobs.register('restock.forecast', forecastHandler);
 * if (config.jobs.runInServer) await jobs.start();
 */
export function createJobQueue(options: CreateJobQueueOptions): WorkerJobQueue {
  const { config } = options;
  const backend = jobBackendFor(config);
  if (backend === 'bullmq') {
    if (!config.redisUrl) {
      throw new AppError('CONFIG_INVALID', 'Invalid configuration: jobs.backend bullmq needs redisUrl (REDIS_URL)', {
        details: { key: 'jobs.backend' },
      });
    }
    return new BullmqJobQueue({
      concurrency: config.jobs.concurrency,
      ...options.bullmq,
      redisUrl: config.redisUrl,
      log: options.log,
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
  }
  return new EmbeddedJobQueue({
    concurrency: config.jobs.concurrency,
    ...options.embedded,
    db: options.db,
    log: options.log,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
