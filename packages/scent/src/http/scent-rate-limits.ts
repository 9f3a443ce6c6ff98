import { AppError, type Config, rateLimitError } from '@quintessence/platform';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { z } from 'zod';

/**
 * `modules.scent` rate-limit settings (`QX__MODULES__SCENT__DATA_RATE_LIMIT=100`, ...): requests per principal per
 * window on the data routes (reading ingestion) and the analytics routes (analysis, fingerprints, coordination,
 * compliance reports). The seed's limits are the defaults.
 */
export const scentRateLimitConfigSchema = z.looseObject({
  dataRateLimit: z.number().int().positive().default(100),
  analyticsRateLimit: z.number().int().positive().default(50),
  rateLimitWindowMs: z.number().int().positive().default(60_000),
});

export interface ScentRateLimits {
  readonly dataRateLimit: number;
  readonly analyticsRateLimit: number;
  readonly rateLimitWindowMs: number;
}

/** Validates the rate-limit keys of `modules.scent` (other keys of the section are left to their owners). */
export function parseScentRateLimits(config: Pick<Config, 'modules'>): ScentRateLimits {
  const r = scentRateLimitConfigSchema.safeParse(config.modules?.scent ?? {});
  if (!r.success) {
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration modules.scent: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { dataRateLimit, analyticsRateLimit, rateLimitWindowMs } = r.data;
  return { dataRateLimit, analyticsRateLimit, rateLimitWindowMs };
}

export type ScentRateLimitGroup = 'data' | 'analytics';

/** Which scent routes each limit covers (URLs as registered, with the `/v1` prefix). */
const routeGroups: ReadonlyArray<{ group: ScentRateLimitGroup; method?: string; url: RegExp }> = [
  { group: 'data', method: 'POST', url: /^\/v1\/sensors\/:id\/readings$/ },
  { group: 'analytics', method: 'POST', url: /^\/v1\/quality\/analyze$/ },
  { group: 'analytics', url: /^\/v1\/analytics\// },
  { group: 'analytics', url: /^\/v1\/coordination\// },
  { group: 'analytics', method: 'POST', url: /^\/v1\/audit\/reports$/ },
];

/** The rate-limit group of a route, or undefined when only the server-wide limit applies. */
export function scentRateLimitGroup(method: string | string[], url: string): ScentRateLimitGroup | undefined {
  const methods = Array.isArray(method) ? method : [method];
  return routeGroups.find((g) => g.url.test(url) && (g.method === undefined || methods.includes(g.method)))?.group;
}

/** The part of `@fastify/rate-limit`'s `createRateLimit` decorator used here. */
type CreateRateLimit = (options: {
  max: number;
  timeWindow: number;
  keyGenerator: (request: FastifyRequest) => string;
}) => (
  request: FastifyRequest,
) => Promise<
  { isAllowed: true } | { isAllowed: false; max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean }
>;

const principalKey = (request: FastifyRequest): string =>
  request.principal ? `${request.principal.kind}:${request.principal.id}` : `ip:${request.ip}`;

/**
 * Adds the scent limits to the routes registered after it in this plugin context: one counter per principal per
 * group (all data routes share one, all analytics routes another), counted after authentication, on top of the
 * server-wide limit. Over the limit: 429 `RATE_LIMITED` in the error envelope with `retry-after`. Uses the server's
 * `@fastify/rate-limit` (its store, e.g. Redis when configured); when the server runs without rate limiting
 * (`rateLimit.enabled: false`) the scent limits are off too.
 *
 * @example
 * installScentRateLimits(fastify, parseScentRateLimits(ctx.config));
 * await fastify.register(scentRoutes, { prefix: '/v1', ctx });
 */
export function installScentRateLimits(fastify: FastifyInstance, limits: ScentRateLimits): void {
  const create = (fastify as unknown as { createRateLimit?: CreateRateLimit }).createRateLimit;
  if (typeof create !== 'function') return;
  const limiter = (max: number): onRequestHookHandler => {
    const check = create({ max, timeWindow: limits.rateLimitWindowMs, keyGenerator: principalKey });
    return async (request, reply) => {
      const r = await check(request);
      if (r.isAllowed) return;
      reply.header('x-ratelimit-limit', r.max);
      reply.header('x-ratelimit-remaining', r.remaining);
      reply.header('x-ratelimit-reset', r.ttlInSeconds);
      if (r.isExceeded) {
        reply.header('retry-after', r.ttlInSeconds);
        throw rateLimitError({ max: r.max, after: `${r.ttlInSeconds} s` });
      }
    };
  };
  const hooks: Record<ScentRateLimitGroup, onRequestHookHandler> = {
    data: limiter(limits.dataRateLimit),
    analytics: limiter(limits.analyticsRateLimit),
  };
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const group = scentRateLimitGroup(route.method, route.url);
    if (!group) return;
    // After the server's own hooks (rate limit by client, authentication), so the principal is known here.
    const existing =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, hooks[group]];
  });
}
