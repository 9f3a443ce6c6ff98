import { ProviderError } from './provider-error.js';
import { baseUrlOf, count, isRecord, type WireFormat } from './wire-format.js';

/**
 * OpenAI-compatible Chat Completions (`POST {baseUrl}/chat/completions`): OpenAI, Groq, Ollama, vLLM, llama.cpp
 * server, LM Studio. Native mode sends `response_format: {type: 'json_schema'}`; `json` mode sends `json_object`.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export const openAiWireFormat: WireFormat = {
  kind: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  buildRequest(provider, request) {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
    const body: Record<string, unknown> = {
      model: provider.model,
      messages: [
        { role: 'system', content: request.prompt.system },
        ...request.prompt.messages.map((m) => ({ role: m.role, content: m.content })),
      ],
    };
    // OpenAI reasoning models (o1, o3, o4-mini, gpt-5) take max_completion_tokens and only the default temperature.
    if (/^(o\d|gpt-5)/.test(provider.model)) body.max_completion_tokens = request.maxOutputTokens;
    else Object.assign(body, { max_tokens: request.maxOutputTokens, temperature: 0 });
    const objectSchema = isRecord(request.jsonSchema) && request.jsonSchema.type === 'object';
    if (provider.jsonMode === 'native' && objectSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: false },
      };
    } else if (provider.jsonMode !== 'prompt' && (objectSchema || !request.jsonSchema)) {
      body.response_format = { type: 'json_object' };
    }
    return { url: `${baseUrlOf(provider, this.defaultBaseUrl)}/chat/completions`, headers, body };
  },
  parseReply(body) {
    const choice = isRecord(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
    const message = isRecord(choice) ? choice.message : undefined;
    if (!isRecord(message)) throw new ProviderError('bad_response', 'chat completion without choices[0].message');
    if (typeof message.refusal === 'string' && message.refusal !== '') {
      throw new ProviderError('bad_response', `the model refused: ${message.refusal.slice(0, 200)}`);
    }
    const usage = isRecord(body) && isRecord(body.usage) ? body.usage : {};
    const finish = isRecord(choice) && typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
    return {
      text: typeof message.content === 'string' ? message.content : '',
      inputTokens: count(usage.prompt_tokens),
      outputTokens: count(usage.completion_tokens),
      ...(finish ? { finishReason: finish } : {}),
    };
  },
  errorMessage(body) {
    if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
    if (isRecord(body) && typeof body.error === 'string') return body.error;
    return undefined;
  },
};
