import {
  type AuthGuardOptions,
  authGuard,
  installErrorEnvelope,
  type Principal,
  type Role,
  registerErrorCodes,
  registerPermissions,
} from '@quintessence/platform';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { scentModule } from '../module.js';
import { openScentTestContext, type ScentTestContext } from './scent-test-context.js';

registerPermissions(scentModule.permissions!);
registerErrorCodes(scentModule.errorCodes!);

export interface ScentTestAppOptions {
  /** Module configuration for `tc.reset` (e.g. `{ scent: { dataRateLimit: 3 } }`). */
  readonly modules?: Record<string, Record<string, unknown>>;
  /** One API key a role, named `<role>-key`; `keys[role]` is its secret. */
  readonly roleKeys?: readonly Role[];
  /** API keys by name with their roles; `keys[name]` is the secret. */
  readonly apiKeys?: Readonly<Record<string, readonly Role[]>>;
  /** Runs after the keys are created and before the app is built (seed data here). */
  readonly seed?: (tc: ScentTestContext) => Promise<void>;
  /** Registered before the auth guard (e.g. `@fastify/rate-limit`, as the server registers it). */
  readonly before?: (app: FastifyInstance) => Promise<void>;
  /** Listen on 127.0.0.1 on a free port instead of only `ready()` (for real clients such as WebSockets). */
  readonly listen?: boolean;
}

/** A route as the auth guard saw it at start-up, with the permission it declares. */
export type DeclaredRoute = Parameters<NonNullable<AuthGuardOptions['onRoute']>>[0];

export interface ScentTestApp {
  readonly tc: ScentTestContext;
  readonly app: FastifyInstance;
  /** API key secrets by role ({@link ScentTestAppOptions.roleKeys}) and by name ({@link ScentTestAppOptions.apiKeys}). */
  readonly keys: Readonly<Record<string, string>>;
  /** Every route the auth guard saw at start-up. */
  readonly routes: readonly DeclaredRoute[];
  /** `app.inject` with the API key `keys[key]` and, when given, a JSON body. */
  call(
    key: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  /** Closes the app and the test database. */
  close(): Promise<void>;
}

/**
 * The scent HTTP routes under `/v1` as the server mounts them: a Fastify app with the zod compilers, the error
 * envelope, the platform auth guard and the scent plugin, on a fresh PGlite test context with the given API keys.
 *
 * @example
 * const t = await openScentTestApp({ roleKeys: ['viewer'] });
 * expect((await t.call('viewer', 'GET', '/v1/sensors')).statusCode).toBe(200);
 */
export async function openScentTestApp(options: ScentTestAppOptions = {}): Promise<ScentTestApp> {
  const tc = await openScentTestContext('pglite');
  let app: FastifyInstance | undefined;
  const routes: DeclaredRoute[] = [];
  const close = async () => {
    await app?.close();
    await tc.t.close();
  };
  try {
    await tc.reset(options.modules ? { modules: options.modules } : undefined);
    const system: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
    const keys: Record<string, string> = {};
    const create = async (name: string, roles: readonly Role[]) =>
      (await tc.auth.createApiKey({ name, roles: [...roles] }, { principal: system })).key;
    for (const role of options.roleKeys ?? []) keys[role] = await create(`${role}-key`, [role]);
    for (const [name, roles] of Object.entries(options.apiKeys ?? {})) keys[name] = await create(name, roles);
    await options.seed?.(tc);
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorEnvelope(app, tc.clock);
    await options.before?.(app);
    await app.register(authGuard, { authenticator: tc.auth, onRoute: (r) => routes.push(r) });
    await app.register(scentModule.http!.plugin, { prefix: scentModule.http!.prefix, ctx: tc.ctx });
    if (options.listen) await app.listen({ host: '127.0.0.1', port: 0 });
    else await app.ready();
    const ready = app;
    const call: ScentTestApp['call'] = (key, method, url, payload) =>
      ready.inject({
        method,
        url,
        headers: { 'x-api-key': keys[key]! },
        ...(payload === undefined ? {} : { payload }),
      });
    return { tc, app, keys, routes, call, close };
  } catch (error) {
    await close();
    throw error;
  }
}
