import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { sql } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { type AuditRecorder, type Clock, type RequestContext, systemClock } from '../ports.js';
import type { AuthTables } from './auth-migrations.js';
import type { Authenticator, CredentialHeaders } from './authenticator.js';
import { PasswordHasher, type PasswordHashingOptions } from './password-hasher.js';
import { hasPermission, isRole, type Principal, permissionTable, type Role } from './roles.js';

/** A user as the API shows it (never the password hash). Times are UTC ISO-8601. */
export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly roles: Role[];
  readonly disabled: boolean;
  readonly disabledAt?: string;
  readonly lockedUntil?: string;
  readonly lastLoginAt?: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** An API key as the API shows it: the secret itself is shown once, at creation, and stored only as a hash. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  /** The first characters of the key, to recognise it. */
  readonly prefix: string;
  readonly roles: Role[];
  readonly status: 'active' | 'expired' | 'revoked';
  readonly expiresAt?: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** What login and refresh return. */
export interface TokenPair {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
  /** Single-use: each refresh returns a new one; presenting a used one ends the session. */
  readonly refreshToken: string;
  readonly refreshExpiresIn: number;
  readonly user: UserRecord;
}

/** A user principal authenticated by JWT also names its session (the refresh-token family). */
export interface SessionPrincipal extends Principal {
  readonly sessionId?: string;
}

/** Who asks for a state change, for the audit trail. */
export interface ActionContext extends RequestContext {
  readonly reason?: string;
}

/** Request metadata of an unauthenticated call (login, refresh). */
export interface AnonymousContext {
  readonly requestId?: string;
  readonly clientAddress?: string;
}

export interface CreateUserInput {
  readonly username: string;
  readonly fullName: string;
  readonly password: string;
  readonly roles: readonly string[];
}

export interface CreateApiKeyInput {
  readonly name: string;
  readonly roles: readonly string[];
  /** Absent (and no `expiresInDays`): the key does not expire. */
  readonly expiresAt?: Date;
  /** Expiry relative to now, in days (instead of `expiresAt`). */
  readonly expiresInDays?: number;
}

export interface BootstrapAdmin {
  readonly username: string;
  readonly password: string;
  /** True when the password was generated (print it once); false when it came from the configuration. */
  readonly generated: boolean;
}

/** Users, API keys, sessions: the platform's {@link Authenticator} and account management. */
export interface AuthService extends Authenticator {
  readonly config: AuthServiceOptions['config'];
  authenticate(headers: CredentialHeaders): Promise<SessionPrincipal | null>;
  createUser(input: CreateUserInput, ctx: ActionContext): Promise<UserRecord>;
  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord>;
  disableUser(id: string, ctx: ActionContext): Promise<UserRecord>;
  createApiKey(input: CreateApiKeyInput, ctx: ActionContext): Promise<{ key: string; apiKey: ApiKeyRecord }>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  getApiKey(id: string): Promise<ApiKeyRecord>;
  revokeApiKey(id: string, ctx: ActionContext): Promise<ApiKeyRecord>;
  login(input: { username: string; password: string }, ctx?: AnonymousContext): Promise<TokenPair>;
  refresh(refreshToken: string, ctx?: AnonymousContext): Promise<TokenPair>;
  /** Ends a session: the one of `refreshToken` if given, else the caller's JWT session. */
  logout(refreshToken: string | undefined, ctx: ActionContext): Promise<void>;
  /**
   * Re-authentication for electronic signatures: checks the password with the same lockout rules as login and
   * returns the user and its principal. Throws `INVALID_CREDENTIALS`, `ACCOUNT_LOCKED` or `UNAUTHORIZED` (disabled).
   */
  reauthenticate(
    username: string,
    password: string,
    ctx?: AnonymousContext,
  ): Promise<{ user: UserRecord; principal: Principal }>;
  /** Creates `admin` when no enabled admin exists; returns its password once, or null when nothing was done. */
  ensureBootstrapAdmin(): Promise<BootstrapAdmin | null>;
  /**
   * Changes the caller's own password after checking the current one (lockout rules apply). Other sessions of the
   * user end; the calling session stays.
   */
  changePassword(currentPassword: string, newPassword: string, ctx: ActionContext): Promise<void>;
  /** An administrator sets a new password: the lockout is lifted and every session of the user ends. */
  resetPassword(id: string, newPassword: string, ctx: ActionContext): Promise<UserRecord>;
  /** The caller: principal, its permissions, and its user or API-key record. */
  me(principal: Principal): Promise<CallerProfile>;
}

