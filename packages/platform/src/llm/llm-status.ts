import { z } from 'zod';

/** One provider as `llm status` and `GET /llm/status` show it (never the API key). */
export const llmProviderStatusSchema = z.object({
  name: z.string(),
  kind: z.enum(['openai', 'anthropic', 'gemini']),
  model: z.string(),
  baseUrl: z.string(),
  hasApiKey: z.boolean(),
  jsonMode: z.enum(['native', 'json', 'prompt']),
  timeoutMs: z.number(),
  circuit: z.enum(['closed', 'open', 'half-open', 'isolated']),
  /** USD per million tokens (estimate or configured), null when unknown. */
  price: z.object({ inputPerMillion: z.number(), outputPerMillion: z.number() }).nullable(),
  calls: z.number().int(),
  failures: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ at: z.string(), status: z.string(), message: z.string() }).nullable(),
});

export const llmStatusSchema = z.object({
  available: z.boolean(),
  providers: z.array(llmProviderStatusSchema),
  cache: z.object({ enabled: z.boolean(), ttlSeconds: z.number() }),
  logPrompts: z.boolean(),
  maxOutputTokens: z.number(),
});

export type LlmProviderStatus = z.infer<typeof llmProviderStatusSchema>;
/** The gateway's state: providers in failover order, breaker states, last errors. */
export type LlmStatus = z.infer<typeof llmStatusSchema>;
