import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BreakerRegistry } from '../resilience/breaker-registry.js';
import { llmConfigSchema } from './config.js';
import { createLlmGateway } from './llm-gateway.js';

/**
 * Contract test against a REAL OpenAI-compatible endpoint (OpenAI, Groq, Ollama, vLLM, llama.cpp, LM Studio).
 * Runs only when QX_LLM_CONTRACT_URL is set, for example:
 *   QX_LLM_CONTRACT_URL=http://127.0.0.1:11434/v1 QX_LLM_CONTRACT_MODEL=llama3.1:8b npx vitest run --project unit \
 *     packages/platform/src/llm/llm-contract.test.ts
 * Optional: QX_LLM_CONTRACT_KEY (API key), QX_LLM_CONTRACT_JSON_MODE (native | json | prompt, default native).
 */
const url = process.env.QX_LLM_CONTRACT_URL;
const skipReason = 'skipped: QX_LLM_CONTRACT_URL is not set';
if (!url) console.info(`[llm contract] ${skipReason}; set it (and QX_LLM_CONTRACT_MODEL / QX_LLM_CONTRACT_KEY) to run`);
if (!url) console.info(`[llm contract] ${skipReason}; set it (and QX_LLM_CONTRACT_MODEL / QX_LLM_CONTRACT_KEY) to run`);

function contractGateway() {
  const jsonMode = process.env.QX_LLM_CONTRACT_JSON_MODE ?? 'native';
  const config = llmConfigSchema.parse({
    providers: [
      {
        kind: 'openai',
        name: 'contract',
        baseUrl: url,
        model: process.env.QX_LLM_CONTRACT_MODEL ?? 'gpt-4o-mini',
        ...(process.env.QX_LLM_CONTRACT_KEY ? { apiKey: process.env.QX_LLM_CONTRACT_KEY } : {}),
        timeoutMs: 60_000,
        jsonMode,
      },
    ],
    maxOutputTokens: 256,
    retry: { maxAttempts: 1, initialDelayMs: 500, maxDelayMs: 5000 },
  });
  return createLlmGateway({ config, metrics: new Registry(), breakers: new BreakerRegistry() });
}

describe(`LLM gateway contract with a real OpenAI-compatible endpoint (${url ?? skipReason})`, () => {
  it.skipIf(!url)(
    `returns schema-valid typed data from the endpoint${url ? '' : ` (${skipReason})`}`,
    async () => {
      const gateway = contractGateway();
      const result = await gateway.generateObject({
        schema: z.object({
          capital: z.string().min(1),
          continent: z.enum(['Europe', 'Asia', 'Africa', 'Americas', 'Oceania']),
        }),
        purpose: 'contract.test',
        instructions: 'Name the capital city of the country in the data and its continent.',
        data: { country: 'France' },
      });
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
      expect(result.value.capital).toMatch(/paris/i);
      expect(result.value.continent).toBe('Europe');
      expect(result.provider).toBe('contract');
      expect(gateway.status().providers[0]!.circuit).toBe('closed');
    },
    120_000,
  );

  it.skipIf(!url)(
    `reports the endpoint healthy in a probe${url ? '' : ` (${skipReason})`}`,
    async () => {
      const status = await contractGateway().probe();
      expect(status.providers[0]).toMatchObject({ calls: 1, failures: 0, lastError: null });
    },
    120_000,
  );
});