/** What `GET /auth/me` shows. */
export interface CallerProfile {
  readonly principal: { kind: Principal['kind']; id: string; name: string; roles: Role[] };
  readonly permissions: string[];
  readonly user?: UserRecord;
  readonly apiKey?: ApiKeyRecord;
}

export interface AuthServiceOptions {
  readonly db: Database;
  readonly config: Pick<Config, 'auth'> & Partial<Pick<Config, 'rateLimit'>>;
  /** HS256 key of the access tokens (at least 32 characters). */
  readonly jwtSecret: string;
  readonly audit: AuditRecorder;
  readonly clock?: Clock;
  /** argon2id costs; the defaults are the production ones, tests pass a cheap set. */
  readonly passwordHashing?: PasswordHashingOptions;
}

type UserRow = AuthTables['auth_users'];
type KeyRow = AuthTables['auth_api_keys'];

const issuer = 'quintessence';
const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const apiKeyPrefix = 'qx_';
const minPasswordLength = 12;
const maxSecretLength = 1024;
/** `last_used_at` is written at most this often per key. */
const lastUsedResolutionMs = 60_000;

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : undefined);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function rolesOf(value: unknown): Role[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
}

function validRoles(roles: readonly string[]): Role[] {
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new AppError('VALIDATION_ERROR', 'roles: give at least one role');
  }
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_ERROR',
      `roles: unknown role ${unknown.map((r) => `"${r}"`).join(', ')} (known: admin, operator, qa_approver, planner, approver, analyst, viewer)`,
    );
  }
  return [...new Set(roles as Role[])];
}

function toUser(row: UserRow, now: Date): UserRecord {
  const locked = row.locked_until && new Date(row.locked_until) > now ? iso(row.locked_until) : undefined;
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    roles: rolesOf(row.roles),
    disabled: row.disabled_at !== null,
    ...(row.disabled_at ? { disabledAt: iso(row.disabled_at) } : {}),
    ...(locked ? { lockedUntil: locked } : {}),
    ...(row.last_login_at ? { lastLoginAt: iso(row.last_login_at) } : {}),
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
  };
}

function toApiKey(row: KeyRow, now: Date): ApiKeyRecord {
  const status = row.revoked_at ? 'revoked' : row.expires_at && new Date(row.expires_at) <= now ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roles: rolesOf(row.roles),
    status,
    ...(row.expires_at ? { expiresAt: iso(row.expires_at) } : {}),
    ...(row.last_used_at ? { lastUsedAt: iso(row.last_used_at) } : {}),
    ...(row.revoked_at ? { revokedAt: iso(row.revoked_at) } : {}),
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
  };
}

function unauthorized(message: string): AppError {
  return new AppError('UNAUTHORIZED', message);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

function requireText(name: string, value: unknown, max = 200): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new AppError('VALIDATION_ERROR', `${name} must be a non-empty string`);
  }
  if (value.length > max) throw new AppError('VALIDATION_ERROR', `${name} must be at most ${max} characters`);
  return value.trim();
}

