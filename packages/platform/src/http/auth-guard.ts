import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Authenticator } from '../auth/authenticator.js';
import { hasPermission, isKnownPermission, type Principal } from '../auth/roles.js';
import { AppError } from '../errors/app-error.js';

export interface AuthGuardOptions {
  readonly authenticator: Authenticator;
  /** `dev-bypass` lets requests without credentials through as an admin (never in production; warned at start). */
  readonly mode?: 'enforced' | 'dev-bypass';
  /**
   * URL prefixes of routes registered by third-party plugins that cannot carry `config.public` (the Swagger UI's
   * static files). Every other route declares `config.public` or `config.permission` itself (the CORS preflight
   * route `OPTIONS *` is public by nature).
   */
  readonly publicPrefixes?: readonly string[];
  /** Called for every route after its access rule is settled (the route-inventory test collects them). */
  readonly onRoute?: (route: { method: string[]; url: string; public: boolean; permission?: string }) => void;
}

/** The principal requests run as under `auth.mode: dev-bypass` when they carry no credentials. */
export const devBypassPrincipal: Principal = Object.freeze({
  kind: 'system',
  id: 'dev-bypass',
  name: 'dev-bypass',
  roles: Object.freeze(['admin']) as Principal['roles'],
});

function credentials(request: FastifyRequest) {
  const h = request.headers;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return { authorization: one(h.authorization), 'x-api-key': one(h['x-api-key']) };
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Fail-closed authentication and authorisation for every route of the app.
 *
 * - At start-up (onRoute) a route that declares neither `config.public: true` nor a `config.permission`, or names a
 *   permission nobody registered, stops the app with an error naming the route.
 * - On each request to a private route, a route-level onRequest hook (after rate limiting, before the body is read)
 *   authenticates through the {@link Authenticator} (401 `UNAUTHORIZED` without or with bad credentials), checks the
 *   permission (403 `FORBIDDEN`) and sets `request.principal`.
 *
 * Register it with `app.register(authGuard, {...})` before any route.
 */
export const authGuard = fp<AuthGuardOptions>(
  async (app: FastifyInstance, options: AuthGuardOptions) => {
    const mode = options.mode ?? 'enforced';
    const publicPrefixes = options.publicPrefixes ?? [];
    app.decorateRequest('principal', undefined);

    app.addHook('onRoute', (route: RouteOptions) => {
      const config = (route.config ?? {}) as { public?: boolean; permission?: string };
      const where = `${asArray(route.method).join(',')} ${route.url}`;
      const isCorsPreflight = route.url === '*' && asArray(route.method).every((m) => m === 'OPTIONS');
      if (isCorsPreflight || publicPrefixes.some((p) => route.url === p || route.url.startsWith(`${p}/`))) {
        route.config = { ...config, public: true } as RouteOptions['config'];
        options.onRoute?.({ method: asArray(route.method), url: route.url, public: true });
        return;
      }
      if (config.public === true) {
        if (config.permission)
          throw new Error(`Route ${where} is public but also names permission ${config.permission}`);
        options.onRoute?.({ method: asArray(route.method), url: route.url, public: true });
        return;
      }
      if (!config.permission) {
        throw new Error(
          `Route ${where} declares neither config.public nor config.permission; every route must say who may call it`,
        );
      }
      if (!isKnownPermission(config.permission)) {
        throw new Error(`Route ${where} requires unknown permission "${config.permission}"; register it first`);
      }
      const permission = config.permission;
      options.onRoute?.({ method: asArray(route.method), url: route.url, public: false, permission });
      const guard: onRequestHookHandler = async (request) => {
        let principal = await options.authenticator.authenticate(credentials(request));
        if (principal === null && mode === 'dev-bypass') principal = devBypassPrincipal;
        if (principal === null) {
          throw new AppError(
            'UNAUTHORIZED',
            'Authentication required: send Authorization: Bearer <token> or X-API-Key',
          );
        }
        request.principal = principal;
        if (!hasPermission(principal, permission)) {
          throw new AppError('FORBIDDEN', `Permission "${permission}" is required`, {
            details: { permission, roles: principal.roles },
          });
        }
      };
      route.onRequest = [...asArray(route.onRequest), guard];
    });
  },
  { name: 'quintessence-auth-guard', fastify: '5.x' },
);
