import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead as bulkheadPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  halfJitterGenerator,
  handleWhen,
  type IPolicy,
  IsolatedCircuitError,
  noop,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import type { Registry } from 'prom-client';
import { AppError } from '../errors/app-error.js';
import {
  type BreakerRegistry,
  breakerStateOf,
  breakerStateValue,
  breakerRegistry as defaultBreakerRegistry,
} from './breaker-registry.js';
import { registeredCounter, registeredGauge } from './internal/registered-metric.js';

export interface ResiliencePolicyOptions {
  /** Names the breaker in `/health/detailed` and the `name` label of the metrics (`llm.openai`, `erp.orders`). */
  readonly name: string;
  /** Retries after the first attempt (default 2; 0 disables retry). */
  readonly retries?: number;
  /**
   * Exponential backoff between attempts: before retry n (from 0) it waits a random time in [d/2, d] with
   * d = min(initialDelayMs * 2^n, maxDelayMs). Defaults: 200 ms, 10 s.
   */
  readonly backoff?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Deadline of each attempt in milliseconds (default 10 000). The function's signal aborts when it passes. */
  readonly timeoutMs?: number;
  /** Opens after `threshold` consecutive failures (default 5), tries one call again after `halfOpenAfterMs` (30 s). */
  readonly breaker?: { readonly threshold?: number; readonly halfOpenAfterMs?: number };
  /** At most `limit` calls at once, `queue` more waiting (default 0); no bulkhead when absent. */
  readonly bulkhead?: { readonly limit: number; readonly queue?: number };
  /** Registry for `circuit_breaker_state{name}` and `resilience_calls_total{name,outcome}`. */
  readonly metrics?: Registry;
  /** Which errors count as failures (retried, and counted by the breaker). Default: every error. */
  readonly isFailure?: (error: Error) => boolean;
  /** Where the breaker is listed (default: the process-wide `breakerRegistry`). */
  readonly breakers?: BreakerRegistry;
}

/** A composed policy: bulkhead, then retry, then circuit breaker, then the per-attempt timeout. */
export interface ResiliencePolicy {
  readonly name: string;
  /**
   * Runs `fn` under the policy. `fn` receives a signal that aborts on the attempt's timeout or when `signal` aborts.
   * Throws `AppError('UNAVAILABLE')` (details.reason `circuit_open`, `bulkhead_full` or `timeout`) when the policy
   * refuses or the last attempt times out; otherwise the last attempt's own error.
   */
  execute<T>(fn: (signal: AbortSignal) => Promise<T> | T, signal?: AbortSignal): Promise<T>;
}

function positiveInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/**
 * Builds a named resilience policy on cockatiel 3: retry with exponential backoff and half jitter, a per-attempt
 * timeout, a consecutive-failure circuit breaker (listed in `breakerRegistry`, state in the
 * `circuit_breaker_state{name}` gauge: 0 closed, 1 half-open, 2 open) and an optional bulkhead.
 *
 * @example
 * const policy = createResiliencePolicy({ name: 'llm.openai', retries: 2, timeoutMs: 20_000,
 *   breaker: { threshold: 5, halfOpenAfterMs: 30_000 }, metrics: registry });
 * const answer = await policy.execute((signal) => fetch(url, { signal }));
 * @see https://github.com/connor4312/cockatiel
 */
export function createResiliencePolicy(options: ResiliencePolicyOptions): ResiliencePolicy {
  const { name } = options;
  if (!name) throw new RangeError('resilience policy needs a name');
  const retries = positiveInt('retries', options.retries ?? 2, 0);
  const timeoutMs = positiveInt('timeoutMs', options.timeoutMs ?? 10_000, 1);
  const threshold = positiveInt('breaker.threshold', options.breaker?.threshold ?? 5, 1);
  const halfOpenAfterMs = positiveInt('breaker.halfOpenAfterMs', options.breaker?.halfOpenAfterMs ?? 30_000, 1);
  const initialDelay = positiveInt('backoff.initialDelayMs', options.backoff?.initialDelayMs ?? 200, 0);
  const maxDelay = positiveInt('backoff.maxDelayMs', options.backoff?.maxDelayMs ?? 10_000, initialDelay);
  const isFailure = options.isFailure ?? (() => true);

  const refused = (error: Error) =>
    error instanceof BrokenCircuitError ||
    error instanceof BulkheadRejectedError ||
    error instanceof IsolatedCircuitError;

  const breaker = circuitBreaker(
    handleWhen((error) => !refused(error) && isFailure(error)),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(threshold) },
  );
  const retryPolicy =
    retries === 0
      ? noop
      : retry(
          handleWhen((error) => !refused(error) && isFailure(error)),
          {
            maxAttempts: retries,
            backoff: new ExponentialBackoff({
              generator: halfJitterGenerator,
              initialDelay: Math.max(initialDelay, 1),
              maxDelay,
            }),
          },
        );
  const attemptTimeout = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const policies: IPolicy[] = [];
  if (options.bulkhead) {
    const limit = positiveInt('bulkhead.limit', options.bulkhead.limit, 1);
    policies.push(bulkheadPolicy(limit, positiveInt('bulkhead.queue', options.bulkhead.queue ?? 0, 0)));
  }
  policies.push(retryPolicy, breaker, attemptTimeout);
  const composed = wrap(...policies);

  (options.breakers ?? defaultBreakerRegistry).register(name, breaker);
  const calls = options.metrics
    ? registeredCounter(options.metrics, {
        name: 'resilience_calls_total',
        help: 'Calls through a resilience policy by outcome (success, failure, circuit_open, bulkhead_full, timeout)',
        labelNames: ['name', 'outcome'],
      })
    : undefined;
  if (options.metrics) {
    const gauge = registeredGauge(options.metrics, {
      name: 'circuit_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open',
      labelNames: ['name'],
    });
    gauge.set({ name }, breakerStateValue[breakerStateOf(breaker.state)]);
    breaker.onStateChange((state) => gauge.set({ name }, breakerStateValue[breakerStateOf(state)]));
  }

  return {
    name,
    async execute<T>(fn: (signal: AbortSignal) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
      try {
        const value = await composed.execute(({ signal: attemptSignal }) => fn(attemptSignal), signal);
        calls?.inc({ name, outcome: 'success' });
        return value as T;
      } catch (error) {
        const [mapped, outcome] = mapError(name, timeoutMs, error, signal);
        calls?.inc({ name, outcome });
        throw mapped;
      }
    },
  };
}

type Outcome = 'failure' | 'circuit_open' | 'bulkhead_full' | 'timeout';

function mapError(
  name: string,
  timeoutMs: number,
  error: unknown,
  signal: AbortSignal | undefined,
): [unknown, Outcome] {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
    const mapped = new AppError('UNAVAILABLE', `${name} is unavailable: circuit breaker open`, {
      details: { breaker: name, reason: 'circuit_open' },
      cause: error,
    });
    return [mapped, 'circuit_open'];
  }
  if (error instanceof BulkheadRejectedError) {
    const mapped = new AppError('UNAVAILABLE', `${name} is unavailable: too many concurrent calls`, {
      details: { breaker: name, reason: 'bulkhead_full' },
      cause: error,
    });
    return [mapped, 'bulkhead_full'];
  }
  if (error instanceof TaskCancelledError && !signal?.aborted) {
    const mapped = new AppError('UNAVAILABLE', `${name} did not answer within ${timeoutMs} ms`, {
      details: { breaker: name, reason: 'timeout' },
      cause: error,
    });
    return [mapped, 'timeout'];
  }
  return [error, 'failure'];
}
