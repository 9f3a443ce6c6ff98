import type { ZodType } from 'zod';

/** A request for typed output. `data` is untrusted and is sent to the model as delimited data, never as instructions. */
export interface LlmObjectRequest<T> {
  readonly schema: ZodType<T>;
  /** Short name of the calling feature, used in metrics and logs (`restock.proposal`). */
  readonly purpose: string;
  /** Trusted instructions written by the product. */
  readonly instructions: string;
  /** Untrusted inputs (user text, sensor values, product names...). */
  readonly data?: unknown;
  readonly maxOutputTokens?: number;
  readonly signal?: AbortSignal;
}

export type LlmErrorCode =
  | 'LLM_UNAVAILABLE'
  | 'LLM_INVALID_OUTPUT'
  | 'LLM_PROVIDER_ERROR'
  | 'LLM_TIMEOUT'
  | 'LLM_INPUT_TOO_LARGE';

/** Tokens reported by the provider for one answer (repair round-trip included). */
export interface LlmUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Estimate from a built-in price table (USD); 0 when the model's price is unknown. */
  readonly estimatedCostUsd: number;
}

export type LlmObjectResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly provider: string;
      readonly model: string;
      readonly cached: boolean;
      readonly usage?: LlmUsage;
      /** Providers tried before (and including) the one that answered. */
      readonly attempts?: readonly LlmAttempt[];
    }
  | {
      readonly ok: false;
      readonly code: LlmErrorCode;
      readonly message: string;
      readonly attempts: readonly LlmAttempt[];
    };

export interface LlmAttempt {
  readonly provider: string;
  readonly model: string;
  readonly status: 'ok' | 'invalid_output' | 'error' | 'timeout' | 'rate_limited' | 'circuit_open';
  readonly message?: string;
}

/**
 * The LLM gateway as callers see it. With no provider configured `available` is false and every call returns
 * `{ok: false, code: 'LLM_UNAVAILABLE'}` at once, so callers take their deterministic path.
 */
export interface LlmGateway {
  readonly available: boolean;
  generateObject<T>(request: LlmObjectRequest<T>): Promise<LlmObjectResult<T>>;
}

/** The gateway with no provider: always unavailable. */
export const unavailableLlm: LlmGateway = {
  available: false,
  async generateObject() {
    return { ok: false, code: 'LLM_UNAVAILABLE', message: 'No LLM provider is configured', attempts: [] };
  },
};
