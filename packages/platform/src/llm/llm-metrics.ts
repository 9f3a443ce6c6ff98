import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The gateway's Prometheus metrics (created once per registry; a second gateway on the same registry reuses them). */
export interface LlmMetrics {
  readonly calls: Counter<'provider' | 'model' | 'status'>;
  readonly duration: Histogram<'provider'>;
  readonly tokens: Counter<'provider' | 'model' | 'type'>;
  readonly cost: Counter<'provider' | 'model'>;
  readonly retries: Counter<'provider'>;
  readonly cacheHits: Counter<'provider'>;
  readonly circuit: Gauge<'provider'>;
}

function reuse<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/** Registers (or finds) the LLM metrics on `registry`. */
export function createLlmMetrics(registry: Registry): LlmMetrics {
  const registers = [registry];
  return {
    calls: reuse(
      registry,
      'llm_calls_total',
      () =>
        new Counter({
          name: 'llm_calls_total',
          help: 'LLM provider calls by outcome (ok, invalid_output, error, timeout, rate_limited, circuit_open)',
          labelNames: ['provider', 'model', 'status'] as const,
          registers,
        }),
    ),
    duration: reuse(
      registry,
      'llm_duration_seconds',
      () =>
        new Histogram({
          name: 'llm_duration_seconds',
          help: 'Duration of LLM provider calls, retries included',
          labelNames: ['provider'] as const,
          buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
          registers,
        }),
    ),
    tokens: reuse(
      registry,
      'llm_tokens_total',
      () =>
        new Counter({
          name: 'llm_tokens_total',
          help: 'Tokens reported by LLM providers (type: input or output)',
          labelNames: ['provider', 'model', 'type'] as const,
          registers,
        }),
    ),
    cost: reuse(
      registry,
      'llm_estimated_cost_usd_total',
      () =>
        new Counter({
          name: 'llm_estimated_cost_usd_total',
          help: 'Estimated LLM cost in USD from a built-in list-price table (an estimate, not a bill)',
          labelNames: ['provider', 'model'] as const,
          registers,
        }),
    ),
    retries: reuse(
      registry,
      'llm_retries_total',
      () =>
        new Counter({
          name: 'llm_retries_total',
          help: 'Retried LLM provider requests (429, 5xx, timeouts, network errors)',
          labelNames: ['provider'] as const,
          registers,
        }),
    ),
    cacheHits: reuse(
      registry,
      'llm_cache_hits_total',
      () =>
        new Counter({
          name: 'llm_cache_hits_total',
          help: 'LLM answers served from the response cache',
          labelNames: ['provider'] as const,
          registers,
        }),
    ),
    circuit: reuse(
      registry,
      'llm_circuit_state',
      () =>
        new Gauge({
          name: 'llm_circuit_state',
          help: 'Circuit breaker state per LLM provider (0 closed, 1 half-open, 2 open)',
          labelNames: ['provider'] as const,
          registers,
        }),
    ),
  };
}
