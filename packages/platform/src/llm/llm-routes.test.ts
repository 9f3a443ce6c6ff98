import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BreakerRegistry } from '../resilience/breaker-registry.js';
import { llmConfigSchema } from './config.js';
import { createLlmGateway } from './llm-gateway.js';
import { llmRoutes } from './llm-routes.js';
import { unavailableLlm } from './port.js';

async function appWith(llm: Parameters<typeof llmRoutes>[1]['llm']) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const permissions: Record<string, unknown> = {};
  app.addHook('onRoute', (route) => {
    permissions[`${route.method} ${route.url}`] = (route.config as { permission?: string } | undefined)?.permission;
  });
  await app.register(llmRoutes, { llm });
  await app.ready();
  return { app, permissions };
}

describe('llmRoutes', () => {
  it('serves GET /llm/status behind the llm:status permission without API keys', async () => {
    const config = llmConfigSchema.parse({
      providers: [{ kind: 'anthropic', model: 'claude-3-5-haiku-latest', apiKey: 'sk-ant-secret' }],
    });
    const llm = createLlmGateway({ config, metrics: new Registry(), breakers: new BreakerRegistry() });
    const { app, permissions } = await appWith(llm);
    expect(permissions['GET /llm/status']).toBe('llm:status');
    const response = await app.inject({ method: 'GET', url: '/llm/status' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      available: true,
      providers: [
        {
          name: 'anthropic',
          kind: 'anthropic',
          baseUrl: 'https://api.anthropic.com',
          hasApiKey: true,
          circuit: 'closed',
          price: { inputPerMillion: 0.8, outputPerMillion: 4 },
        },
      ],
    });
    expect(response.body).not.toContain('sk-ant-secret');
    await app.close();
  });

  it('reports an unavailable gateway without providers', async () => {
    const { app } = await appWith(unavailableLlm);
    const response = await app.inject({ method: 'GET', url: '/llm/status' });
    expect(response.json()).toMatchObject({ available: false, providers: [] });
    await app.close();
  });
});
