import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const saneRequestId = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Fastify `genReqId`: the caller's `X-Request-Id` when it is a short token of safe characters, a random UUID
 * otherwise (so a hostile header cannot inject into logs or responses).
 */
export function requestIdFrom(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && saneRequestId.test(value) ? value : randomUUID();
}
