import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  type AuthGuardOptions,
  auditRequests,
  authGuard,
  httpMetrics,
  installErrorEnvelope,
  rateLimitError,
  requestIdFrom,
} from '@quintessence/platform';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController, type RawServerDefault } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkHealth } from './health.js';
import type { Platform } from './platform.js';

/** The app `buildApp` returns: Fastify with the zod type provider. */
export type QuintessenceApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Where the Swagger UI lives (its static files are public like the document itself). */
export const docsPrefix = '/docs';

const healthSchema = z.object({ status: z.enum(['up', 'down', 'degraded']) });
const dependencySchema = z.object({
  name: z.string(),
  status: z.enum(['up', 'down', 'degraded']),
  latency_ms: z.number(),
  required: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
const detailedSchema = z.object({
  status: z.enum(['up', 'down', 'degraded']),
  version: z.string(),
  uptime_seconds: z.number(),
  migrations: z.enum(['applied', 'pending']),
  dependencies: z.array(dependencySchema),
});
const readySchema = z.object({
  ready: z.boolean(),
  migrations: z.enum(['applied', 'pending']),
  dependencies: z.array(
    z.object({ name: z.string(), status: z.enum(['up', 'down', 'degraded']), required: z.boolean() }),
  ),
});
const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
    request_id: z.string(),
    timestamp: z.string(),
  }),
});

export interface BuildAppOptions {
  /** Sees every route with its access rule as it is registered (the route-inventory test). */
  readonly onRoute?: AuthGuardOptions['onRoute'];
}

/**
 * The Quintessence HTTP app for a built {@link Platform}: security headers, CORS, body limit, rate limits, request
 * ids, one error envelope, fail-closed auth, request audit, metrics, OpenAPI, health endpoints, the platform's
 * routes and every module's plugin. The app is ready but not listening: call `listen` (see `startServer`) or use
 * `app.inject()` in tests. Rejects when a route declares neither `config.public` nor `config.permission`.
 *
 * @example
 * const platform = await createPlatform(loadConfig(), modules);
 * const app = await buildApp(platform);
 * const res = await app.inject({ method: 'GET', url: '/health' });
 */
export async function buildApp(platform: Platform, options: BuildAppOptions = {}): Promise<QuintessenceApp> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    genReqId: requestIdFrom,
    requestIdHeader: false,
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      disableRequestLogging: config.log.level !== 'debug' && config.log.level !== 'trace',
    }),
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorEnvelope(app, platform.clock);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  if (config.rateLimit.enabled) {
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      errorResponseBuilder: (_request, context) => rateLimitError(context),
    });
  }
  await app.register(authGuard, {
    authenticator: platform.authenticator,
    mode: config.auth.mode,
    publicPrefixes: [docsPrefix],
    onRoute: options.onRoute,
  });
  // No upgrade-insecure-requests: a plain-HTTP deployment (behind a TLS proxy or on a LAN) must still load /docs.
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(cors, {
    origin:
      config.cors.origins.length === 0 ? false : config.cors.origins.includes('*') ? true : [...config.cors.origins],
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Quintessence API',
        version: platform.version,
        description:
          'Every route needs `Authorization: Bearer <token>` (from POST /auth/login) or `X-API-Key`, unless marked public. ' +
          'Errors share one envelope: {"error":{"code","message","details","request_id","timestamp"}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(httpMetrics, { registry: platform.metrics });
  await app.register(auditRequests, { audit: platform.ctx.audit });
  await app.register(swaggerUi, { routePrefix: docsPrefix, staticCSP: true });

  const started = Date.now();
  const migrationsState = async () => ((await platform.isMigrated()) ? 'applied' : 'pending') as 'applied' | 'pending';
  const publicProbe = { public: true, rateLimit: false } as const;

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/alive',
    {
      config: publicProbe,
      schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: healthSchema } },
    },
    async () => ({ status: 'up' as const }),
  );
  app.get(
    '/health',
    {
      config: publicProbe,
      schema: {
        tags: ['health'],
        summary: 'Summary health (public)',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const report = await checkHealth(platform.healthChecks);
      return reply.code(report.status === 'down' ? 503 : 200).send({ status: report.status });
    },
  );
  app.get(
    '/health/detailed',
    {
      config: { permission: 'metrics:read' },
      schema: {
        tags: ['health'],
        summary: 'Each dependency with status and latency (needs metrics:read)',
        response: { 200: detailedSchema, 503: detailedSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (_request, reply) => {
      const [report, migrations] = await Promise.all([checkHealth(platform.healthChecks), migrationsState()]);
      return reply.code(report.status === 'down' ? 503 : 200).send({
        status: report.status,
        version: platform.version,
        uptime_seconds: Math.round((Date.now() - started) / 1000),
        migrations,
        dependencies: [...report.dependencies],
      });
    },
  );
  app.get(
    '/ready',
    {
      config: publicProbe,
      schema: {
        tags: ['health'],
        summary: 'Readiness: migrations applied and required dependencies answer (503 otherwise)',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const [report, migrations] = await Promise.all([checkHealth(platform.healthChecks), migrationsState()]);
      const ready = migrations === 'applied' && report.status !== 'down' && !platform.isClosing();
      // Public: names and states only; latencies, details and errors are on /health/detailed.
      const dependencies = report.dependencies.map(({ name, status, required }) => ({ name, status, required }));
      return reply.code(ready ? 200 : 503).send({ ready, migrations, dependencies });
    },
  );
  app.get(
    '/metrics',
    {
      config: config.metrics.public ? { public: true } : { permission: 'metrics:read' },
      schema: { tags: ['health'], summary: 'Prometheus metrics', produces: ['text/plain'] },
    },
    async (_request, reply) => {
      const text = await platform.metrics.metrics();
      return reply.type(platform.metrics.contentType).send(text);
    },
  );

  for (const route of platform.routes) {
    await app.register(route.plugin, route.options);
  }
  for (const module of platform.modules) {
    if (!module.http) continue;
    await app.register(module.http.plugin, { prefix: module.http.prefix, ctx: platform.ctx });
  }
  await app.ready();
  return app;
}
