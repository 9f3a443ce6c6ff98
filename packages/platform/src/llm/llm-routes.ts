import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LlmGatewayService } from './llm-gateway.js';
import { type LlmStatus, llmStatusSchema } from './llm-status.js';
import type { LlmGateway } from './port.js';

export interface LlmRoutesOptions {
  /** The gateway; without a `status()` (for example `unavailableLlm`) the route reports availability only. */
  readonly llm: LlmGateway | LlmGatewayService;
}

function statusOf(llm: LlmGateway | LlmGatewayService): LlmStatus {
  if ('status' in llm && typeof llm.status === 'function') return llm.status();
  return {
    available: llm.available,
    providers: [],
    cache: { enabled: false, ttlSeconds: 0 },
    logPrompts: false,
    maxOutputTokens: 0,
  };
}

/**
 * `GET /llm/status`: providers in failover order, circuit-breaker states, call counts and last errors (never API keys).
 * Needs the `llm:status` permission. Register it at the root; it brings its own `/llm` path.
 *
 * @example
 * await app.register(llmRoutes, { llm: createLlmGateway({ config: config.llm, metrics }) });
 */
export const llmRoutes: FastifyPluginAsync<LlmRoutesOptions> = async (app, options) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/llm/status',
    {
      config: { permission: 'llm:status' },
      schema: {
        tags: ['llm'],
        summary: 'LLM gateway status: providers, breaker states, last errors',
        response: { 200: llmStatusSchema },
      },
    },
    async () => statusOf(options.llm),
  );
};
