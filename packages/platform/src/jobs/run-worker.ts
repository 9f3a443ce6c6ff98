import type { Logger } from '../ports.js';
import type { WorkerJobQueue } from './worker-job-queue.js';

/** Where stop signals arrive: `process`, or an `EventEmitter` in tests. */
export interface SignalSource {
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

export interface RunWorkerOptions {
  /** A queue with its handlers registered (modules' `start` registers them). */
  readonly queue: Pick<WorkerJobQueue, 'start' | 'stop' | 'backend'>;
  readonly log: Logger;
  /** Signals that stop the worker (default `SIGTERM` and `SIGINT`). */
  readonly signals?: readonly string[];
  /** Default `process`. */
  readonly signalSource?: SignalSource;
  /** Stops the worker when aborted, as a signal would. */
  readonly abortSignal?: AbortSignal;
}

/**
 * Runs the queue's workers until SIGTERM or SIGINT (or `abortSignal`), then stops them gracefully: running jobs
 * finish before it resolves. Resolves with the reason it stopped. Used by `quintessence worker`.
 *
 * @example
 * const reason = await runWorker({ queue: jobs, log });
 * await db.close();
 */
export async function runWorker(options: RunWorkerOptions): Promise<{ reason: string }> {
  const { queue, log } = options;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const source: SignalSource = options.signalSource ?? process;
  const listeners: Array<[string, () => void]> = [];
  const stopped = new Promise<string>((resolve) => {
    for (const signal of signals) {
      const listener = () => resolve(signal);
      listeners.push([signal, listener]);
      source.once(signal, listener);
    }
    if (options.abortSignal) {
      if (options.abortSignal.aborted) resolve('abort');
      else options.abortSignal.addEventListener('abort', () => resolve('abort'), { once: true });
    }
  });
  try {
    await queue.start();
    log.info({ backend: queue.backend }, 'worker running; send SIGTERM or SIGINT to stop');
    const reason = await stopped;
    log.info({ reason }, 'worker stopping; waiting for running jobs');
    await queue.stop();
    log.info({ reason }, 'worker stopped');
    return { reason };
  } finally {
    for (const [signal, listener] of listeners) source.off(signal, listener);
  }
}
