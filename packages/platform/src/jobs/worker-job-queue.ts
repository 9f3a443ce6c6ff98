import type { JobQueue } from '../ports.js';
import type { DependencyHealth } from '../resilience/dependency-health.js';

/**
 * A job queue with its workers: the `JobQueue` port that modules use, plus what the server and
 * `quintessence worker` need to run and stop the workers.
 */
export interface WorkerJobQueue extends JobQueue {
  /** `embedded` (the database) or `bullmq` (Redis). */
  readonly backend: 'embedded' | 'bullmq';
  /** Starts processing jobs whose name has a registered handler. Calling it twice is harmless. */
  start(): Promise<void>;
  /**
   * Stops taking new jobs and waits for running ones to finish (up to the stop timeout; after it their signals abort
   * and the jobs go back to the queue), then releases connections. The queue cannot be used afterwards.
   */
  stop(): Promise<void>;
  /** Whether the queue's store answers. */
  health(): Promise<DependencyHealth>;
}

/** Validated enqueue options with their defaults (3 attempts, 1 s backoff base, no delay). */
export interface ResolvedEnqueueOptions {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly delayMs: number;
  readonly idempotencyKey?: string;
}
