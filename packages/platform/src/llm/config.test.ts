import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { BreakerRegistry } from '../resilience/breaker-registry.js';
import { llmConfigSchema } from './config.js';
import { createLlmGateway } from './llm-gateway.js';

describe('llmConfigSchema', () => {
  it('defaults to no provider, hashed prompts and no cache', () => {
    expect(llmConfigSchema.parse(undefined)).toMatchObject({
      providers: [],
      logPrompts: false,
      maxOutputTokens: 1024,
      cacheTtlSeconds: 0,
      retry: { maxAttempts: 2 },
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    });
  });

  it('rejects model identifiers and names that are not identifiers', () => {
    expect(llmConfigSchema.safeParse({ providers: [{ kind: 'openai', model: 'gpt 4; rm -rf' }] }).success).toBe(false);
    expect(llmConfigSchema.safeParse({ providers: [{ kind: 'openai', model: 'm', name: 'a b' }] }).success).toBe(false);
    expect(
      llmConfigSchema.safeParse({ providers: [{ kind: 'openai', model: 'meta-llama/Llama-3.1-8B-Instruct' }] }).success,
    ).toBe(true);
  });
});

describe('LLM providers from the environment', () => {
  it('chains Gemini, Groq, OpenAI and Anthropic in that order from their API-key variables', () => {
    const config = loadConfig({
      GOOGLE_API_KEY: 'g',
      GROQ_API_KEY: 'q',
      OPENAI_API_KEY: 'o',
      ANTHROPIC_API_KEY: 'a',
    });
    const gateway = createLlmGateway({ config: config.llm, metrics: new Registry(), breakers: new BreakerRegistry() });
    expect(gateway.status().providers.map((p) => [p.name, p.kind, p.baseUrl])).toEqual([
      ['gemini', 'gemini', 'https://generativelanguage.googleapis.com'],
      ['groq', 'openai', 'https://api.groq.com/openai/v1'],
      ['openai', 'openai', 'https://api.openai.com/v1'],
      ['anthropic', 'anthropic', 'https://api.anthropic.com'],
    ]);
  });

  it('leaves the gateway unavailable without keys', () => {
    const gateway = createLlmGateway({
      config: loadConfig({}).llm,
      metrics: new Registry(),
      breakers: new BreakerRegistry(),
    });
    expect(gateway.available).toBe(false);
  });
});
