import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusFor, isAppError } from '../errors/app-error.js';
import type { Clock } from '../ports.js';
import { systemClock } from '../ports.js';

/** The body of every error response: `{"error":{"code","message","details","request_id","timestamp"}}`. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: unknown;
    readonly request_id: string;
    /** UTC ISO-8601 time. */
    readonly timestamp: string;
  };
}

/** Codes for errors Fastify itself raises, by HTTP status, so they share the envelope's vocabulary. */
const codeByStatus: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  503: 'UNAVAILABLE',
};

interface Normalised {
  status: number;
  code: string;
  message: string;
  details: unknown;
}

function validationDetails(error: FastifyError): unknown {
  return (error.validation ?? []).map((v) => ({
    path: v.instancePath || (v.params as { missingProperty?: string } | undefined)?.missingProperty || '',
    message: v.message ?? 'invalid',
    ...(error.validationContext ? { in: error.validationContext } : {}),
  }));
}

/** Maps anything thrown in a request to a status, code and client-safe message. Unknown errors say nothing inside. */
export function normaliseError(error: unknown): Normalised {
  if (isAppError(error)) {
    return {
      status: httpStatusFor(error.code),
      code: error.code,
      message: error.message,
      details: error.details ?? null,
    };
  }
  const fe = error as FastifyError;
  if (fe && Array.isArray(fe.validation)) {
    const where = fe.validationContext ? ` (${fe.validationContext})` : '';
    return {
      status: 400,
      code: 'VALIDATION_ERROR',
      message: `Request validation failed${where}`,
      details: validationDetails(fe),
    };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return {
      status,
      code: codeByStatus[status] ?? 'BAD_REQUEST',
      // Fastify's own 4xx messages describe the request, not the server (e.g. "Request body is too large").
      message: fe.message || 'Bad request',
      details: null,
    };
  }
  if (status === 503) return { status, code: 'UNAVAILABLE', message: 'Service unavailable', details: null };
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', details: null };
}

/** Builds the envelope for a normalised error. */
export function errorEnvelope(
  e: Pick<Normalised, 'code' | 'message' | 'details'>,
  requestId: string,
  clock: Clock = systemClock,
): ErrorEnvelope {
  return {
    error: {
      code: e.code,
      message: e.message,
      details: e.details ?? null,
      request_id: requestId,
      timestamp: clock.now().toISOString(),
    },
  };
}

/**
 * Installs the one error envelope on an app: the error handler (validation, AppError, Fastify 4xx, everything else
 * as a bare 500 with the cause only in the log) and the not-found handler. Call on the root instance before
 * registering routes.
 */
export function installErrorEnvelope(app: FastifyInstance, clock: Clock = systemClock): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const e = normaliseError(error);
    if (e.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: e.code, status: e.status }, e.message);
    if (e.status === 401 && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', 'Bearer');
    return reply
      .code(e.status)
      .type('application/json; charset=utf-8')
      .send(errorEnvelope(e, request.id, clock));
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const e = {
      code: 'NOT_FOUND',
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
      details: null,
    };
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(errorEnvelope(e, request.id, clock));
  });
}

/** The AppError `@fastify/rate-limit` throws from its `errorResponseBuilder`. */
export function rateLimitError(context: { after: string; max: number; statusCode?: number }): AppError {
  return new AppError('RATE_LIMITED', `Too many requests: the limit is ${context.max}; retry in ${context.after}`, {
    details: { limit: context.max, retry_after: context.after },
  });
}
