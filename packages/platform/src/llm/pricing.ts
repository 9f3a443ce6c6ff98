import type { LlmProviderConfig } from './config.js';

/** USD per million tokens. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/**
 * ESTIMATES of list prices in USD per million tokens, matched by model-name prefix (longest first). Taken from the
 * vendors' public price pages as of 2025 and not kept up to date automatically: use them to compare and to alert on
 * trends, never for billing. Override per provider with `pricing` in the configuration (for example 0 for a local
 * Ollama or vLLM). Unknown models cost 0 and `llm status` says the price is unknown.
 */
export const llmPriceTable: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'claude-3-haiku': { inputPerMillion: 0.25, outputPerMillion: 1.25 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'claude-3-5-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-opus-4': { inputPerMillion: 15, outputPerMillion: 75 },
  'gemini-1.5-flash': { inputPerMillion: 0.075, outputPerMillion: 0.3 },
  'gemini-1.5-pro': { inputPerMillion: 1.25, outputPerMillion: 5 },
  'gemini-2.0-flash-lite': { inputPerMillion: 0.075, outputPerMillion: 0.3 },
  'gemini-2.0-flash': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gemini-2.5-flash': { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  'gemini-2.5-pro': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'llama-3.3-70b-versatile': { inputPerMillion: 0.59, outputPerMillion: 0.79 },
  'llama-3.1-8b-instant': { inputPerMillion: 0.05, outputPerMillion: 0.08 },
};

const prefixes = Object.keys(llmPriceTable).sort((a, b) => b.length - a.length);

/** The price of a provider's model: its configured override, else the estimate table, else undefined. */
export function priceOf(provider: Pick<LlmProviderConfig, 'model' | 'pricing'>): ModelPrice | undefined {
  if (provider.pricing) return provider.pricing;
  const model = provider.model.toLowerCase().replace(/^models\//, '');
  const prefix = prefixes.find((p) => model.startsWith(p));
  return prefix === undefined ? undefined : llmPriceTable[prefix];
}

/** Estimated cost in USD of a call (0 when the price is unknown). */
export function estimateCostUsd(price: ModelPrice | undefined, inputTokens: number, outputTokens: number): number {
  if (!price) return 0;
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}
