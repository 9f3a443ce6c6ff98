import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditMigrations } from '../audit/audit-migrations.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { authMigrations } from './auth-migrations.js';
import { clearAuthAndAuditTables } from './internal/clear-tables.js';
import { buildRouteTestApp, type RouteTestApp } from './internal/route-test-app.js';
import type { Principal } from './roles.js';

const password = 'correct horse battery';
const root: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };
const now = { now: () => new Date('2026-06-01T10:00:00.000Z') };

describe('authRoutes', () => {
  let t: TestDatabase;
  let s: RouteTestApp;
  let adminToken: string;
  let viewerToken: string;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const login = (username: string, pw = password, ip = '203.0.113.5') =>
    s.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: pw }, remoteAddress: ip });

  beforeAll(async () => {
    t = await openTestDatabase('pglite', [authMigrations, auditMigrations]);
  });
  afterAll(async () => {
    await s?.app.close();
    await t?.close();
  });
  beforeEach(async () => {
    await clearAuthAndAuditTables(t.db);
    await s?.app.close();
    s = await buildRouteTestApp(t.db, now, 5);
    await s.auth.createUser({ username: 'boss', fullName: 'Bo Ss', password, roles: ['admin'] }, { principal: root });
    await s.auth.createUser({ username: 'vi', fullName: 'Vi Ewer', password, roles: ['viewer'] }, { principal: root });
    adminToken = (await login('boss')).json().accessToken;
    viewerToken = (await login('vi')).json().accessToken;
  });

  it('declares an access rule on every route: 401 without credentials, 403 without the permission', async () => {
    expect(s.routes.length).toBeGreaterThanOrEqual(15);
    for (const route of s.routes) {
      const method = route.method.find((m) => m !== 'HEAD') as 'GET' | 'POST';
      const url = route.url.replace(':id', 'some-id');
      if (route.public) {
        expect(['/auth/login', '/auth/refresh']).toContain(route.url);
        continue;
      }
      const anonymous = await s.app.inject({ method, url });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHORIZED');
      if (route.permission !== 'profile:read' && route.permission !== 'esign:read') {
        const viewer = await s.app.inject({ method, url, headers: bearer(viewerToken) });
        expect(viewer.statusCode, `${method} ${url} as viewer`).toBe(403);
      }
    }
  });

  it('logs in, answers /auth/me and refreshes with rotation', async () => {
    const res = await login('boss');
    expect(res.statusCode).toBe(200);
    const tokens = res.json();
    expect(tokens).toMatchObject({ tokenType: 'Bearer', user: { username: 'boss', roles: ['admin'] } });
    const me = await s.app.inject({ method: 'GET', url: '/auth/me', headers: bearer(tokens.accessToken) });
    expect(me.json()).toMatchObject({ principal: { kind: 'user', name: 'boss' }, user: { fullName: 'Bo Ss' } });
    expect(me.json().permissions).toContain('platform:users:manage');
    const refreshed = await s.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    const reuse = await s.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('UNAUTHORIZED');
    const bad = await s.app.inject({ method: 'POST', url: '/auth/refresh', payload: {} });
    expect(bad.statusCode).toBe(400);
  });

  it('answers wrong passwords with 401 and locks the account with 423', async () => {
    const wrong = await login('vi', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Invalid username or password' });
    await login('vi', 'not the password');
    const locked = await login('vi', 'not the password');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    const [event] = (await s.audit.list({ action: 'auth.login.failed' }, { limit: 1 })).items;
    expect(event).toMatchObject({ actor: 'vi', clientAddress: '203.0.113.5' });
  });

  it('rate-limits login per client address', async () => {
    // beforeEach used 2 of the 5 logins of 203.0.113.5
    for (let i = 0; i < 3; i++) expect((await login('boss')).statusCode).toBe(200);
    const limited = await login('boss');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await login('boss', password, '203.0.113.99')).statusCode).toBe(200);
  });

  it('manages users, recording the request id and client address', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/users',
      headers: { ...bearer(adminToken), 'x-request-id': 'req-create-1' },
      payload: { username: 'planner1', fullName: 'Pat Lanner', password, roles: ['planner'] },
      remoteAddress: '198.51.100.20',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'planner1', roles: ['planner'], disabled: false });
    const [event] = (await s.audit.list({ action: 'auth.user.created', actor: 'boss' })).items;
    expect(event).toMatchObject({ requestId: 'req-create-1', clientAddress: '198.51.100.20' });

    const dup = await s.app.inject({
      method: 'POST',
      url: '/users',
      headers: bearer(adminToken),
      payload: { username: 'planner1', fullName: 'Pat', password, roles: ['planner'] },
    });
    expect(dup.statusCode).toBe(409);
    const invalid = await s.app.inject({
      method: 'POST',
      url: '/users',
      headers: bearer(adminToken),
      payload: { username: 'x2', fullName: 'X', password: 'short', roles: ['wizard'] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('VALIDATION_ERROR');

    const list = await s.app.inject({ method: 'GET', url: '/users', headers: bearer(adminToken) });
    expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(['boss', 'planner1', 'vi']);
    const disabled = await s.app.inject({
      method: 'POST',
      url: `/users/${created.json().id}/disable`,
      headers: bearer(adminToken),
      payload: { reason: 'contract ended' },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await login('planner1', password, '192.0.2.1')).statusCode).toBe(401);
    const missing = await s.app.inject({ method: 'POST', url: '/users/nope/disable', headers: bearer(adminToken) });
    expect(missing.statusCode).toBe(404);
  });

  it('creates, uses and revokes API keys', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/apikeys',
      headers: bearer(adminToken),
      payload: { name: 'scanner', roles: ['operator'], expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(apiKey).toMatchObject({ name: 'scanner', status: 'active', expiresAt: '2026-07-01T10:00:00.000Z' });
    const me = await s.app.inject({ method: 'GET', url: '/auth/me', headers: { 'x-api-key': key } });
    expect(me.json()).toMatchObject({ principal: { kind: 'apikey', name: 'scanner' }, apiKey: { id: apiKey.id } });
    const list = await s.app.inject({ method: 'GET', url: '/apikeys', headers: bearer(adminToken) });
    expect(list.body).not.toContain(key);
    const revoked = await s.app.inject({
      method: 'POST',
      url: `/apikeys/${apiKey.id}/revoke`,
      headers: bearer(adminToken),
    });
    expect(revoked.json().status).toBe('revoked');
    const after = await s.app.inject({ method: 'GET', url: '/auth/me', headers: { 'x-api-key': key } });
    expect(after.statusCode).toBe(401);
    const both = await s.app.inject({
      method: 'POST',
      url: '/apikeys',
      headers: bearer(adminToken),
      payload: { name: 'x', roles: ['viewer'], expiresInDays: 1, expiresAt: '2027-01-01T00:00:00Z' },
    });
    expect(both.statusCode).toBe(400);
  });

  it('logs out and shows the permission table', async () => {
    const perms = await s.app.inject({ method: 'GET', url: '/auth/permissions', headers: bearer(viewerToken) });
    expect(perms.json().permissions['esign:sign']).toEqual(['admin', 'qa_approver', 'approver']);
    const out = await s.app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(viewerToken) });
    expect(out.json()).toEqual({ loggedOut: true });
    const after = await s.app.inject({ method: 'GET', url: '/auth/me', headers: bearer(viewerToken) });
    expect(after.statusCode).toBe(401);
  });
});
