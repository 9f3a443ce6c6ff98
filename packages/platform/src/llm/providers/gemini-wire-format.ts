import { ProviderError } from './provider-error.js';
import { baseUrlOf, count, isRecord, type WireFormat } from './wire-format.js';

const geminiTypes: Record<string, string> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
};
const copiedKeys = [
  'description',
  'title',
  'format',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minProperties',
  'maxProperties',
] as const;

/**
 * Converts a JSON Schema to Gemini's `responseSchema` (an OpenAPI 3.0 subset): upper-case types, `nullable` instead of
 * `["T", "null"]`, string enums only. Returns undefined when the schema uses what the subset cannot say (`$ref`,
 * `allOf`, `not`, non-string enums); the caller then falls back to JSON mode with the schema in the prompt.
 */
export function toGeminiSchema(schema: unknown): Record<string, unknown> | undefined {
  if (!isRecord(schema)) return undefined;
  if ('$ref' in schema || 'allOf' in schema || 'not' in schema) return undefined;
  const out: Record<string, unknown> = {};
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) {
    const nonNull = variants.filter((v) => !(isRecord(v) && v.type === 'null'));
    const converted = nonNull.map(toGeminiSchema);
    if (converted.some((c) => c === undefined)) return undefined;
    if (converted.length === 1) Object.assign(out, converted[0]);
    else out.anyOf = converted;
    if (nonNull.length < variants.length) out.nullable = true;
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    if (nonNull.length !== 1) return undefined;
    if (nonNull.length < type.length) out.nullable = true;
    type = nonNull[0];
  }
  if (typeof type === 'string') {
    if (type === 'null') return undefined;
    const mapped = geminiTypes[type];
    if (mapped === undefined) return undefined;
    out.type = mapped;
  }
  for (const key of copiedKeys) if (schema[key] !== undefined) out[key] = schema[key];
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (Array.isArray(values)) {
    if (!values.every((v) => typeof v === 'string')) return undefined;
    out.enum = values;
    out.type = 'STRING';
  }
  if (isRecord(schema.properties)) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties)) {
      const converted = toGeminiSchema(value);
      if (converted === undefined) return undefined;
      properties[key] = converted;
    }
    out.properties = properties;
    out.propertyOrdering = Object.keys(properties);
    if (Array.isArray(schema.required)) out.required = schema.required;
  }
  if (schema.items !== undefined) {
    const items = toGeminiSchema(schema.items);
    if (items === undefined) return undefined;
    out.items = items;
  }
  if (out.type === undefined && out.anyOf === undefined) return undefined;
  return out;
}

/**
 * Google Gemini `generateContent` (`POST {baseUrl}/v1beta/models/{model}:generateContent`, key in
 * `x-goog-api-key`). Native mode sends `responseMimeType: application/json` with `responseSchema`.
 *
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiWireFormat: WireFormat = {
  kind: 'gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  buildRequest(provider, request) {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
    const generationConfig: Record<string, unknown> = { temperature: 0, maxOutputTokens: request.maxOutputTokens };
    if (provider.jsonMode !== 'prompt') generationConfig.responseMimeType = 'application/json';
    if (provider.jsonMode === 'native' && request.jsonSchema) {
      const responseSchema = toGeminiSchema(request.jsonSchema);
      if (responseSchema) generationConfig.responseSchema = responseSchema;
    }
    const body = {
      systemInstruction: { parts: [{ text: request.prompt.system }] },
      contents: request.prompt.messages.map((m) => ({
        role: m.role === 'assistant' ? 'model' : 'user',
        parts: [{ text: m.content }],
      })),
      generationConfig,
    };
    const model = encodeURIComponent(provider.model.replace(/^models\//, ''));
    return {
      url: `${baseUrlOf(provider, this.defaultBaseUrl)}/v1beta/models/${model}:generateContent`,
      headers,
      body,
    };
  },
  parseReply(body) {
    if (!isRecord(body)) throw new ProviderError('bad_response', 'reply is not a JSON object');
    const candidate = Array.isArray(body.candidates) ? body.candidates[0] : undefined;
    if (!isRecord(candidate)) {
      const blocked = isRecord(body.promptFeedback) ? body.promptFeedback.blockReason : undefined;
      throw new ProviderError(
        'bad_response',
        blocked ? `the prompt was blocked (${String(blocked)})` : 'reply without candidates',
      );
    }
    const parts = isRecord(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
    const text = parts
      .filter(isRecord)
      .filter((p) => typeof p.text === 'string' && p.thought !== true)
      .map((p) => p.text as string)
      .join('');
    const usage = isRecord(body.usageMetadata) ? body.usageMetadata : {};
    return {
      text,
      inputTokens: count(usage.promptTokenCount),
      outputTokens: count(usage.candidatesTokenCount),
      ...(typeof candidate.finishReason === 'string' ? { finishReason: candidate.finishReason } : {}),
    };
  },
  errorMessage(body) {
    if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
    return undefined;
  },
  retryDelayMs(body) {
    const details =
      isRecord(body) && isRecord(body.error) && Array.isArray(body.error.details) ? body.error.details : [];
    for (const detail of details) {
      if (!isRecord(detail) || typeof detail.retryDelay !== 'string') continue;
      const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay);
      if (match) return Math.ceil(Number(match[1]) * 1000);
    }
    return undefined;
  },
};
