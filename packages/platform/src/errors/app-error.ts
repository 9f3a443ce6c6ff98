/**
 * The one error type of Quintessence. Domain code throws `AppError` with a string `code` (module-prefixed, e.g.
 * `RESTOCK_UNKNOWN_PRODUCT`); it carries no HTTP status. The HTTP layer maps codes to statuses through
 * {@link httpStatusFor}, and the CLI maps them to exit codes through {@link exitCodeFor}.
 */
export class AppError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

/** Platform error codes and their HTTP statuses. Modules add theirs with {@link registerErrorCodes}. */
export const platformErrorCodes = {
  VALIDATION_ERROR: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  NOT_READY: 503,
  UNAVAILABLE: 503,
  LLM_UNAVAILABLE: 503,
  CONFIG_INVALID: 500,
  DATA_DIR_LOCKED: 409,
} as const satisfies Record<string, number>;

const statusByCode = new Map<string, number>(Object.entries(platformErrorCodes));

/** Declares a module's error codes with their HTTP statuses (one table for the whole product). */
export function registerErrorCodes(codes: Readonly<Record<string, number>>): void {
  for (const [code, status] of Object.entries(codes)) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`error code ${code}: HTTP status must be 4xx or 5xx, got ${status}`);
    }
    statusByCode.set(code, status);
  }
}

/** HTTP status of an error code; unknown codes are server errors. */
export function httpStatusFor(code: string): number {
  return statusByCode.get(code) ?? 500;
}

/** All known codes (for docs/errors.md and tests). */
export function knownErrorCodes(): ReadonlyMap<string, number> {
  return statusByCode;
}

/** CLI exit code: 2 for bad input, 1 otherwise. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof AppError) {
    const status = httpStatusFor(error.code);
    return status >= 400 && status < 500 ? 2 : 1;
  }
  return 1;
}

export function isAppError(error: unknown, code?: string): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
