import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from '../../audit/audit-routes.js';
import { type AuditTrail, createAuditTrail } from '../../audit/audit-trail.js';
import { createESignatureService } from '../../audit/esignature-service.js';
import { type Config, loadConfig } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { authGuard } from '../../http/auth-guard.js';
import { installErrorEnvelope, rateLimitError } from '../../http/error-envelope.js';
import { requestIdFrom } from '../../http/request-id.js';
import type { Clock, ESignatureService } from '../../ports.js';
import { authRoutes } from '../auth-routes.js';
import { type AuthService, createAuthService } from '../auth-service.js';

export interface RouteTestApp {
  readonly app: FastifyInstance;
  readonly auth: AuthService;
  readonly audit: AuditTrail;
  readonly esign: ESignatureService;
  readonly config: Config;
  /** The routes the guard saw, with their access rule. */
  readonly routes: { method: string[]; url: string; public: boolean; permission?: string }[];
}

/**
 * A Fastify app wired like the product server (zod compilers, error envelope, rate limits, the fail-closed auth guard)
 * with only the auth and audit route plugins, for route tests in this folder.
 */
export async function buildRouteTestApp(db: Database, clock: Clock, loginMax = 100): Promise<RouteTestApp> {
  const config = loadConfig({}, { overrides: { auth: { lockoutThreshold: 3 }, rateLimit: { loginMax } } });
  const audit = createAuditTrail({ db, signingKey: 'route-test-signing-key-0123456789', clock });
  const auth = createAuthService({
    db,
    config,
    jwtSecret: 'route-test-jwt-secret-0123456789abcdef',
    audit,
    clock,
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  });
  const esign = createESignatureService({ db, auth, audit, clock });
  const routes: RouteTestApp['routes'] = [];
  const app = Fastify({ genReqId: requestIdFrom, requestIdHeader: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorEnvelope(app, clock);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(rateLimit, {
    global: true,
    max: 10_000,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => rateLimitError(context),
  });
  await app.register(authGuard, { authenticator: auth, onRoute: (r) => routes.push(r) });
  await app.register(authRoutes, { auth, audit, esign });
  await app.register(auditRoutes, { auth, audit, esign });
  await app.ready();
  return { app, auth, audit, esign, config, routes };
}
