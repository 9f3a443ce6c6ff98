import { type CircuitBreakerPolicy, CircuitState } from 'cockatiel';

export type BreakerState = 'closed' | 'half-open' | 'open';

/** One circuit breaker as `/health/detailed` shows it. */
export interface BreakerStatus {
  readonly name: string;
  readonly state: BreakerState;
  /** Message of the failure that opened the breaker, while it is not closed. */
  readonly lastFailure?: string;
}

/** Value of the `circuit_breaker_state` gauge: 0 closed, 1 half-open, 2 open. */
export const breakerStateValue: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** Maps cockatiel's state to ours (an isolated breaker is open). */
export function breakerStateOf(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    default:
      return 'open';
  }
}

/**
 * Every circuit breaker of the process by name, so health endpoints can list them. Policies made by
 * `createResiliencePolicy` register here; a later policy with the same name replaces the earlier one.
 *
 * @example
 * for (const b of breakerRegistry.list()) console.log(b.name, b.state);
 */
export class BreakerRegistry {
  readonly #breakers = new Map<string, CircuitBreakerPolicy>();

  register(name: string, breaker: CircuitBreakerPolicy): void {
    this.#breakers.set(name, breaker);
  }

  unregister(name: string): void {
    this.#breakers.delete(name);
  }

  /** The state of one breaker, `undefined` when none has that name. */
  get(name: string): BreakerStatus | undefined {
    const breaker = this.#breakers.get(name);
    return breaker === undefined ? undefined : statusOf(name, breaker);
  }

  /** Every breaker, sorted by name. */
  list(): BreakerStatus[] {
    return [...this.#breakers].sort(([a], [b]) => a.localeCompare(b)).map(([name, breaker]) => statusOf(name, breaker));
  }
}

function statusOf(name: string, breaker: CircuitBreakerPolicy): BreakerStatus {
  const state = breakerStateOf(breaker.state);
  const failure = breaker.lastFailure;
  if (state === 'closed' || failure === undefined) return { name, state };
  const lastFailure = 'error' in failure ? failure.error.message : 'unacceptable result';
  return { name, state, lastFailure };
}

/** The process-wide registry that `createResiliencePolicy` uses unless given another. */
export const breakerRegistry = new BreakerRegistry();
