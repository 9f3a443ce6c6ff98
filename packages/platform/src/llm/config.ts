import { z } from 'zod';

/** One provider in the LLM failover chain (owned by the LLM gateway; see llm/README section of the root README). */
export const llmProviderConfigSchema = z.object({
  kind: z.enum(['openai', 'anthropic', 'gemini']),
  name: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  apiKey: z.string().min(1).optional(),
  model: z.string().min(1),
  timeoutMs: z.number().int().positive().default(30_000),
});

export const llmConfigSchema = z
  .object({
    providers: z.array(llmProviderConfigSchema).default([]),
    logPrompts: z.boolean().default(false),
    maxOutputTokens: z.number().int().positive().default(1024),
    cacheTtlSeconds: z.number().int().nonnegative().default(0),
  })
  .default({ providers: [], logPrompts: false, maxOutputTokens: 1024, cacheTtlSeconds: 0 });

export type LlmConfig = z.infer<typeof llmConfigSchema>;
