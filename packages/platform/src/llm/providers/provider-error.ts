/** Why a provider call failed, as the gateway's resilience policies see it. */
export type ProviderFailureKind = 'http' | 'rate_limited' | 'timeout' | 'network' | 'bad_response' | 'too_large';

/**
 * A failed provider call. `retryable` failures (429, 5xx, timeouts, network errors) are retried with backoff and
 * count towards the circuit breaker; `retryAfterMs` carries the provider's `Retry-After` when it sent one.
 */
export class ProviderError extends Error {
  readonly kind: ProviderFailureKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;

  constructor(
    kind: ProviderFailureKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.retryable = options.retryable ?? (kind === 'rate_limited' || kind === 'timeout' || kind === 'network');
  }
}
