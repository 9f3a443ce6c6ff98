import { createHash } from 'node:crypto';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  IsolatedCircuitError,
  type RetryPolicy,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';
import type { Registry } from 'prom-client';
import { type ZodType, z } from 'zod';
import type { Cache, Clock, Logger } from '../ports.js';
import { systemClock } from '../ports.js';
import {
  type BreakerRegistry,
  breakerRegistry,
  breakerStateOf,
  breakerStateValue,
} from '../resilience/breaker-registry.js';
import { buildPrompt, hashPrompt, type Prompt, repairPrompt, sanitizeIdentifier } from './build-prompt.js';
import type { LlmConfig, LlmProviderConfig } from './config.js';
import { extractJson } from './extract-json.js';
import { postJson } from './internal/post-json.js';
import { jsonSchemaFor } from './json-schema-for.js';
import './llm-error-codes.js';
import { createLlmMetrics, type LlmMetrics } from './llm-metrics.js';
import type { LlmProviderStatus, LlmStatus } from './llm-status.js';
import type { LlmAttempt, LlmErrorCode, LlmGateway, LlmObjectRequest, LlmObjectResult } from './port.js';
import { estimateCostUsd, type ModelPrice, priceOf } from './pricing.js';
import { anthropicWireFormat } from './providers/anthropic-wire-format.js';
import { geminiWireFormat } from './providers/gemini-wire-format.js';
import { openAiWireFormat } from './providers/openai-wire-format.js';
import { ProviderError } from './providers/provider-error.js';
import type { ProviderReply, ProviderRequest, WireFormat } from './providers/wire-format.js';

const wireFormats: Readonly<Record<LlmProviderConfig['kind'], WireFormat>> = {
  openai: openAiWireFormat,
  anthropic: anthropicWireFormat,
  gemini: geminiWireFormat,
};

export interface CreateLlmGatewayOptions {
  /** The `llm` section of the configuration (providers in failover order). */
  readonly config: LlmConfig;
  /** Registry for `llm_*` metrics. */
  readonly metrics: Registry;
  /** Response cache; used when `config.cacheTtlSeconds > 0`. */
  readonly cache?: Cache;
  /** Default: silent. */
  readonly log?: Logger;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Used for `Retry-After` dates and status timestamps. Default: the system clock. */
  readonly clock?: Clock;
  /** Uniform [0, 1) source for backoff jitter. Default: `Math.random`. */
  readonly random?: () => number;
  /** Where the provider breakers are listed as `llm.<provider>` (default: the process-wide `breakerRegistry`). */
  readonly breakers?: BreakerRegistry;
}

/** A free-form question for `llm ask`: the prompt becomes the instructions. */
export interface LlmAskRequest<T> {
  readonly prompt: string;
  readonly schema: ZodType<T>;
  readonly data?: unknown;
  /** Default `cli.ask`. */
  readonly purpose?: string;
  readonly maxOutputTokens?: number;
  readonly signal?: AbortSignal;
}

/** The gateway with its operational surface. */
export interface LlmGatewayService extends LlmGateway {
  /** Providers in failover order with breaker states, counters and last errors. */
  status(): LlmStatus;
  ask<T>(request: LlmAskRequest<T>): Promise<LlmObjectResult<T>>;
  /** Sends a tiny structured request to every provider (no failover) and returns the status afterwards. */
  probe(signal?: AbortSignal): Promise<LlmStatus>;
}

const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silentLogger,
};

interface ProviderRuntime {
  readonly name: string;
  readonly config: LlmProviderConfig;
  readonly wire: WireFormat;
  readonly price: ModelPrice | undefined;
  readonly breaker: CircuitBreakerPolicy;
  readonly retry: RetryPolicy;
  calls: number;
  failures: number;
  lastSuccessAt: string | null;
  lastError: { at: string; status: string; message: string } | null;
}

type Validation<T> =
  | { readonly ok: true; readonly value: T; readonly raw: unknown }
  | { readonly ok: false; readonly problem: string };

