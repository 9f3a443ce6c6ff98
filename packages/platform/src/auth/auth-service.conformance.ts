import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditMigrations } from '../audit/audit-migrations.js';
import { type AuditTrail, createAuditTrail } from '../audit/audit-trail.js';
import { loadConfig } from '../config/config.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { authMigrations } from './auth-migrations.js';
import { type AuthService, createAuthService } from './auth-service.js';
import { clearAuthAndAuditTables } from './internal/clear-tables.js';
import type { Principal } from './roles.js';

const jwtSecret = 'test-jwt-secret-0123456789abcdefghijkl';
const password = 'correct horse battery';
const fast = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const root: Principal = { kind: 'system', id: 'test', name: 'tester', roles: ['admin'] };

function fakeClock(start = '2026-05-04T09:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** The auth service conformance suite; `auth-service.test.ts` runs it on PGlite, `.int.test.ts` on PostgreSQL. */
export function describeAuthService(kind: 'pglite' | 'postgres'): void {
  describe(`AuthService on ${kind}`, () => {
    let t: TestDatabase;
    let clock: ReturnType<typeof fakeClock>;
    let audit: AuditTrail;
    let auth: AuthService;
    const ctx = { principal: root, requestId: 'req-1', clientAddress: '192.0.2.7' };

    function service(overrides: Parameters<typeof loadConfig>[1] = {}) {
      const config = loadConfig(
        {},
        {
          overrides: {
            auth: { lockoutThreshold: 3, lockoutMinutes: 15, accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: 3600 },
            ...overrides.overrides,
          },
        },
      );
      return createAuthService({ db: t.db, config, jwtSecret, audit, clock, passwordHashing: fast });
    }
    const actions = async () => (await audit.list({}, { order: 'asc', limit: 1000 })).items.map((e) => e.action);

    beforeAll(async () => {
      t = await openTestDatabase(kind, [authMigrations, auditMigrations]);
    });
    afterAll(async () => {
      await t?.close();
    });
    beforeEach(async () => {
      await clearAuthAndAuditTables(t.db);
      clock = fakeClock();
      audit = createAuditTrail({ db: t.db, signingKey: 'test-audit-signing-key-0123456789', clock });
      auth = service();
    });

    it('creates, lists and reads users without exposing password hashes', async () => {
      const alice = await auth.createUser(
        { username: 'Alice', fullName: 'Alice Liddell', password, roles: ['planner', 'viewer'] },
        ctx,
      );
      expect(alice).toMatchObject({
        username: 'alice',
        fullName: 'Alice Liddell',
        roles: ['planner', 'viewer'],
        disabled: false,
        createdAt: '2026-05-04T09:00:00.000Z',
        createdBy: 'tester',
      });
      expect(JSON.stringify(alice)).not.toMatch(/argon2|password/i);
      expect(await auth.getUser(alice.id)).toEqual(alice);
      expect((await auth.listUsers()).map((u) => u.username)).toEqual(['alice']);
      const stored = await t.db.kysely.selectFrom('auth_users').select('password_hash').executeTakeFirstOrThrow();
      expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$/);
      await expect(auth.getUser('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const [created] = (await audit.list({ action: 'auth.user.created' })).items;
      expect(created).toMatchObject({
        actor: 'tester',
        resource: 'auth/user/alice',
        requestId: 'req-1',
        clientAddress: '192.0.2.7',
      });
    });

    it('validates new users', async () => {
      const base = { username: 'bob', fullName: 'Bob', password, roles: ['viewer'] };
      await auth.createUser(base, ctx);
      await expect(auth.createUser(base, ctx)).rejects.toMatchObject({ code: 'CONFLICT' });
      for (const bad of [
        { ...base, username: 'x' },
        { ...base, username: 'bad name' },
        { ...base, username: 'carol', password: 'short' },
        { ...base, username: 'carol', roles: [] },
        { ...base, username: 'carol', roles: ['superuser'] },
        { ...base, username: 'carol', fullName: '  ' },
      ]) {
        await expect(auth.createUser(bad, ctx)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      }
      expect(await auth.listUsers()).toHaveLength(1);
    });

    it('logs in to a JWT that authenticates as the user, and records the login', async () => {
      const user = await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const tokens = await auth.login({ username: 'OP', password }, { requestId: 'r2', clientAddress: '198.51.100.1' });
      expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 600, refreshExpiresIn: 3600 });
      expect(tokens.user.lastLoginAt).toBe('2026-05-04T09:00:00.000Z');
      const principal = await auth.authenticate({ authorization: `Bearer ${tokens.accessToken}` });
      expect(principal).toMatchObject({ kind: 'user', id: user.id, name: 'op', roles: ['operator'] });
      expect(await auth.authenticate({})).toBeNull();
      const [login] = (await audit.list({ action: 'auth.login.succeeded' })).items;
      expect(login).toMatchObject({ actor: 'op', requestId: 'r2', clientAddress: '198.51.100.1' });
    });

    it('rejects invalid, expired and foreign tokens and malformed headers', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const { accessToken } = await auth.login({ username: 'op', password });
      const unauthorized = { code: 'UNAUTHORIZED' };
      await expect(auth.authenticate({ authorization: 'Bearer not.a.jwt' })).rejects.toMatchObject(unauthorized);
      await expect(auth.authenticate({ authorization: `Basic ${btoa('op:x')}` })).rejects.toMatchObject(unauthorized);
      await expect(auth.authenticate({ authorization: 'Bearer ' })).rejects.toMatchObject(unauthorized);
      await expect(
        auth.authenticate({ authorization: `Bearer ${accessToken}`, 'x-api-key': 'qx_whatever' }),
      ).rejects.toMatchObject(unauthorized);
      const forged = await new SignJWT({ name: 'op', roles: ['admin'], sid: 'x', typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer('quintessence')
        .setAudience('quintessence')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-0123456789abcdefghijkl'));
      await expect(auth.authenticate({ authorization: `Bearer ${forged}` })).rejects.toMatchObject(unauthorized);
      clock.advance(601_000);
      await expect(auth.authenticate({ authorization: `Bearer ${accessToken}` })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Access token expired',
      });
    });

    it('rejects unknown users and wrong passwords with one message', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const unknown = auth.login({ username: 'ghost', password });
      await expect(unknown).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      const wrong = auth.login({ username: 'op', password: 'not the password' });
      await expect(wrong).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      const message = (p: Promise<unknown>) =>
        p.then(
          () => '',
          (e: Error) => e.message,
        );
      expect(await message(unknown)).toBe(await message(wrong));
      expect((await audit.list({ action: 'auth.login.failed' })).total).toBe(2);
    });

    it('locks an account after the configured number of failures, until the lockout ends', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const wrong = () => auth.login({ username: 'op', password: 'not the password' });
      await expect(wrong()).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(wrong()).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(wrong()).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      await expect(auth.login({ username: 'op', password })).rejects.toMatchObject({
        code: 'ACCOUNT_LOCKED',
        details: { lockedUntil: '2026-05-04T09:15:00.000Z' },
      });
      expect((await auth.listUsers())[0]!.lockedUntil).toBe('2026-05-04T09:15:00.000Z');
      expect(await actions()).toContain('auth.account.locked');
      clock.advance(14 * 60_000);
      await expect(auth.login({ username: 'op', password })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      clock.advance(61_000);
      await expect(auth.login({ username: 'op', password })).resolves.toMatchObject({ tokenType: 'Bearer' });
      // the counter restarts after a success
      await expect(wrong()).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(wrong()).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await auth.login({ username: 'op', password });
      await expect(wrong()).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    });

    it('counts concurrent failures atomically', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const results = await Promise.allSettled(
        Array.from({ length: 3 }, () => auth.login({ username: 'op', password: 'not the password' })),
      );
      expect(results.filter((r) => r.status === 'rejected' && r.reason.code === 'ACCOUNT_LOCKED')).toHaveLength(1);
      await expect(auth.login({ username: 'op', password })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    });

    it('rotates refresh tokens and ends the session when a used one comes back', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const first = await auth.login({ username: 'op', password });
      clock.advance(60_000);
      const second = await auth.refresh(first.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      const principal = await auth.authenticate({ authorization: `Bearer ${second.accessToken}` });
      expect(principal).toMatchObject({ name: 'op' });
      const third = await auth.refresh(second.refreshToken);
      // an attacker replays the first token: the whole family ends
      await expect(auth.refresh(first.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.refresh(third.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.authenticate({ authorization: `Bearer ${third.accessToken}` })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Session has ended',
      });
      expect(await actions()).toContain('auth.refresh.reuse_detected');
      // other sessions of the same user are unaffected
      const other = await auth.login({ username: 'op', password });
      await expect(auth.refresh(other.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('lets only one of two concurrent refreshes with the same token succeed', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const { refreshToken } = await auth.login({ username: 'op', password });
      const results = await Promise.allSettled([auth.refresh(refreshToken), auth.refresh(refreshToken)]);
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
      expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(1);
    });

    it('rejects expired and unknown refresh tokens', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const { refreshToken } = await auth.login({ username: 'op', password });
      await expect(auth.refresh('made-up-token')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      clock.advance(3601_000);
      await expect(auth.refresh(refreshToken)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Refresh token expired',
      });
    });

    it('logs out: the refresh token and the access token of the session stop working', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const tokens = await auth.login({ username: 'op', password });
      const principal = (await auth.authenticate({ authorization: `Bearer ${tokens.accessToken}` }))!;
      await auth.logout(undefined, { principal });
      await expect(auth.refresh(tokens.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.authenticate({ authorization: `Bearer ${tokens.accessToken}` })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      const again = await auth.login({ username: 'op', password });
      await expect(auth.logout('not-a-token', { principal })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await auth.logout(again.refreshToken, { principal });
      await expect(auth.refresh(again.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect((await actions()).filter((a) => a === 'auth.logout')).toHaveLength(2);
    });

    it('changes a password after checking the current one and ends the other sessions', async () => {
      await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const other = await auth.login({ username: 'op', password });
      const mine = await auth.login({ username: 'op', password });
      const principal = (await auth.authenticate({ authorization: `Bearer ${mine.accessToken}` }))!;
      const self = { principal, requestId: 'r-pw' };
      await expect(auth.changePassword('wrong current pw', 'a brand new password', self)).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
      await expect(auth.changePassword(password, 'short', self)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await auth.changePassword(password, 'a brand new password', self);
      await expect(auth.login({ username: 'op', password })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      await expect(auth.login({ username: 'op', password: 'a brand new password' })).resolves.toBeDefined();
      await expect(auth.refresh(other.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.authenticate({ authorization: `Bearer ${mine.accessToken}` })).resolves.toMatchObject({
        name: 'op',
      });
      await expect(auth.changePassword(password, 'another new password', { principal: root })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await actions()).toContain('auth.password.changed');
    });

    it('lets an administrator reset a password, lifting a lockout and ending sessions', async () => {
      const op = await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const session = await auth.login({ username: 'op', password });
      for (let i = 0; i < 3; i++) await auth.login({ username: 'op', password: 'guessing wrong' }).catch(() => {});
      await expect(auth.login({ username: 'op', password })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      const reset = await auth.resetPassword(op.id, 'the replacement pw', { ...ctx, reason: 'locked out' });
      expect(reset.lockedUntil).toBeUndefined();
      await expect(auth.refresh(session.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.login({ username: 'op', password: 'the replacement pw' })).resolves.toBeDefined();
      await expect(auth.resetPassword(op.id, 'short', ctx)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(auth.resetPassword('missing', 'the replacement pw', ctx)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('disables users: login, refresh and existing tokens stop working; the last admin stays', async () => {
      const admin = await auth.createUser({ username: 'root', fullName: 'Ro Ot', password, roles: ['admin'] }, ctx);
      const op = await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const tokens = await auth.login({ username: 'op', password });
      const disabled = await auth.disableUser(op.id, { ...ctx, reason: 'left the company' });
      expect(disabled).toMatchObject({ disabled: true, disabledAt: '2026-05-04T09:00:00.000Z' });
      await expect(auth.login({ username: 'op', password })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.refresh(tokens.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(auth.authenticate({ authorization: `Bearer ${tokens.accessToken}` })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      await expect(auth.disableUser(admin.id, ctx)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(auth.disableUser('missing', ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const [event] = (await audit.list({ action: 'auth.user.disabled' })).items;
      expect(event).toMatchObject({ reason: 'left the company', resource: 'auth/user/op' });
    });

    it('creates API keys shown once and stored as a hash; they authenticate by either header', async () => {
      const { key, apiKey } = await auth.createApiKey({ name: 'ci-pipeline', roles: ['operator'] }, ctx);
      expect(key).toMatch(/^qx_[A-Za-z0-9_-]{32}$/);
      expect(key.startsWith(apiKey.prefix)).toBe(true);
      expect(apiKey).toMatchObject({ name: 'ci-pipeline', roles: ['operator'], status: 'active', createdBy: 'tester' });
      expect(JSON.stringify(await auth.listApiKeys())).not.toContain(key);
      const stored = await t.db.kysely.selectFrom('auth_api_keys').selectAll().executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(key);
      const viaHeader = await auth.authenticate({ 'x-api-key': key });
      expect(viaHeader).toEqual({ kind: 'apikey', id: apiKey.id, name: 'ci-pipeline', roles: ['operator'] });
      expect(await auth.authenticate({ authorization: `Bearer ${key}` })).toEqual(viaHeader);
      expect((await auth.getApiKey(apiKey.id)).lastUsedAt).toBe('2026-05-04T09:00:00.000Z');
      // one character changed (always to a different one, whatever the random key ends with)
      const tampered = `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
      await expect(auth.authenticate({ 'x-api-key': tampered })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      await expect(auth.authenticate({ 'x-api-key': 'plainly-wrong' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('stops accepting an API key once it expires or is revoked', async () => {
      const expiring = await auth.createApiKey(
        { name: 'temp', roles: ['viewer'], expiresAt: new Date('2026-05-05T09:00:00.000Z') },
        ctx,
      );
      const revoked = await auth.createApiKey({ name: 'old', roles: ['viewer'] }, ctx);
      await expect(auth.authenticate({ 'x-api-key': expiring.key })).resolves.toMatchObject({ name: 'temp' });
      const after = await auth.revokeApiKey(revoked.apiKey.id, { ...ctx, reason: 'rotated' });
      expect(after).toMatchObject({ status: 'revoked', revokedAt: '2026-05-04T09:00:00.000Z' });
      await expect(auth.authenticate({ 'x-api-key': revoked.key })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'API key has been revoked',
      });
      clock.advance(24 * 3600_000);
      await expect(auth.authenticate({ 'x-api-key': expiring.key })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'API key has expired',
      });
      expect((await auth.listApiKeys()).map((k) => k.status)).toEqual(['revoked', 'expired']);
      await expect(
        auth.createApiKey({ name: 'past', roles: ['viewer'], expiresAt: new Date('2020-01-01') }, ctx),
      ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(auth.createApiKey({ name: 'x', roles: ['root'] }, ctx)).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      await expect(auth.revokeApiKey('missing', ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await actions()).toEqual(['auth.apikey.created', 'auth.apikey.created', 'auth.apikey.revoked']);
    });

    it('creates the bootstrap admin once, with a generated or configured password', async () => {
      const created = await auth.ensureBootstrapAdmin();
      expect(created).toMatchObject({ username: 'admin', generated: true });
      expect(created!.password.length).toBeGreaterThanOrEqual(20);
      await expect(auth.login({ username: 'admin', password: created!.password })).resolves.toMatchObject({
        user: { roles: ['admin'] },
      });
      expect(await auth.ensureBootstrapAdmin()).toBeNull();

      await clearAuthAndAuditTables(t.db);
      const configured = service({ overrides: { auth: { bootstrapAdminPassword: 'from-the-environment' } } });
      expect(await configured.ensureBootstrapAdmin()).toEqual({
        username: 'admin',
        password: 'from-the-environment',
        generated: false,
      });
      expect(await configured.ensureBootstrapAdmin()).toBeNull();
    });

    it('keeps the audit chain valid through all of it', async () => {
      await auth.ensureBootstrapAdmin();
      const op = await auth.createUser({ username: 'op', fullName: 'Olive P', password, roles: ['operator'] }, ctx);
      const tokens = await auth.login({ username: 'op', password });
      await auth.refresh(tokens.refreshToken);
      await auth.createApiKey({ name: 'k', roles: ['viewer'] }, ctx);
      await auth.disableUser(op.id, ctx);
      expect(await actions()).toEqual([
        'auth.user.created',
        'auth.user.created',
        'auth.login.succeeded',
        'auth.token.refreshed',
        'auth.apikey.created',
        'auth.user.disabled',
      ]);
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 6 });
    });
  });
}
