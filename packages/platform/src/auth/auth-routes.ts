import type {} from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditTrail } from '../audit/audit-trail.js';
import { AppError } from '../errors/app-error.js';
import type { ESignatureService } from '../ports.js';
import {
  apiKeySchema,
  changePasswordBodySchema,
  createApiKeyBodySchema,
  createUserBodySchema,
  idParamsSchema,
  loginBodySchema,
  logoutBodySchema,
  permissionsSchema,
  profileSchema,
  reasonBodySchema,
  refreshBodySchema,
  resetPasswordBodySchema,
  tokenPairSchema,
  userSchema,
} from './auth-schemas.js';
import type { ActionContext, AuthService } from './auth-service.js';
import { type Principal, permissionTable, roles } from './roles.js';

/** Options of the platform's route plugins. */
export interface PlatformRoutesOptions {
  readonly auth: AuthService;
  readonly audit: AuditTrail;
  readonly esign: ESignatureService;
}

/** The caller of a private route (set by the server's auth guard; its absence is a server error, never a pass). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHORIZED', 'Authentication required');
  return request.principal;
}

/** Audit context of a request: who, request id, client address, and an optional reason. */
export function actionContext(request: FastifyRequest, reason?: string): ActionContext {
  return {
    principal: principalOf(request),
    requestId: request.id,
    clientAddress: request.ip,
    ...(reason ? { reason } : {}),
  };
}

const anonymous = (request: FastifyRequest) => ({ requestId: request.id, clientAddress: request.ip });

/**
 * Authentication and account routes: `POST /auth/login` (public, rate limited per client address),
 * `POST /auth/refresh` (public), `POST /auth/logout`, `POST /auth/password`, `GET /auth/me`, `GET /auth/permissions`, `GET|POST /users`,
 * `POST /users/:id/disable`, `POST /users/:id/reset-password`, `GET|POST /apikeys`, `POST /apikeys/:id/revoke`. Register at the root.
 *
 * @example
 * await app.register(authRoutes, { auth, audit, esign });
 */
export const authRoutes: FastifyPluginAsync<PlatformRoutesOptions> = async (fastify, options) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { auth } = options;
  const loginLimit = {
    max: auth.config.rateLimit?.loginMax ?? 10,
    timeWindow: auth.config.rateLimit?.windowMs ?? 60_000,
  };

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password: a short-lived access token and a single-use refresh token',
        security: [],
        body: loginBodySchema,
        response: { 200: tokenPairSchema },
      },
    },
    async (request) => auth.login(request.body, anonymous(request)),
  );

  app.post(
    '/auth/refresh',
    {
      config: { public: true, rateLimit: loginLimit },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for new tokens (the old refresh token is spent; reuse ends the session)',
        security: [],
        body: refreshBodySchema,
        response: { 200: tokenPairSchema },
      },
    },
    async (request) => auth.refresh(request.body.refreshToken, anonymous(request)),
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'profile:read' },
      schema: {
        tags: ['auth'],
        summary: 'End a session: the one of the given refresh token, or the one of the calling access token',
        body: logoutBodySchema,
        response: { 200: z.object({ loggedOut: z.literal(true) }) },
      },
    },
    async (request) => {
      await auth.logout(request.body?.refreshToken, actionContext(request));
      return { loggedOut: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'profile:read' },
      schema: {
        tags: ['auth'],
        summary: "Change the caller's own password (other sessions end)",
        body: changePasswordBodySchema,
        response: { 200: z.object({ changed: z.literal(true) }) },
      },
    },
    async (request) => {
      await auth.changePassword(request.body.currentPassword, request.body.newPassword, actionContext(request));
      return { changed: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { permission: 'profile:read' },
      schema: { tags: ['auth'], summary: 'The caller, its roles and permissions', response: { 200: profileSchema } },
    },
    async (request) => auth.me(principalOf(request)),
  );

  app.get(
    '/auth/permissions',
    {
      config: { permission: 'profile:read' },
      schema: {
        tags: ['auth'],
        summary: 'The role -> permission table of the product',
        response: { 200: permissionsSchema },
      },
    },
    async () => ({ roles: [...roles], permissions: permissionTable() }),
  );

  app.get(
    '/users',
    {
      config: { permission: 'platform:users:manage' },
      schema: {
        tags: ['users'],
        summary: 'List users',
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async () => ({ items: await auth.listUsers() }),
  );

  app.post(
    '/users',
    {
      config: { permission: 'platform:users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user (argon2id password hash)',
        body: createUserBodySchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return auth.createUser(request.body, actionContext(request));
    },
  );

  app.post(
    '/users/:id/disable',
    {
      config: { permission: 'platform:users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Disable a user: login stops working and open sessions end',
        params: idParamsSchema,
        body: reasonBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => auth.disableUser(request.params.id, actionContext(request, request.body?.reason)),
  );

  app.post(
    '/users/:id/reset-password',
    {
      config: { permission: 'platform:users:manage' },
      schema: {
        tags: ['users'],
        summary: "Set a user's password (lifts a lockout, ends the user's sessions)",
        params: idParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      auth.resetPassword(request.params.id, request.body.newPassword, actionContext(request, request.body.reason)),
  );

  app.get(
    '/apikeys',
    {
      config: { permission: 'platform:apikeys:manage' },
      schema: {
        tags: ['apikeys'],
        summary: 'List API keys (never the keys themselves)',
        response: { 200: z.object({ items: z.array(apiKeySchema) }) },
      },
    },
    async () => ({ items: await auth.listApiKeys() }),
  );

  app.post(
    '/apikeys',
    {
      config: { permission: 'platform:apikeys:manage' },
      schema: {
        tags: ['apikeys'],
        summary: 'Create an API key; the key is in this response only',
        body: createApiKeyBodySchema,
        response: { 201: z.object({ key: z.string(), apiKey: apiKeySchema }) },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      reply.code(201);
      return auth.createApiKey(
        { ...rest, ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}) },
        actionContext(request),
      );
    },
  );

  app.post(
    '/apikeys/:id/revoke',
    {
      config: { permission: 'platform:apikeys:manage' },
      schema: {
        tags: ['apikeys'],
        summary: 'Revoke an API key (immediately)',
        params: idParamsSchema,
        body: reasonBodySchema,
        response: { 200: apiKeySchema },
      },
    },
    async (request) => auth.revokeApiKey(request.params.id, actionContext(request, request.body?.reason)),
  );
};
