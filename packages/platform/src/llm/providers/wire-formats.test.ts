import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPrompt } from '../build-prompt.js';
import { llmProviderConfigSchema } from '../config.js';
import { parseRetryAfter } from '../internal/post-json.js';
import { jsonSchemaFor } from '../json-schema-for.js';
import { estimateCostUsd, priceOf } from '../pricing.js';
import { anthropicWireFormat } from './anthropic-wire-format.js';
import { geminiWireFormat, toGeminiSchema } from './gemini-wire-format.js';
import { openAiWireFormat } from './openai-wire-format.js';

const request = (jsonSchema?: object) => ({
  prompt: buildPrompt({ instructions: 'x', data: 1 }),
  ...(jsonSchema ? { jsonSchema } : {}),
  schemaName: 'test_schema',
  maxOutputTokens: 100,
});

describe('toGeminiSchema', () => {
  it('converts a zod-generated JSON Schema to the responseSchema subset', () => {
    const schema = jsonSchemaFor(
      z.object({
        name: z.string().describe('product name'),
        qty: z.number().int().min(0),
        tags: z.array(z.enum(['a', 'b'])).max(3),
        note: z.string().nullable(),
      }),
    );
    expect(toGeminiSchema(schema)).toEqual({
      type: 'OBJECT',
      properties: {
        name: { type: 'STRING', description: 'product name' },
        qty: { type: 'INTEGER', minimum: 0 },
        tags: { type: 'ARRAY', maxItems: 3, items: { type: 'STRING', enum: ['a', 'b'] } },
        note: { type: 'STRING', nullable: true },
      },
      propertyOrdering: ['name', 'qty', 'tags', 'note'],
      required: ['name', 'qty', 'tags', 'note'],
    });
  });

  it('gives up on what the subset cannot express', () => {
    expect(toGeminiSchema({ $ref: '#/defs/x' })).toBeUndefined();
    expect(toGeminiSchema({ type: 'object', properties: { n: { enum: [1, 2] } } })).toBeUndefined();
  });

  it('lets the Gemini request fall back to JSON mode without a schema', () => {
    const provider = llmProviderConfigSchema.parse({ kind: 'gemini', model: 'models/gemini-2.0-flash' });
    const wire = geminiWireFormat.buildRequest(provider, request({ $ref: '#/x' }));
    expect(wire.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent');
    expect((wire.body as { generationConfig: Record<string, unknown> }).generationConfig).toEqual({
      temperature: 0,
      maxOutputTokens: 100,
      responseMimeType: 'application/json',
    });
  });
});

describe('wire formats', () => {
  it('uses JSON-object mode or the prompt only when configured, and plain text for non-object answers', () => {
    const json = llmProviderConfigSchema.parse({ kind: 'openai', model: 'llama3.1:8b', jsonMode: 'json' });
    expect(
      (openAiWireFormat.buildRequest(json, request({ type: 'object' })).body as Record<string, unknown>)
        .response_format,
    ).toEqual({ type: 'json_object' });
    const prompt = llmProviderConfigSchema.parse({ kind: 'openai', model: 'm', jsonMode: 'prompt' });
    expect(openAiWireFormat.buildRequest(prompt, request({ type: 'object' })).body).not.toHaveProperty(
      'response_format',
    );
    expect(openAiWireFormat.buildRequest(prompt, request()).headers).not.toHaveProperty('authorization');
    const anthropic = llmProviderConfigSchema.parse({ kind: 'anthropic', model: 'claude-3-5-haiku-latest' });
    expect(anthropicWireFormat.buildRequest(anthropic, request({ type: 'array' })).body).not.toHaveProperty('tools');
  });

  it('sends max_completion_tokens and no temperature to OpenAI reasoning models', () => {
    const o4 = llmProviderConfigSchema.parse({ kind: 'openai', model: 'o4-mini' });
    const body = openAiWireFormat.buildRequest(o4, request({ type: 'object' })).body as Record<string, unknown>;
    expect(body.max_completion_tokens).toBe(100);
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
    const mini = llmProviderConfigSchema.parse({ kind: 'openai', model: 'gpt-4o-mini' });
    expect(openAiWireFormat.buildRequest(mini, request()).body).toMatchObject({ max_tokens: 100, temperature: 0 });
  });

  it('reads replies and error bodies of each protocol', () => {
    expect(
      openAiWireFormat.parseReply({
        choices: [{ message: { content: '{}' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 3, completion_tokens: 4 },
      }),
    ).toEqual({ text: '{}', inputTokens: 3, outputTokens: 4, finishReason: 'length' });
    expect(() => openAiWireFormat.parseReply({ choices: [{ message: { content: null, refusal: 'no' } }] })).toThrow(
      'the model refused: no',
    );
    expect(
      anthropicWireFormat.parseReply({
        content: [
          { type: 'text', text: 'ok ' },
          { type: 'tool_use', input: { a: 1 } },
        ],
        usage: { input_tokens: 1, output_tokens: 2 },
        stop_reason: 'tool_use',
      }),
    ).toEqual({ text: '{"a":1}', inputTokens: 1, outputTokens: 2, finishReason: 'tool_use' });
    expect(() => geminiWireFormat.parseReply({ promptFeedback: { blockReason: 'SAFETY' } })).toThrow(
      'the prompt was blocked (SAFETY)',
    );
    expect(
      geminiWireFormat.parseReply({
        candidates: [{ content: { parts: [{ text: 'hidden', thought: true }, { text: '{"a":' }, { text: '1}' }] } }],
      }),
    ).toEqual({ text: '{"a":1}', inputTokens: 0, outputTokens: 0 });
    expect(openAiWireFormat.errorMessage({ error: { message: 'Rate limit reached' } })).toBe('Rate limit reached');
    expect(anthropicWireFormat.errorMessage({ type: 'error', error: { message: 'Overloaded' } })).toBe('Overloaded');
    expect(geminiWireFormat.errorMessage({ error: { code: 429, message: 'Quota' } })).toBe('Quota');
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '1' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 23 Nov 2026 12:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 23 Nov 2026 11:00:00 GMT' }), now)).toBe(0);
  });
  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});

describe('pricing estimates', () => {
  it('matches the longest model prefix and prefers a configured price', () => {
    expect(priceOf({ model: 'gpt-4o-mini-2024-07-18' })).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(priceOf({ model: 'gpt-4o-2024-08-06' })).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(priceOf({ model: 'llama3.1:8b' })).toBeUndefined();
    expect(priceOf({ model: 'gpt-4o', pricing: { inputPerMillion: 0, outputPerMillion: 0 } })).toEqual({
      inputPerMillion: 0,
      outputPerMillion: 0,
    });
    expect(estimateCostUsd({ inputPerMillion: 3, outputPerMillion: 15 }, 2000, 1000)).toBeCloseTo(0.021, 12);
    expect(estimateCostUsd(undefined, 2000, 1000)).toBe(0);
  });
});
