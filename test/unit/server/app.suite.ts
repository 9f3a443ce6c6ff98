// The server app's behaviour, run on PGlite (unit) and PostgreSQL (integration).
import { roles as allRoles, hasPermission, type Role } from '@quintessence/platform';
import { installedModules } from '@quintessence/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { probeModule } from './probe-module.js';

export function expectEnvelope(body: string, code: string, requestId?: string) {
  const parsed = JSON.parse(body) as { error: Record<string, unknown> };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'details', 'message', 'request_id', 'timestamp']);
  expect(parsed.error.code).toBe(code);
  expect(typeof parsed.error.message).toBe('string');
  expect(parsed.error.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  if (requestId) expect(parsed.error.request_id).toBe(requestId);
  else expect(String(parsed.error.request_id).length).toBeGreaterThan(0);
  return parsed.error;
}

export function serverAppSuite(kind: 'pglite' | 'postgres'): void {
  describe(`Server app (${kind})`, () => {
    let t: TestPlatform;
    const keys = new Map<string, string>();
    const keyFor = async (roles: readonly Role[]) => {
      const id = roles.join(',');
      if (!keys.has(id)) keys.set(id, await t.apiKey(roles));
      return keys.get(id)!;
    };

    beforeAll(async () => {
      t = await openTestPlatform({
        kind,
        modules: [...installedModules, probeModule],
        overrides: { server: { bodyLimitBytes: 4096 } },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('answers every non-public route with 401 without credentials and 403 for a role lacking its permission', async () => {
      const privateRoutes = t.routes.filter((r) => !r.public);
      // The platform's and the probe module's private routes are all in the inventory.
      expect(privateRoutes.map((r) => r.url)).toEqual(
        expect.arrayContaining(['/health/detailed', '/probe/echo', '/probe/items/:id', '/audit/verify']),
      );
      expect(t.routes.filter((r) => r.public).map((r) => r.url)).toEqual(
        expect.arrayContaining(['/health', '/alive', '/ready', '/openapi.json', '/auth/login']),
      );
      // Every mounted module shows up in the inventory under its prefix.
      for (const module of installedModules) {
        if (!module.http || module.http.prefix === '') continue;
        const prefix = module.http.prefix;
        expect(
          t.routes.some((r) => r.url.startsWith(prefix)),
          `${module.name} routes under ${prefix}`,
        ).toBe(true);
      }
      let checked401 = 0;
      let checked403 = 0;
      const heldByEveryRole: string[] = [];
      for (const route of privateRoutes) {
        const url = route.url.replace(/:[A-Za-z0-9_]+/g, 'x1').replace(/\*$/, 'x1');
        for (const method of route.method) {
          const anonymous = await t.app.inject({ method: method as 'GET', url });
          expect(anonymous.statusCode, `${method} ${route.url} without credentials`).toBe(401);
          if (method !== 'HEAD') expectEnvelope(anonymous.body, 'UNAUTHORIZED');
          checked401++;
          const lacking = allRoles.filter((r) => r !== 'admin' && !hasPermission({ roles: [r] }, route.permission!));
          if (lacking.length === 0) {
            // Every role holds this permission (e.g. profile:read): no principal can lack it, so there is no 403.
            heldByEveryRole.push(`${method} ${route.url}`);
            continue;
          }
          const key = await keyFor([lacking[0]!]);
          const denied = await t.app.inject({ method: method as 'GET', url, headers: { 'x-api-key': key } });
          expect(denied.statusCode, `${method} ${route.url} as ${lacking[0]}`).toBe(403);
          if (method !== 'HEAD') expectEnvelope(denied.body, 'FORBIDDEN');
          checked403++;
        }
      }
      expect(checked401).toBe(privateRoutes.reduce((n, r) => n + r.method.length, 0));
      expect(checked403 + heldByEveryRole.length).toBe(checked401);
      expect(checked403).toBeGreaterThan(heldByEveryRole.length);
      expect(checked401).toBeGreaterThan(10);
    });

    it('lets a role holding the permission through and exposes the principal to the handler', async () => {
      const key = await keyFor(['viewer']);
      const res = await t.app.inject({ method: 'GET', url: '/probe/items/42', headers: { 'x-api-key': key } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id: '42', caller: expect.stringMatching(/^test-viewer/) });
    });

    it('rejects invalid credentials with 401', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/probe/items/1', headers: { 'x-api-key': 'qx_nonsense' } });
      expect(res.statusCode).toBe(401);
      expectEnvelope(res.body, 'UNAUTHORIZED');
      const bearer = await t.app.inject({
        method: 'GET',
        url: '/probe/items/1',
        headers: { authorization: 'Bearer not.a.jwt' },
      });
      expect(bearer.statusCode).toBe(401);
    });

    it('answers validation errors with 400 VALIDATION_ERROR naming the field', async () => {
      const key = await keyFor(['operator']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/probe/echo',
        headers: { 'x-api-key': key },
        payload: { n: 'three' },
      });
      expect(res.statusCode).toBe(400);
      const error = expectEnvelope(res.body, 'VALIDATION_ERROR');
      expect(JSON.stringify(error.details)).toContain('n');
    });

    it('answers malformed JSON with a 400 envelope', async () => {
      const key = await keyFor(['operator']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/probe/echo',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        payload: '{"n": 1',
      });
      expect(res.statusCode).toBe(400);
      expectEnvelope(res.body, 'BAD_REQUEST');
    });

    it('answers unknown routes with a 404 envelope', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/no/such/route?x=1',
        headers: { 'x-request-id': 'req-404' },
      });
      expect(res.statusCode).toBe(404);
      const error = expectEnvelope(res.body, 'NOT_FOUND', 'req-404');
      expect(error.message).toContain('/no/such/route');
    });

    it('answers bodies over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
      const key = await keyFor(['operator']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/probe/echo',
        headers: { 'x-api-key': key },
        payload: { n: 1, text: 'x'.repeat(8192) },
      });
      expect(res.statusCode).toBe(413);
      expectEnvelope(res.body, 'PAYLOAD_TOO_LARGE');
    });

    it('maps module error codes to their declared status', async () => {
      const key = await keyFor(['viewer']);
      const res = await t.app.inject({ method: 'GET', url: '/probe/domain-error', headers: { 'x-api-key': key } });
      expect(res.statusCode).toBe(422);
      const error = expectEnvelope(res.body, 'PROBE_BROKEN');
      expect(error.details).toEqual({ part: 'gear' });
    });

    it('answers unexpected errors with a bare 500 that leaks nothing', async () => {
      const key = await keyFor(['viewer']);
      const res = await t.app.inject({ method: 'GET', url: '/probe/boom', headers: { 'x-api-key': key } });
      expect(res.statusCode).toBe(500);
      const error = expectEnvelope(res.body, 'INTERNAL_ERROR');
      expect(error.message).toBe('Internal server error');
      expect(res.body).not.toMatch(/hunter2|postgres|secret\.ts|stack/);
    });

    it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
      const sane = await t.app.inject({ method: 'GET', url: '/alive', headers: { 'x-request-id': 'abc-123_x.y' } });
      expect(sane.headers['x-request-id']).toBe('abc-123_x.y');
      const unsafe = await t.app.inject({
        method: 'GET',
        url: '/alive',
        headers: { 'x-request-id': 'bad id\twith spaces' },
      });
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const none = await t.app.inject({ method: 'GET', url: '/alive' });
      expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(none.headers['x-request-id']).not.toBe(unsafe.headers['x-request-id']);
    });

    it('sends security headers', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('serves /health, /alive and /ready publicly', async () => {
      for (const url of ['/health', '/alive']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.json()).toEqual({ status: 'up' });
      }
      const ready = await t.app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ ready: true, migrations: 'applied' });
    });

    it('reports each dependency with status and latency on /health/detailed', async () => {
      const key = await keyFor(['operator']);
      const res = await t.app.inject({ method: 'GET', url: '/health/detailed', headers: { 'x-api-key': key } });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { dependencies: Array<{ name: string; status: string; latency_ms: number }> };
      const names = body.dependencies.map((d) => d.name);
      expect(names).toEqual(expect.arrayContaining(['database', 'jobs', 'circuit_breakers']));
      const database = body.dependencies.find((d) => d.name === 'database') as {
        status: string;
        latency_ms: number;
        details?: unknown;
      };
      expect(database.status).toBe('up');
      expect(database.details).toMatchObject({ kind });
      expect(database.latency_ms).toBeGreaterThanOrEqual(0);
    });

    it('exposes prom-client defaults and the request-duration histogram by route, method and status', async () => {
      await t.app.inject({ method: 'GET', url: '/probe/items/7' });
      const res = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.body).toContain('process_cpu_user_seconds_total');
      expect(res.body).toContain('nodejs_eventloop_lag_seconds');
      expect(res.body).toMatch(
        /http_request_duration_seconds_bucket\{le="[^"]+",route="\/probe\/items\/:id",method="GET",status_code="401"\}/,
      );
    });

    it('serves the OpenAPI document and the docs UI publicly', async () => {
      const doc = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      expect(doc.statusCode).toBe(200);
      const spec = doc.json() as { openapi: string; paths: Record<string, unknown> };
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/health', '/probe/echo', '/auth/login']));
      const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toContain('text/html');
    });

    it('records an audit event for every state-changing request', async () => {
      const key = await keyFor(['operator']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/probe/echo',
        headers: { 'x-api-key': key, 'x-request-id': 'audit-me-1' },
        payload: { n: 5 },
      });
      expect(res.statusCode).toBe(200);
      const denied = await t.app.inject({ method: 'POST', url: '/probe/echo', payload: { n: 5 } });
      expect(denied.statusCode).toBe(401);
      const page = await t.platform.services.audit.list({ action: 'http.post' });
      const events = page.items.filter((e) => e.resource === '/probe/echo');
      const ok = events.find((e) => e.requestId === 'audit-me-1');
      expect(ok).toMatchObject({ actor: expect.stringMatching(/^test-operator/), action: 'http.post' });
      expect(ok?.details).toMatchObject({ status: 200 });
      expect(ok?.clientAddress).toBeTruthy();
      expect(events.some((e) => e.actor === 'anonymous' && (e.details as { status: number }).status === 401)).toBe(
        true,
      );
      const verify = await t.platform.services.audit.verify();
      expect(verify.ok).toBe(true);
    });
  });
}
