import { registerErrorCodes } from '../errors/app-error.js';

/**
 * HTTP statuses of the gateway's error codes (LLM_UNAVAILABLE is a platform code already). Registered on import so
 * `AppError`s thrown with these codes map to the right status and CLI exit code.
 */
export const llmErrorCodes = {
  LLM_UNAVAILABLE: 503,
  LLM_INVALID_OUTPUT: 502,
  LLM_PROVIDER_ERROR: 502,
  LLM_TIMEOUT: 504,
  LLM_INPUT_TOO_LARGE: 413,
} as const satisfies Record<string, number>;

registerErrorCodes(llmErrorCodes);
