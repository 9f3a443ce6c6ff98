import { z } from 'zod';

/** Model identifiers as providers spell them (`gpt-4o-mini`, `llama3.1:8b`, `meta-llama/Llama-3.1-8B-Instruct`). */
const modelIdentifier = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'must be a model identifier (letters, digits, . _ : / @ + -)');

/**
 * One provider in the LLM failover chain. `baseUrl` defaults per kind: `https://api.openai.com/v1` (openai, include
 * the `/v1`), `https://api.anthropic.com` (anthropic), `https://generativelanguage.googleapis.com` (gemini).
 * See docs/llm.md.
 */
export const llmProviderConfigSchema = z.object({
  kind: z.enum(['openai', 'anthropic', 'gemini']),
  /** Label in metrics, logs and `llm status` (default: the kind). */
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, . _ -')
    .optional(),
  baseUrl: z.string().url().optional(),
  apiKey: z.string().min(1).optional(),
  model: modelIdentifier,
  /** Time limit of one HTTP request, body included. */
  timeoutMs: z.number().int().positive().default(30_000),
  /**
   * `native`: the provider's structured-output mode (OpenAI `response_format: json_schema`, Anthropic forced tool
   * use, Gemini `responseSchema`); `json`: JSON mode without a schema (OpenAI `json_object`, Gemini mime type only);
   * `prompt`: the schema in the prompt only (for servers without either).
   */
  jsonMode: z.enum(['native', 'json', 'prompt']).default('native'),
  /** Price override in USD per million tokens (for example 0 for a local Ollama); else the built-in estimate table. */
  pricing: z
    .object({ inputPerMillion: z.number().nonnegative(), outputPerMillion: z.number().nonnegative() })
    .optional(),
});

export type LlmProviderConfig = z.infer<typeof llmProviderConfigSchema>;

export const llmConfigSchema = z
  .object({
    providers: z.array(llmProviderConfigSchema).default([]),
    /** Log full prompts and replies (default: only their SHA-256). */
    logPrompts: z.boolean().default(false),
    /** Upper bound of output tokens per call; a request may ask for fewer. */
    maxOutputTokens: z.number().int().positive().default(1024),
    /** Response cache time to live; 0 disables the cache. */
    cacheTtlSeconds: z.number().int().nonnegative().default(0),
    /** Upper bound of instructions plus serialised data, in characters; larger requests fail with LLM_INPUT_TOO_LARGE. */
    maxInputChars: z.number().int().positive().default(200_000),
    /** Upper bound of one provider HTTP response body. */
    maxResponseBytes: z.number().int().positive().default(2_000_000),
    /** Retries per provider on 429, 5xx, timeouts and network errors (full-jitter exponential backoff). */
    retry: z
      .object({
        maxAttempts: z.number().int().nonnegative().default(2),
        initialDelayMs: z.number().int().nonnegative().default(500),
        maxDelayMs: z.number().int().nonnegative().default(10_000),
      })
      .prefault({}),
    /** Per-provider circuit breaker: opens after this many consecutive failed calls, probes again after `halfOpenAfterMs`. */
    breaker: z
      .object({
        consecutiveFailures: z.number().int().positive().default(5),
        halfOpenAfterMs: z.number().int().positive().default(30_000),
      })
      .prefault({}),
  })
  .prefault({});

export type LlmConfig = z.infer<typeof llmConfigSchema>;
export type LlmConfigInput = z.input<typeof llmConfigSchema>;
