import type { Prompt } from '../build-prompt.js';
import type { LlmProviderConfig } from '../config.js';

/** What the gateway asks of one provider call. */
export interface ProviderRequest {
  readonly prompt: Prompt;
  /** JSON Schema of the answer (cleaned), for providers with a native structured-output mode. */
  readonly jsonSchema?: object;
  /** `[a-zA-Z0-9_-]{1,64}` name of the schema (OpenAI `json_schema.name`, Anthropic tool name). */
  readonly schemaName: string;
  readonly maxOutputTokens: number;
}

/** The useful part of a provider's answer. */
export interface ProviderReply {
  /** The model's text (for Anthropic tool use: the tool input serialised as JSON). */
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly finishReason?: string;
}

/** An HTTP request ready for `fetch`. */
export interface WireRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** One provider's wire protocol: how to phrase a request and read a reply or an error body. */
export interface WireFormat {
  readonly kind: LlmProviderConfig['kind'];
  readonly defaultBaseUrl: string;
  buildRequest(provider: LlmProviderConfig, request: ProviderRequest): WireRequest;
  /** Throws `ProviderError('bad_response')` when the body is not what the protocol promises. */
  parseReply(body: unknown): ProviderReply;
  /** The provider's error message in an error body, if any. */
  errorMessage(body: unknown): string | undefined;
  /** A retry delay the provider put in the error body (Gemini `RetryInfo`), used when no `Retry-After` header came. */
  retryDelayMs?(body: unknown): number | undefined;
}

/** Base URL without trailing slashes. */
export function baseUrlOf(provider: LlmProviderConfig, fallback: string): string {
  return (provider.baseUrl ?? fallback).replace(/\/+$/, '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