function validatePassword(password: unknown): void {
  if (typeof password !== 'string' || password.length < minPasswordLength) {
    throw new AppError('VALIDATION_ERROR', `password must be at least ${minPasswordLength} characters`);
  }
  if (password.length > maxSecretLength) {
    throw new AppError('VALIDATION_ERROR', `password must be at most ${maxSecretLength} characters`);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The authentication service: users with argon2id password hashes, API keys stored as SHA-256 hashes, login to a
 * short-lived HS256 JWT plus a rotating single-use refresh token (a reused refresh token ends the whole session),
 * account lockout after `auth.lockoutThreshold` failures for `auth.lockoutMinutes`. Every state change is recorded
 * in the audit trail. Fail-closed: any credential that is present but not valid is `UNAUTHORIZED`.
 *
 * @example
 * const auth = createAuthService({ db, config, jwtSecret: secrets.jwtSecret, audit });
 * const tokens = await auth.login({ username: 'admin', password });
 * const principal = await auth.authenticate({ authorization: `Bearer ${tokens.accessToken}` });
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { db, config, audit } = options;
  if (typeof options.jwtSecret !== 'string' || options.jwtSecret.length < 32) {
    throw new AppError('CONFIG_INVALID', 'JWT secret must be at least 32 characters');
  }
  const clock = options.clock ?? systemClock;
  const hasher = new PasswordHasher(options.passwordHashing);
  const jwtKey = new TextEncoder().encode(options.jwtSecret);
  const k = db.as<AuthTables>();
  const settings = config.auth;

  const actorOf = (ctx: ActionContext) => ctx.principal.name;
  const meta = (ctx?: AnonymousContext) => ({
    ...(ctx?.requestId ? { requestId: ctx.requestId } : {}),
    ...(ctx?.clientAddress ? { clientAddress: ctx.clientAddress } : {}),
  });
  const metaOf = (ctx: ActionContext) => ({ ...meta(ctx), ...(ctx.reason ? { reason: ctx.reason } : {}) });
  /** Revokes every open refresh token of a user (all sessions), except the session `keep` when given. */
  const endSessions = async (userId: string, now: Date, keep?: string) => {
    let query = k
      .updateTable('auth_refresh_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keep) query = query.where('family_id', '!=', keep);
    await query.execute();
  };

  async function userRow(id: string): Promise<UserRow> {
    const row = await k.selectFrom('auth_users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `user ${id} not found`);
    return row;
  }

  async function keyRow(id: string): Promise<KeyRow> {
    const row = await k.selectFrom('auth_api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `API key ${id} not found`);
    return row;
  }

  async function insertUser(input: CreateUserInput, createdBy: string): Promise<UserRecord> {
    const username = requireText('username', input.username, 64).toLowerCase();
    if (!usernamePattern.test(username)) {
      throw new AppError(
        'VALIDATION_ERROR',
        'username must be 2-64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
      );
    }
    const fullName = requireText('fullName', input.fullName);
    validatePassword(input.password);
    const roles = validRoles(input.roles);
    const now = clock.now();
    const row: UserRow = {
      id: randomUUID(),
      username,
      full_name: fullName,
      password_hash: await hasher.hash(input.password),
      roles: JSON.stringify(roles),
      failed_attempts: 0,
      locked_until: null,
      disabled_at: null,
      last_login_at: null,
      created_at: now,
      created_by: createdBy,
    };
    try {
      await k.insertInto('auth_users').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', `user "${username}" already exists`);
      throw error;
    }
    return toUser({ ...row, roles }, now);
  }

  async function revokeFamily(familyId: string, now: Date): Promise<void> {
    await k
      .updateTable('auth_refresh_tokens')
      .set({ revoked_at: now })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async function issueTokens(user: UserRow, familyId: string, now: Date): Promise<TokenPair> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const roles = rolesOf(user.roles);
    const accessToken = await new SignJWT({ name: user.username, roles, sid: familyId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(issuer)
      .setAudience(issuer)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + settings.accessTokenTtlSeconds)
      .setJti(randomUUID())
      .sign(jwtKey);
    const refreshToken = randomBytes(32).toString('base64url');
    await k
      .insertInto('auth_refresh_tokens')
      .values({
        id: randomUUID(),
        family_id: familyId,
        user_id: user.id,
        token_hash: sha256(refreshToken),
        created_at: now,
        expires_at: new Date(now.getTime() + settings.refreshTokenTtlSeconds * 1000),
        used_at: null,
        revoked_at: null,
      })
      .execute();
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: settings.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: settings.refreshTokenTtlSeconds,
      user: toUser(user, now),
    };
  }

  /** Password check with lockout, shared by login and re-authentication. */
  async function checkPassword(
    usernameInput: string,
    password: string,
    purpose: 'auth.login' | 'esign.reauth' | 'auth.password',
    ctx?: AnonymousContext,
  ): Promise<UserRow> {
    if (typeof usernameInput !== 'string' || typeof password !== 'string' || usernameInput.length === 0) {
      throw new AppError('VALIDATION_ERROR', 'username and password are required');
    }
    if (usernameInput.length > 64 || password.length > maxSecretLength) {
      throw new AppError('INVALID_CREDENTIALS', 'Invalid username or password');
    }
    const username = usernameInput.toLowerCase();
    const resource = `auth/user/${username}`;
    const now = clock.now();
    const row = await k.selectFrom('auth_users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!row) {
      await hasher.burn(password);
      await audit.record({
        actor: username,
        action: `${purpose}.failed`,
        resource,
        details: { cause: 'unknown_user' },
        ...meta(ctx),
      });
      throw new AppError('INVALID_CREDENTIALS', 'Invalid username or password');
    }
    if (row.locked_until && new Date(row.locked_until) > now) {
      await audit.record({
        actor: username,
        action: `${purpose}.rejected`,
        resource,
        details: { cause: 'locked', lockedUntil: iso(row.locked_until) },
        ...meta(ctx),
      });
      throw new AppError('ACCOUNT_LOCKED', `Account is locked until ${iso(row.locked_until)}`, {
        details: { lockedUntil: iso(row.locked_until) },
      });
    }
    if (!(await hasher.verify(row.password_hash, password))) {
      const threshold = settings.lockoutThreshold;
      const until = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
      const updated = await k
        .updateTable('auth_users')
        .set({
          failed_attempts: sql<number>`case when failed_attempts + 1 >= ${threshold} then 0 else failed_attempts + 1 end`,
          locked_until: sql<Date>`case when failed_attempts + 1 >= ${threshold} then ${until} else locked_until end`,
        })
        .where('id', '=', row.id)
        .returning(['locked_until', 'failed_attempts'])
        .executeTakeFirstOrThrow();
      const locked = updated.locked_until !== null && new Date(updated.locked_until).getTime() === until.getTime();
      await audit.record({
        actor: username,
        action: `${purpose}.failed`,
        resource,
        details: { cause: 'wrong_password', failedAttempts: locked ? threshold : updated.failed_attempts },
        ...meta(ctx),
      });
      if (locked) {
        await audit.record({
          actor: 'system',
          action: 'auth.account.locked',
          resource,
          details: { lockedUntil: until.toISOString(), failedAttempts: threshold },
          ...meta(ctx),
        });
        throw new AppError(
          'ACCOUNT_LOCKED',
          `Too many failed attempts: account is locked until ${until.toISOString()}`,
          {
            details: { lockedUntil: until.toISOString() },
          },
        );
      }
      throw new AppError('INVALID_CREDENTIALS', 'Invalid username or password');
    }
    if (row.disabled_at) {
      await audit.record({
        actor: username,
        action: `${purpose}.rejected`,
        resource,
        details: { cause: 'disabled' },
        ...meta(ctx),
      });
      throw unauthorized('Account is disabled');
    }
    if (row.failed_attempts !== 0 || row.locked_until !== null) {
      await k
        .updateTable('auth_users')
        .set({ failed_attempts: 0, locked_until: null })
        .where('id', '=', row.id)
        .execute();
    }
    return { ...row, failed_attempts: 0, locked_until: null };
  }

  async function authenticateJwt(token: string): Promise<SessionPrincipal> {
    let sub: string | undefined;
    let sid: unknown;
    try {
      const { payload } = await jwtVerify(token, jwtKey, {
        algorithms: ['HS256'],
        issuer,
        audience: issuer,
        currentDate: clock.now(),
      });
      if (payload.typ !== 'access') throw unauthorized('Not an access token');
      sub = payload.sub;
      sid = payload.sid;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('Access token expired');
      throw unauthorized('Invalid access token');
    }
    if (!sub || typeof sid !== 'string') throw unauthorized('Invalid access token');
    const row = await k
      .selectFrom('auth_users')
      .selectAll()
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('auth_refresh_tokens')
              .select('id')
              .where('family_id', '=', sid)
              .where('revoked_at', 'is not', null),
          )
          .as('session_revoked'),
      )
      .where('id', '=', sub)
      .executeTakeFirst();
    if (!row) throw unauthorized('Unknown user');
    if (row.disabled_at) throw unauthorized('Account is disabled');
    if (row.session_revoked) throw unauthorized('Session has ended');
    return { kind: 'user', id: row.id, name: row.username, roles: rolesOf(row.roles), sessionId: sid };
  }

  async function authenticateApiKey(key: string): Promise<Principal> {
    if (!key.startsWith(apiKeyPrefix) || key.length > 200) throw unauthorized('Invalid API key');
    const hash = sha256(key);
    const row = await k.selectFrom('auth_api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
    if (!row || !safeEqual(row.key_hash, hash)) throw unauthorized('Invalid API key');
    const now = clock.now();
    if (row.revoked_at) throw unauthorized('API key has been revoked');
    if (row.expires_at && new Date(row.expires_at) <= now) throw unauthorized('API key has expired');
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= lastUsedResolutionMs) {
      await k.updateTable('auth_api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { kind: 'apikey', id: row.id, name: row.name, roles: rolesOf(row.roles) };
  }

  return {
    config,

    async authenticate(headers) {
      const apiKey = headers['x-api-key']?.trim();
      const authorization = headers.authorization?.trim();
      if (!apiKey && !authorization) return null;
      if (apiKey && authorization) throw unauthorized('Send either X-API-Key or Authorization, not both');
      if (apiKey) return authenticateApiKey(apiKey);
      const match = /^Bearer\s+(\S+)$/i.exec(authorization!);
      if (!match) throw unauthorized('Authorization must be "Bearer <token>"');
      const token = match[1]!;
      return token.startsWith(apiKeyPrefix) ? authenticateApiKey(token) : authenticateJwt(token);
    },

    async createUser(input, ctx) {
      const user = await insertUser(input, actorOf(ctx));
      await audit.record({
        actor: actorOf(ctx),
        action: 'auth.user.created',
        resource: `auth/user/${user.username}`,
        details: { userId: user.id, fullName: user.fullName, roles: user.roles },
        ...metaOf(ctx),
      });
      return user;
    },

    async listUsers() {
      const now = clock.now();
      const rows = await k.selectFrom('auth_users').selectAll().orderBy('username').execute();
      return rows.map((r) => toUser(r, now));
    },

    async getUser(id) {
      return toUser(await userRow(id), clock.now());
    },

    async disableUser(id, ctx) {
      const row = await userRow(id);
      const now = clock.now();
      if (row.disabled_at) return toUser(row, now);
      if (rolesOf(row.roles).includes('admin')) {
        const others = await k
          .selectFrom('auth_users')
          .select('id')
          .where('id', '!=', id)
          .where('disabled_at', 'is', null)
          .where(sql<boolean>`roles @> '["admin"]'::jsonb`)
          .limit(1)
          .execute();
        if (others.length === 0) throw new AppError('CONFLICT', 'Cannot disable the last enabled admin');
      }
      const updated = await k
        .updateTable('auth_users')
        .set({ disabled_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await endSessions(id, now);
      await audit.record({
        actor: actorOf(ctx),
        action: 'auth.user.disabled',
        resource: `auth/user/${row.username}`,
        details: { userId: id },
        ...metaOf(ctx),
      });
      return toUser(updated, now);
    },

    async createApiKey(input, ctx) {
      const name = requireText('name', input.name, 100);
      const roles = validRoles(input.roles);
      const now = clock.now();
      let expiresAt = input.expiresAt;
      if (input.expiresInDays !== undefined) {
        if (expiresAt !== undefined)
          throw new AppError('VALIDATION_ERROR', 'give expiresAt or expiresInDays, not both');
        if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1) {
          throw new AppError('VALIDATION_ERROR', 'expiresInDays must be a positive whole number');
        }
        expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
      }
      if (expiresAt !== undefined) {
        if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
          throw new AppError('VALIDATION_ERROR', 'expiresAt must be a valid date');
        }
        if (expiresAt <= now) throw new AppError('VALIDATION_ERROR', 'expiresAt must be in the future');
      }
      const key = `${apiKeyPrefix}${randomBytes(24).toString('base64url')}`;
      const row: KeyRow = {
        id: randomUUID(),
        name,
        prefix: key.slice(0, 10),
        key_hash: sha256(key),
        roles: JSON.stringify(roles),
        expires_at: expiresAt ?? null,
        last_used_at: null,
        revoked_at: null,
        created_at: now,
        created_by: actorOf(ctx),
      };
      await k.insertInto('auth_api_keys').values(row).execute();
      const apiKey = toApiKey({ ...row, roles }, now);
      await audit.record({
        actor: actorOf(ctx),
        action: 'auth.apikey.created',
        resource: `auth/apikey/${row.id}`,
        details: { name, prefix: row.prefix, roles, ...(apiKey.expiresAt ? { expiresAt: apiKey.expiresAt } : {}) },
        ...metaOf(ctx),
      });
      return { key, apiKey };
    },

    async listApiKeys() {
      const now = clock.now();
      const rows = await k
        .selectFrom('auth_api_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map((r) => toApiKey(r, now));
    },

    async getApiKey(id) {
      return toApiKey(await keyRow(id), clock.now());
    },

    async revokeApiKey(id, ctx) {
      const row = await keyRow(id);
      const now = clock.now();
      if (row.revoked_at) return toApiKey(row, now);
      const updated = await k
        .updateTable('auth_api_keys')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record({
        actor: actorOf(ctx),
        action: 'auth.apikey.revoked',
        resource: `auth/apikey/${id}`,
        details: { name: row.name, prefix: row.prefix },
        ...metaOf(ctx),
      });
      return toApiKey(updated, now);
    },

    async login(input, ctx) {
      const row = await checkPassword(input?.username, input?.password, 'auth.login', ctx);
      const now = clock.now();
      await k.updateTable('auth_users').set({ last_login_at: now }).where('id', '=', row.id).execute();
      const familyId = randomUUID();
      const tokens = await issueTokens({ ...row, last_login_at: now }, familyId, now);
      await audit.record({
        actor: row.username,
        action: 'auth.login.succeeded',
        resource: `auth/user/${row.username}`,
        details: { sessionId: familyId },
        ...meta(ctx),
      });
      return tokens;
    },

    async refresh(refreshToken, ctx) {
      if (typeof refreshToken !== 'string' || refreshToken.length === 0 || refreshToken.length > 200) {
        throw unauthorized('Invalid refresh token');
      }
      const now = clock.now();
      const token = await k
        .selectFrom('auth_refresh_tokens')
        .selectAll()
        .where('token_hash', '=', sha256(refreshToken))
        .executeTakeFirst();
      if (!token) throw unauthorized('Invalid refresh token');
      if (token.revoked_at) throw unauthorized('Session has ended');
      const user = await userRow(token.user_id);
      const reuse = async () => {
        await revokeFamily(token.family_id, now);
        await audit.record({
          actor: 'system',
          action: 'auth.refresh.reuse_detected',
          resource: `auth/user/${user.username}`,
          details: { sessionId: token.family_id },
          reason: 'a refresh token was presented after it had been used; the session is ended',
          ...meta(ctx),
        });
        return unauthorized('Refresh token already used: the session has been ended');
      };
      if (token.used_at) throw await reuse();
      if (new Date(token.expires_at) <= now) throw unauthorized('Refresh token expired');
      if (user.disabled_at) throw unauthorized('Account is disabled');
      const claimed = await k
        .updateTable('auth_refresh_tokens')
        .set({ used_at: now })
        .where('id', '=', token.id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) throw await reuse();
      const tokens = await issueTokens(user, token.family_id, now);
      await audit.record({
        actor: user.username,
        action: 'auth.token.refreshed',
        resource: `auth/user/${user.username}`,
        details: { sessionId: token.family_id },
        ...meta(ctx),
      });
      return tokens;
    },

    async logout(refreshToken, ctx) {
      const principal = ctx.principal as SessionPrincipal;
      let familyId = principal.sessionId;
      if (refreshToken !== undefined) {
        const token = await k
          .selectFrom('auth_refresh_tokens')
          .select(['family_id', 'user_id'])
          .where('token_hash', '=', sha256(refreshToken))
          .executeTakeFirst();
        if (!token || token.user_id !== principal.id) throw new AppError('NOT_FOUND', 'No such session');
        familyId = token.family_id;
      }
      if (!familyId) throw new AppError('BAD_REQUEST', 'Give the refresh token of the session to end');
      await revokeFamily(familyId, clock.now());
      await audit.record({
        actor: actorOf(ctx),
        action: 'auth.logout',
        resource: `auth/user/${principal.name}`,
        details: { sessionId: familyId },
        ...metaOf(ctx),
      });
    },

    async reauthenticate(username, password, ctx) {
      const row = await checkPassword(username, password, 'esign.reauth', ctx);
      const user = toUser(row, clock.now());
      return { user, principal: { kind: 'user', id: user.id, name: user.username, roles: user.roles } };
    },

    async changePassword(currentPassword, newPassword, ctx) {
      const principal = ctx.principal as SessionPrincipal;
      if (principal.kind !== 'user') throw new AppError('FORBIDDEN', 'Only users have passwords');
      validatePassword(newPassword);
      if (newPassword === currentPassword) {
        throw new AppError('VALIDATION_ERROR', 'the new password must differ from the current one');
      }
      const row = await checkPassword(principal.name, currentPassword, 'auth.password', ctx);
      if (row.id !== principal.id) throw unauthorized('Session does not match the user');
      const now = clock.now();
      await k
        .updateTable('auth_users')
        .set({ password_hash: await hasher.hash(newPassword) })
        .where('id', '=', row.id)
        .execute();
      await endSessions(row.id, now, principal.sessionId);
      await audit.record({
        actor: row.username,
        action: 'auth.password.changed',
        resource: `auth/user/${row.username}`,
        details: { userId: row.id, otherSessionsEnded: true },
        ...metaOf(ctx),
      });
    },

    async resetPassword(id, newPassword, ctx) {
      validatePassword(newPassword);
      const row = await userRow(id);
      const now = clock.now();
      const updated = await k
        .updateTable('auth_users')
        .set({ password_hash: await hasher.hash(newPassword), failed_attempts: 0, locked_until: null })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await endSessions(id, now);
      await audit.record({
        actor: actorOf(ctx),
        action: 'auth.user.password_reset',
        resource: `auth/user/${row.username}`,
        details: { userId: id, sessionsEnded: true },
        ...metaOf(ctx),
      });
      return toUser(updated, now);
    },

    async me(principal) {
      const permissions = Object.keys(permissionTable())
        .filter((p) => hasPermission(principal, p))
        .sort();
      const base = {
        principal: { kind: principal.kind, id: principal.id, name: principal.name, roles: [...principal.roles] },
        permissions,
      };
      if (principal.kind === 'user') return { ...base, user: toUser(await userRow(principal.id), clock.now()) };
      if (principal.kind === 'apikey') return { ...base, apiKey: toApiKey(await keyRow(principal.id), clock.now()) };
      return base;
    },

    async ensureBootstrapAdmin() {
      const admins = await k
        .selectFrom('auth_users')
        .select('id')
        .where('disabled_at', 'is', null)
        .where(sql<boolean>`roles @> '["admin"]'::jsonb`)
        .limit(1)
        .execute();
      if (admins.length > 0) return null;
      const configured = settings.bootstrapAdminPassword;
      const password = configured ?? randomBytes(18).toString('base64url');
      let user: UserRecord;
      try {
        user = await insertUser({ username: 'admin', fullName: 'Administrator', password, roles: ['admin'] }, 'system');
      } catch (error) {
        // Another replica created it first, or a non-admin user is called "admin": nothing to print.
        if (error instanceof AppError && error.code === 'CONFLICT') return null;
        throw error;
      }
      await audit.record({
        actor: 'system',
        action: 'auth.user.created',
        resource: 'auth/user/admin',
        details: { userId: user.id, fullName: user.fullName, roles: user.roles, bootstrap: true },
        reason: 'first start: no enabled admin existed',
      });
      return { username: 'admin', password, generated: configured === undefined };
    },
  };
}