interface ProviderOutcome<T> {
  readonly attempt: LlmAttempt;
  readonly value?: T;
  readonly raw?: unknown;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** Full-jitter exponential backoff that waits at least the provider's `Retry-After`. */
function jitteredBackoff(
  initialMs: number,
  maxMs: number,
  random: () => number,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const make = (context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> => {
    const error = 'error' in context.result ? context.result.error : undefined;
    const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
    const cap = Math.min(maxMs, initialMs * 2 ** Math.max(0, context.attempt - 1));
    const jitter = random() * cap;
    return { duration: Math.max(retryAfter ?? 0, jitter), next: make };
  };
  return { next: make };
}

const circuitNames: Record<CircuitState, LlmProviderStatus['circuit']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

const truncationReasons = new Set(['length', 'max_tokens', 'MAX_TOKENS']);

async function validateReply<T>(reply: ProviderReply, schema: ZodType<T>): Promise<Validation<T>> {
  const truncated = reply.finishReason !== undefined && truncationReasons.has(reply.finishReason);
  const extracted = extractJson(reply.text);
  if (!extracted.ok) {
    return {
      ok: false,
      problem: `the reply is not valid JSON (${extracted.error})${truncated ? '; it was cut off at the output token limit, answer more briefly' : ''}`,
    };
  }
  const parsed = await schema.safeParseAsync(extracted.value);
  if (!parsed.success)
    return { ok: false, problem: `the JSON does not match the schema: ${formatIssues(parsed.error)}` };
  return { ok: true, value: parsed.data, raw: extracted.value };
}

function failureCode(attempts: readonly LlmAttempt[]): LlmErrorCode {
  const last = [...attempts].reverse().find((a) => a.status !== 'circuit_open');
  if (last === undefined) return 'LLM_UNAVAILABLE';
  if (last.status === 'invalid_output') return 'LLM_INVALID_OUTPUT';
  if (last.status === 'timeout') return 'LLM_TIMEOUT';
  return 'LLM_PROVIDER_ERROR';
}

function uniqueNames(providers: readonly LlmProviderConfig[]): string[] {
  const seen = new Map<string, number>();
  return providers.map((p) => {
    const base = sanitizeIdentifier(p.name ?? p.kind);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/**
 * Creates the LLM gateway: an ordered failover chain of providers (OpenAI-compatible, Anthropic, Gemini) over plain
 * `fetch`, each behind its own timeout, retry with jittered backoff (honouring `Retry-After`) and circuit breaker.
 * Answers are extracted as JSON, validated with the caller's zod schema, repaired once by quoting the validation
 * error back to the model, and otherwise handed to the next provider. With no provider configured every call returns
 * `LLM_UNAVAILABLE` at once.
 *
 * @example
 * const llm = createLlmGateway({ config: config.llm, metrics: registry });
 * const result = await llm.generateObject({
 *   schema: z.object({ summary: z.string() }),
 *   purpose: 'scent.anomaly.explain',
 *   instructions: 'Explain the anomaly in one sentence.',
 *   data: { sensor: 'S3', zScore: 4.2 },
 * });
 * if (result.ok) console.log(result.value.summary);
 */
export function createLlmGateway(options: CreateLlmGatewayOptions): LlmGatewayService {
  const { config } = options;
  const log = options.log ?? silentLogger;
  const doFetch = options.fetch ?? globalThis.fetch;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const metrics: LlmMetrics = createLlmMetrics(options.metrics);
  const cache = config.cacheTtlSeconds > 0 ? options.cache : undefined;
  const names = uniqueNames(config.providers);

  const providers: ProviderRuntime[] = config.providers.map((provider, i) => {
    const name = names[i]!;
    const breaker = circuitBreaker(
      handleWhen((error) => error instanceof ProviderError),
      {
        halfOpenAfter: config.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(config.breaker.consecutiveFailures),
      },
    );
    const retryPolicy = retry(
      handleWhen(
        (error) =>
          error instanceof ProviderError &&
          error.retryable &&
          (error.retryAfterMs === undefined || error.retryAfterMs <= config.retry.maxDelayMs),
      ),
      {
        maxAttempts: config.retry.maxAttempts,
        backoff: jitteredBackoff(config.retry.initialDelayMs, config.retry.maxDelayMs, random),
      },
    );
    retryPolicy.onRetry((event) => {
      metrics.retries.inc({ provider: name });
      log.debug(
        { provider: name, attempt: event.attempt, delayMs: Math.round(event.delay), error: errorText(event) },
        'llm retry',
      );
    });
    metrics.circuit.set({ provider: name }, 0);
    (options.breakers ?? breakerRegistry).register(`llm.${name}`, breaker);
    breaker.onStateChange((state) => {
      metrics.circuit.set({ provider: name }, breakerStateValue[breakerStateOf(state)]);
      if (state === CircuitState.Open) log.warn({ provider: name }, 'llm circuit breaker opened');
      if (state === CircuitState.Closed) log.info({ provider: name }, 'llm circuit breaker closed');
    });
    return {
      name,
      config: provider,
      wire: wireFormats[provider.kind],
      price: priceOf(provider),
      breaker,
      retry: retryPolicy,
      calls: 0,
      failures: 0,
      lastSuccessAt: null,
      lastError: null,
    };
  });

  function errorText(event: { error?: unknown } | { value?: unknown }): string {
    return 'error' in event && event.error instanceof Error ? event.error.message : 'failed';
  }

  /** One provider call through breaker -> retry -> timeout. */
  async function send(rt: ProviderRuntime, request: ProviderRequest, signal?: AbortSignal): Promise<ProviderReply> {
    const wireRequest = rt.wire.buildRequest(rt.config, request);
    const attemptTimeout = timeout(rt.config.timeoutMs, TimeoutStrategy.Aggressive);
    return rt.breaker.execute(
      () =>
        rt.retry.execute(async (context) => {
          try {
            const body = await attemptTimeout.execute(
              (_ctx, attemptSignal) =>
                postJson({
                  fetch: doFetch,
                  request: wireRequest,
                  signal: attemptSignal,
                  maxResponseBytes: config.maxResponseBytes,
                  now: () => clock.now(),
                  errorMessage: (b) => rt.wire.errorMessage(b),
                  retryDelayMs: (b) => rt.wire.retryDelayMs?.(b),
                }),
              context.signal,
            );
            return rt.wire.parseReply(body);
          } catch (error) {
            if (error instanceof TaskCancelledError && !context.signal.aborted) {
              throw new ProviderError('timeout', `no reply within ${rt.config.timeoutMs} ms`);
            }
            throw error;
          }
        }, signal),
      signal,
    );
  }

  function attemptFailure(rt: ProviderRuntime, error: unknown, aborted: boolean): LlmAttempt {
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      return { provider: rt.name, model: rt.config.model, status: 'circuit_open', message: 'circuit breaker is open' };
    }
    if (aborted)
      return { provider: rt.name, model: rt.config.model, status: 'error', message: 'aborted by the caller' };
    if (error instanceof ProviderError) {
      const status = error.kind === 'timeout' ? 'timeout' : error.kind === 'rate_limited' ? 'rate_limited' : 'error';
      return { provider: rt.name, model: rt.config.model, status, message: error.message };
    }
    return {
      provider: rt.name,
      model: rt.config.model,
      status: 'error',
      message: (error as Error)?.message ?? 'failed',
    };
  }

  async function tryProvider<T>(
    rt: ProviderRuntime,
    request: ProviderRequest,
    schema: ZodType<T>,
    purpose: string,
    signal?: AbortSignal,
  ): Promise<ProviderOutcome<T>> {
    const started = performance.now();
    const labels = { provider: rt.name, model: rt.config.model };
    let inputTokens = 0;
    let outputTokens = 0;
    let outcome: Omit<ProviderOutcome<T>, 'inputTokens' | 'outputTokens' | 'costUsd'>;
    let replies: string[] = [];
    const record = (reply: ProviderReply) => {
      inputTokens += reply.inputTokens;
      outputTokens += reply.outputTokens;
      replies = [...replies, reply.text];
    };
    try {
      let reply = await send(rt, request, signal);
      record(reply);
      let check = await validateReply(reply, schema);
      if (!check.ok) {
        log.info({ purpose, provider: rt.name, problem: check.problem }, 'llm reply invalid, asking for a repair');
        reply = await send(rt, { ...request, prompt: repairPrompt(request.prompt, reply.text, check.problem) }, signal);
        record(reply);
        check = await validateReply(reply, schema);
      }
      outcome = check.ok
        ? { attempt: { ...labels, provider: rt.name, status: 'ok' }, value: check.value, raw: check.raw }
        : { attempt: { provider: rt.name, model: rt.config.model, status: 'invalid_output', message: check.problem } };
    } catch (error) {
      outcome = { attempt: attemptFailure(rt, error, signal?.aborted === true) };
    }
    const seconds = (performance.now() - started) / 1000;
    const costUsd = estimateCostUsd(rt.price, inputTokens, outputTokens);
    const status = outcome.attempt.status;
    metrics.calls.inc({ ...labels, status });
    if (status !== 'circuit_open') {
      metrics.duration.observe({ provider: rt.name }, seconds);
      rt.calls++;
    }
    if (inputTokens > 0) metrics.tokens.inc({ ...labels, type: 'input' }, inputTokens);
    if (outputTokens > 0) metrics.tokens.inc({ ...labels, type: 'output' }, outputTokens);
    if (costUsd > 0) metrics.cost.inc(labels, costUsd);
    const at = clock.now().toISOString();
    if (status === 'ok') rt.lastSuccessAt = at;
    else if (status !== 'circuit_open') {
      rt.failures++;
      rt.lastError = { at, status, message: outcome.attempt.message ?? status };
    }
    log[status === 'ok' ? 'info' : status === 'circuit_open' ? 'debug' : 'warn'](
      {
        purpose,
        provider: rt.name,
        model: rt.config.model,
        status,
        durationMs: Math.round(seconds * 1000),
        inputTokens,
        outputTokens,
        estimatedCostUsd: costUsd,
        promptSha256: hashPrompt(request.prompt),
        ...(config.logPrompts ? { prompt: request.prompt, replies } : {}),
        ...(outcome.attempt.message ? { error: outcome.attempt.message } : {}),
      },
      'llm call',
    );
    return { ...outcome, inputTokens, outputTokens, costUsd };
  }

  function cacheKey(rt: ProviderRuntime, request: ProviderRequest): string {
    const material = JSON.stringify([
      1,
      rt.name,
      rt.config.kind,
      rt.config.baseUrl ?? '',
      rt.config.model,
      rt.config.jsonMode,
      request.prompt,
      request.jsonSchema ?? null,
      request.maxOutputTokens,
    ]);
    return `llm:${createHash('sha256').update(material).digest('hex')}`;
  }

  async function fromCache<T>(key: string, schema: ZodType<T>): Promise<T | undefined> {
    try {
      const hit = await cache?.get<{ value: unknown }>(key);
      if (hit === undefined) return undefined;
      const parsed = await schema.safeParseAsync(hit.value);
      return parsed.success ? parsed.data : undefined;
    } catch (error) {
      log.warn({ error: (error as Error).message }, 'llm cache read failed');
      return undefined;
    }
  }

  async function toCache(key: string, raw: unknown): Promise<void> {
    try {
      await cache?.set(key, { value: raw }, config.cacheTtlSeconds * 1000);
    } catch (error) {
      log.warn({ error: (error as Error).message }, 'llm cache write failed');
    }
  }

  function providerRequest(
    prompt: Prompt,
    schema: Record<string, unknown> | undefined,
    purpose: string,
    maxOut: number,
  ) {
    return {
      prompt,
      ...(schema ? { jsonSchema: schema } : {}),
      schemaName: purpose.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64),
      maxOutputTokens: maxOut,
    } satisfies ProviderRequest;
  }

  async function generateObject<T>(request: LlmObjectRequest<T>): Promise<LlmObjectResult<T>> {
    if (providers.length === 0) {
      return { ok: false, code: 'LLM_UNAVAILABLE', message: 'No LLM provider is configured', attempts: [] };
    }
    const purpose = sanitizeIdentifier(request.purpose);
    const jsonSchema = jsonSchemaFor(request.schema);
    const prompt = buildPrompt({ instructions: request.instructions, data: request.data, jsonSchema });
    const size = prompt.system.length + prompt.messages.reduce((n, m) => n + m.content.length, 0);
    if (size > config.maxInputChars) {
      return {
        ok: false,
        code: 'LLM_INPUT_TOO_LARGE',
        message: `the prompt has ${size} characters; the limit (llm.maxInputChars) is ${config.maxInputChars}`,
        attempts: [],
      };
    }
    const maxOut = Math.min(request.maxOutputTokens ?? config.maxOutputTokens, config.maxOutputTokens);
    const wire = providerRequest(prompt, jsonSchema, purpose, Math.max(1, maxOut));
    const attempts: LlmAttempt[] = [];
    for (const rt of providers) {
      if (request.signal?.aborted) break;
      const key = cache ? cacheKey(rt, wire) : undefined;
      if (key !== undefined) {
        const cached = await fromCache(key, request.schema);
        if (cached !== undefined) {
          metrics.cacheHits.inc({ provider: rt.name });
          attempts.push({ provider: rt.name, model: rt.config.model, status: 'ok', message: 'cached' });
          return { ok: true, value: cached, provider: rt.name, model: rt.config.model, cached: true, attempts };
        }
      }
      const outcome = await tryProvider(rt, wire, request.schema, purpose, request.signal);
      attempts.push(outcome.attempt);
      if (outcome.attempt.status === 'ok') {
        if (key !== undefined) await toCache(key, outcome.raw);
        return {
          ok: true,
          value: outcome.value as T,
          provider: rt.name,
          model: rt.config.model,
          cached: false,
          usage: {
            inputTokens: outcome.inputTokens,
            outputTokens: outcome.outputTokens,
            estimatedCostUsd: outcome.costUsd,
          },
          attempts,
        };
      }
    }
    if (request.signal?.aborted) {
      return { ok: false, code: 'LLM_TIMEOUT', message: 'the caller aborted the request', attempts };
    }
    const code = failureCode(attempts);
    const summary = attempts.map((a) => `${a.provider}: ${a.status}${a.message ? ` (${a.message})` : ''}`).join('; ');
    return { ok: false, code, message: `no provider gave a valid answer: ${summary}`, attempts };
  }

  function status(): LlmStatus {
    return {
      available: providers.length > 0,
      providers: providers.map((rt) => {
        const wireBase = rt.config.baseUrl ?? rt.wire.defaultBaseUrl;
        return {
          name: rt.name,
          kind: rt.config.kind,
          model: rt.config.model,
          baseUrl: wireBase.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:[redacted]@'),
          hasApiKey: rt.config.apiKey !== undefined,
          jsonMode: rt.config.jsonMode,
          timeoutMs: rt.config.timeoutMs,
          circuit: circuitNames[rt.breaker.state],
          price: rt.price ? { ...rt.price } : null,
          calls: rt.calls,
          failures: rt.failures,
          lastSuccessAt: rt.lastSuccessAt,
          lastError: rt.lastError,
        };
      }),
      cache: { enabled: cache !== undefined, ttlSeconds: config.cacheTtlSeconds },
      logPrompts: config.logPrompts,
      maxOutputTokens: config.maxOutputTokens,
    };
  }

  const probeSchema = z.object({ ok: z.boolean() });

  return {
    available: providers.length > 0,
    generateObject,
    status,
    ask: (request) =>
      generateObject({
        schema: request.schema,
        purpose: request.purpose ?? 'cli.ask',
        instructions: request.prompt,
        ...(request.data !== undefined ? { data: request.data } : {}),
        ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      }),
    async probe(signal) {
      const jsonSchema = jsonSchemaFor(probeSchema);
      const prompt = buildPrompt({ instructions: 'Health check. Answer {"ok": true}.', data: null, jsonSchema });
      const wire = providerRequest(prompt, jsonSchema, 'llm_probe', Math.min(256, config.maxOutputTokens));
      for (const rt of providers) await tryProvider(rt, wire, probeSchema, 'llm.probe', signal);
      return status();
    },
  };
}
