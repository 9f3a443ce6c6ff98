import pino from 'pino';
import type { Config } from '../config/config.js';
import type { Logger } from '../ports.js';

/** Paths redacted from every log line. */
export const redactPaths = [
  'password',
  '*.password',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.apiKey',
  '*.token',
  '*.refreshToken',
  '*.jwtSecret',
  '*.signingKey',
];

/** The product's pino logger (the server passes the same options to Fastify). */
export function createLogger(config: Pick<Config, 'log'>, destination?: pino.DestinationStream): Logger & pino.Logger {
  return pino({ level: config.log.level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
