import { ProviderError } from './provider-error.js';
import { baseUrlOf, count, isRecord, type WireFormat } from './wire-format.js';

/**
 * Anthropic Messages (`POST {baseUrl}/v1/messages`). Native mode forces one tool whose `input_schema` is the
 * answer's JSON Schema, so the answer arrives as the tool's input object; other modes read the text blocks.
 *
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicWireFormat: WireFormat = {
  kind: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  buildRequest(provider, request) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'anthropic-version': '2023-06-01',
    };
    if (provider.apiKey) headers['x-api-key'] = provider.apiKey;
    const body: Record<string, unknown> = {
      model: provider.model,
      max_tokens: request.maxOutputTokens,
      temperature: 0,
      system: request.prompt.system,
      messages: request.prompt.messages.map((m) => ({ role: m.role, content: m.content })),
    };
    // Tool input must be an object; other answers (arrays, scalars) are read from the text.
    if (provider.jsonMode === 'native' && isRecord(request.jsonSchema) && request.jsonSchema.type === 'object') {
      body.tools = [
        {
          name: request.schemaName,
          description: 'Return the answer as the input of this tool.',
          input_schema: request.jsonSchema,
        },
      ];
      body.tool_choice = { type: 'tool', name: request.schemaName };
    }
    return { url: `${baseUrlOf(provider, this.defaultBaseUrl)}/v1/messages`, headers, body };
  },
  parseReply(body) {
    if (!isRecord(body) || !Array.isArray(body.content)) {
      throw new ProviderError('bad_response', 'message without a content array');
    }
    const blocks = body.content.filter(isRecord);
    const tool = blocks.find((b) => b.type === 'tool_use');
    const text =
      tool !== undefined
        ? JSON.stringify(tool.input ?? null)
        : blocks
            .filter((b) => b.type === 'text' && typeof b.text === 'string')
            .map((b) => b.text as string)
            .join('');
    const usage = isRecord(body.usage) ? body.usage : {};
    return {
      text,
      inputTokens: count(usage.input_tokens),
      outputTokens: count(usage.output_tokens),
      ...(typeof body.stop_reason === 'string' ? { finishReason: body.stop_reason } : {}),
    };
  },
  errorMessage(body) {
    if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
    return undefined;
  },
};
