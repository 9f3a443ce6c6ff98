import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditMigrations } from '../audit/audit-migrations.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { registerApiKeyCommands, registerUserCommands } from './auth-commands.js';
import { authMigrations } from './auth-migrations.js';
import { clearAuthAndAuditTables } from './internal/clear-tables.js';
import { testCli } from './internal/test-cli.js';

const fast = { passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 } };
const clock = { now: () => new Date('2026-08-01T00:00:00.000Z') };

describe('users and apikeys commands', () => {
  let t: TestDatabase;
  let cli: ReturnType<typeof testCli>;

  beforeAll(async () => {
    t = await openTestDatabase('pglite', [authMigrations, auditMigrations]);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await clearAuthAndAuditTables(t.db);
    cli = testCli(t.db, clock, (program, c) => {
      registerUserCommands(program, c, fast);
      registerApiKeyCommands(program, c, fast);
    });
  });

  it('creates a user with a generated password, lists and disables it', async () => {
    const created = await cli.run(
      'users',
      'create',
      '--username',
      'qa.lead',
      '--full-name',
      'Quinn Ames',
      '--roles',
      'qa_approver,viewer',
      '--format',
      'json',
    );
    expect(created.code).toBe(0);
    const user = JSON.parse(created.out);
    expect(user).toMatchObject({ username: 'qa.lead', fullName: 'Quinn Ames', roles: ['qa_approver', 'viewer'] });
    expect(user.password.length).toBeGreaterThanOrEqual(20);
    expect(created.err).toMatch(/shown only now/);

    const csv = await cli.run('users', 'list', '--format', 'csv');
    expect(csv.out.split('\n')[0]).toBe('id,username,fullName,roles,disabled,lockedUntil,lastLoginAt,createdAt');
    expect(csv.out).toContain('qa.lead,Quinn Ames');
    const table = await cli.run('users', 'list');
    expect(table.out).toMatch(/username\s+fullName/);

    const reset = await cli.run('users', 'reset-password', 'qa.lead', '--format', 'json');
    expect(reset.code).toBe(0);
    const newPassword = JSON.parse(reset.out).password as string;
    expect(newPassword).not.toBe(user.password);
    expect((await cli.audit.list({ action: 'auth.user.password_reset' })).total).toBe(1);
    expect((await cli.run('users', 'reset-password', 'qa.lead', '--password', 'short')).code).toBe(2);

    const disabled = await cli.run('users', 'disable', 'qa.lead', '--reason', 'left', '--format', 'json');
    expect(JSON.parse(disabled.out)).toMatchObject({ disabled: true });
    const [event] = (await cli.audit.list({ action: 'auth.user.disabled' })).items;
    expect(event!.actor).toMatch(/^cli:/);
    expect(event!.reason).toBe('left');
  });

  it('rejects bad input with a message and exit code 2', async () => {
    const badRole = await cli.run('users', 'create', '--username', 'x1', '--full-name', 'X', '--roles', 'wizard');
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/^error: roles: unknown role "wizard"/);
    const shortPw = await cli.run(
      'users',
      'create',
      '--username',
      'x1',
      '--full-name',
      'X',
      '--roles',
      'viewer',
      '--password',
      'short',
    );
    expect(shortPw.err).toMatch(/at least 12 characters/);
    const badFormat = await cli.run('users', 'list', '--format', 'xml');
    expect(badFormat.code).toBe(2);
    const missing = await cli.run('users', 'disable', 'nobody');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no user with id or username "nobody"/);
    const noRoles = await cli.run('users', 'create', '--username', 'x1', '--full-name', 'X');
    expect(noRoles.code).toBe(2);
    expect(noRoles.err).toMatch(/--roles/);
  });

  it('creates, lists and revokes API keys', async () => {
    const created = await cli.run(
      'apikeys',
      'create',
      '--name',
      'line-3',
      '--roles',
      'operator',
      '--expires-in-days',
      '90',
      '--format',
      'json',
    );
    expect(created.code).toBe(0);
    const key = JSON.parse(created.out);
    expect(key).toMatchObject({ name: 'line-3', status: 'active', expiresAt: '2026-10-30T00:00:00.000Z' });
    expect(key.key).toMatch(/^qx_/);
    const list = await cli.run('apikeys', 'list', '--format', 'json');
    expect(list.out).not.toContain(key.key);
    expect(JSON.parse(list.out)).toHaveLength(1);
    const revoked = await cli.run('apikeys', 'revoke', key.id, '--format', 'json');
    expect(JSON.parse(revoked.out).status).toBe('revoked');
    const bad = await cli.run('apikeys', 'create', '--name', 'x', '--roles', 'viewer', '--expires-in-days', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--expires-in-days must be a positive whole number/);
    const unknown = await cli.run('apikeys', 'revoke', 'nope');
    expect(unknown.code).toBe(2);
  });

  it('shows an example in every command help', async () => {
    for (const cmd of [
      ['users', 'create'],
      ['users', 'list'],
      ['users', 'disable'],
      ['users', 'reset-password'],
      ['apikeys', 'create'],
      ['apikeys', 'list'],
      ['apikeys', 'revoke'],
    ]) {
      const help = await cli.run(...cmd, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`Example:\\n {2}\\$ quintessence ${cmd.join(' ')}`));
    }
  });
});
