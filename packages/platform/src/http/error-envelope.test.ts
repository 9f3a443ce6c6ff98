import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { errorEnvelope, normaliseError, rateLimitError } from './error-envelope.js';
import { requestIdFrom } from './request-id.js';

describe('normaliseError', () => {
  it('maps an AppError through the code table', () => {
    expect(normaliseError(new AppError('FORBIDDEN', 'no', { details: { p: 1 } }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'no',
      details: { p: 1 },
    });
  });

  it('turns Fastify validation errors into 400 VALIDATION_ERROR with the failing paths', () => {
    const error = Object.assign(new Error('body/n must be number'), {
      validation: [{ instancePath: '/n', message: 'expected number', params: {}, keyword: 'type', schemaPath: '' }],
      validationContext: 'body',
      statusCode: 400,
    });
    expect(normaliseError(error)).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'Request validation failed (body)',
      details: [{ path: '/n', message: 'expected number', in: 'body' }],
    });
  });

  it('keeps Fastify 4xx errors with a code for their status', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(normaliseError(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('hides everything about unexpected errors', () => {
    expect(normaliseError(new Error('password=hunter2'))).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
      details: null,
    });
  });

  it('builds the envelope with the request id and a UTC timestamp', () => {
    const clock = { now: () => new Date('2026-11-23T12:00:00.000Z') };
    expect(errorEnvelope({ code: 'NOT_FOUND', message: 'gone', details: undefined }, 'r-1', clock)).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'gone',
        details: null,
        request_id: 'r-1',
        timestamp: '2026-11-23T12:00:00.000Z',
      },
    });
  });

  it('describes a rate-limit rejection', () => {
    const error = rateLimitError({ after: '1 minute', max: 10 });
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('retry in 1 minute');
  });
});

describe('requestIdFrom', () => {
  const req = (value?: string) =>
    ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

  it('keeps a short token of safe characters', () => {
    expect(requestIdFrom(req('abc-123_x.y:z'))).toBe('abc-123_x.y:z');
  });

  it('replaces a missing, long or unsafe value with a UUID', () => {
    for (const value of [undefined, '', 'a b', 'x'.repeat(129), 'line\nbreak', '<script>']) {
      expect(requestIdFrom(req(value))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
