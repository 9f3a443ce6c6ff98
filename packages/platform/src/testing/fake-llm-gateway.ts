import { Registry } from 'prom-client';
import { llmConfigSchema } from '../llm/config.js';
import { createLlmGateway, type LlmGatewayService } from '../llm/llm-gateway.js';
import type { FakeProviderServer } from '../llm/testing/fake-provider-server.js';
import { BreakerRegistry } from '../resilience/breaker-registry.js';

/**
 * The REAL LLM gateway configured against the TEST DOUBLE provider server: one OpenAI-compatible provider `fake`
 * (model `gpt-test`, 2 s timeout), a single attempt per request and breakers of its own, so tests do not share
 * breaker state. Only the vendor's HTTP API is replaced.
 *
 * @example
 * const server = await startFakeProviderServer();
 * server.enqueue('openai', { content: '{"ok":true}' });
 * const llm = fakeProviderLlmGateway(server);
 */
export function fakeProviderLlmGateway(
  server: FakeProviderServer,
  metrics: Registry = new Registry(),
): LlmGatewayService {
  return createLlmGateway({
    config: llmConfigSchema.parse({
      providers: [
        {
          kind: 'openai',
          name: 'fake',
          baseUrl: server.baseUrlFor('openai'),
          apiKey: 'k',
          model: 'gpt-test',
          timeoutMs: 2000,
        },
      ],
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    }),
    metrics,
    breakers: new BreakerRegistry(),
  });
}
