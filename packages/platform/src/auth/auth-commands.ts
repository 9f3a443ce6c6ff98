import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { parseFormat, writeOutput } from '../cli/output.js';
import { resolveSecrets } from '../config/secrets.js';
import { AppError } from '../errors/app-error.js';
import type { CliContext, ModuleContext } from '../module.js';
import { type ActionContext, type AuthService, createAuthService } from './auth-service.js';
import type { PasswordHashingOptions } from './password-hasher.js';
import type { Principal } from './roles.js';

export interface AuthCommandOptions {
  /** argon2id costs (tests pass a cheap set; the default is the production one). */
  readonly passwordHashing?: PasswordHashingOptions;
}

const userColumns = ['id', 'username', 'fullName', 'roles', 'disabled', 'lockedUntil', 'lastLoginAt', 'createdAt'];
const keyColumns = ['id', 'name', 'prefix', 'roles', 'status', 'expiresAt', 'lastUsedAt', 'createdAt', 'createdBy'];

/** The principal CLI commands act as: `cli:<operating-system user>` (the audit trail names who ran the command). */
export function cliPrincipal(): Principal {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry (some containers)
  }
  return { kind: 'system', id: 'cli', name: `cli:${osUser}`, roles: ['admin'] };
}

function cliAction(reason?: string): ActionContext {
  return { principal: cliPrincipal(), ...(reason ? { reason } : {}) };
}

/** Builds the auth service from the module context (storage, configuration, audit trail, clock). */
export function authServiceFor(ctx: ModuleContext, options: AuthCommandOptions = {}): AuthService {
  return createAuthService({
    db: ctx.db,
    config: ctx.config,
    jwtSecret: resolveSecrets(ctx.config).jwtSecret,
    audit: ctx.audit,
    clock: ctx.clock,
    ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
  });
}

function rolesOption(value: string): string[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0)
    throw new AppError('VALIDATION_ERROR', '--roles: give at least one role, e.g. --roles planner');
  return roles;
}

function positiveInt(option: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new AppError('VALIDATION_ERROR', `${option} must be a positive whole number; got "${value}"`);
  }
  return n;
}

function isoDate(option: string, value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new AppError(
      'VALIDATION_ERROR',
      `${option} must be an ISO-8601 date or time, e.g. 2027-01-31; got "${value}"`,
    );
  }
  return d;
}

async function findUser(auth: AuthService, idOrUsername: string) {
  const users = await auth.listUsers();
  const user = users.find((u) => u.id === idOrUsername || u.username === idOrUsername.toLowerCase());
  if (!user) throw new AppError('NOT_FOUND', `no user with id or username "${idOrUsername}"`);
  return user;
}

/**
 * `quintessence users create|list|reset-password|disable`. Changes are recorded in the audit trail as `cli:<os user>`.
 *
 * @example
 * registerUserCommands(program, cli);
 */
export function registerUserCommands(program: Command, cli: CliContext, options: AuthCommandOptions = {}): void {
  const users = program.command('users').description('Manage user accounts');

  users
    .command('create')
    .description('Create a user; without --password a strong password is generated and printed once')
    .requiredOption('--username <name>', 'login name (2-64 of a-z 0-9 . _ -)')
    .requiredOption('--full-name <name>', 'full name (shown on electronic signatures)')
    .requiredOption(
      '--roles <list>',
      'comma-separated roles: admin, operator, qa_approver, planner, approver, analyst, viewer',
    )
    .option('--password <password>', 'initial password (at least 12 characters; prefer the generated one)')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence users create --username qa.lead --full-name "Quinn Ames" --roles qa_approver,viewer',
    )
    .action(async (opts: { username: string; fullName: string; roles: string; password?: string; format: string }) => {
      const format = parseFormat(opts.format);
      const roles = rolesOption(opts.roles);
      const generated = opts.password === undefined;
      const password = opts.password ?? randomBytes(18).toString('base64url');
      const user = await cli.withContext((ctx) =>
        authServiceFor(ctx, options).createUser(
          { username: opts.username, fullName: opts.fullName, password, roles },
          cliAction(),
        ),
      );
      writeOutput(cli, format, generated ? { ...user, password } : user);
      if (generated) cli.stderr.write('The generated password is shown only now: hand it over securely.\n');
    });

  users
    .command('list')
    .description('List users')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence users list --format csv')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format);
      const list = await cli.withContext((ctx) => authServiceFor(ctx, options).listUsers());
      writeOutput(cli, format, list, format === 'json' ? undefined : userColumns);
    });

  users
    .command('reset-password')
    .description("Set a new password (generated unless given), lift a lockout and end the user's sessions")
    .argument('<user>', 'user id or username')
    .option('--password <password>', 'the new password (at least 12 characters; prefer the generated one)')
    .option('--reason <text>', 'why (recorded in the audit trail)')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence users reset-password admin --reason "lost the bootstrap password"',
    )
    .action(async (who: string, opts: { password?: string; reason?: string; format: string }) => {
      const format = parseFormat(opts.format);
      const generated = opts.password === undefined;
      const password = opts.password ?? randomBytes(18).toString('base64url');
      const user = await cli.withContext(async (ctx) => {
        const auth = authServiceFor(ctx, options);
        return auth.resetPassword((await findUser(auth, who)).id, password, cliAction(opts.reason));
      });
      writeOutput(cli, format, generated ? { ...user, password } : user);
      if (generated) cli.stderr.write('The generated password is shown only now: hand it over securely.\n');
    });

  users
    .command('disable')
    .description('Disable a user: login stops working and open sessions end')
    .argument('<user>', 'user id or username')
    .option('--reason <text>', 'why (recorded in the audit trail)')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence users disable alice --reason "left the company"')
    .action(async (who: string, opts: { reason?: string; format: string }) => {
      const format = parseFormat(opts.format);
      const user = await cli.withContext(async (ctx) => {
        const auth = authServiceFor(ctx, options);
        return auth.disableUser((await findUser(auth, who)).id, cliAction(opts.reason));
      });
      writeOutput(cli, format, user);
    });
}

/**
 * `quintessence apikeys create|list|revoke`. The key is printed once at creation and stored only as a hash.
 *
 * @example
 * registerApiKeyCommands(program, cli);
 */
export function registerApiKeyCommands(program: Command, cli: CliContext, options: AuthCommandOptions = {}): void {
  const apikeys = program.command('apikeys').description('Manage API keys for services and scripts');

  apikeys
    .command('create')
    .description('Create an API key; the key is printed once')
    .requiredOption('--name <name>', 'what the key is for')
    .requiredOption('--roles <list>', 'comma-separated roles the key acts with')
    .option('--expires-in-days <days>', 'expire after this many days')
    .option('--expires-at <time>', 'expire at this ISO-8601 time')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence apikeys create --name line-3-ingest --roles operator --expires-in-days 90',
    )
    .action(
      async (opts: { name: string; roles: string; expiresInDays?: string; expiresAt?: string; format: string }) => {
        const format = parseFormat(opts.format);
        const roles = rolesOption(opts.roles);
        if (opts.expiresInDays !== undefined && opts.expiresAt !== undefined) {
          throw new AppError('VALIDATION_ERROR', 'give --expires-in-days or --expires-at, not both');
        }
        const expiresInDays =
          opts.expiresInDays === undefined ? undefined : positiveInt('--expires-in-days', opts.expiresInDays);
        const expiresAt = opts.expiresAt === undefined ? undefined : isoDate('--expires-at', opts.expiresAt);
        const created = await cli.withContext((ctx) =>
          authServiceFor(ctx, options).createApiKey(
            {
              name: opts.name,
              roles,
              ...(expiresInDays ? { expiresInDays } : {}),
              ...(expiresAt ? { expiresAt } : {}),
            },
            cliAction(),
          ),
        );
        writeOutput(cli, format, { key: created.key, ...created.apiKey });
        cli.stderr.write('The key is shown only now: store it in a secret manager.\n');
      },
    );

  apikeys
    .command('list')
    .description('List API keys (never the keys themselves)')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence apikeys list --format json')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format);
      const list = await cli.withContext((ctx) => authServiceFor(ctx, options).listApiKeys());
      writeOutput(cli, format, list, format === 'json' ? undefined : keyColumns);
    });

  apikeys
    .command('revoke')
    .description('Revoke an API key immediately')
    .argument('<id>', 'API key id (see apikeys list)')
    .option('--reason <text>', 'why (recorded in the audit trail)')
    .option('--format <format>', 'json, table or csv', 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence apikeys revoke 3f2c9d1e-... --reason "leaked in a log"')
    .action(async (id: string, opts: { reason?: string; format: string }) => {
      const format = parseFormat(opts.format);
      const key = await cli.withContext((ctx) => authServiceFor(ctx, options).revokeApiKey(id, cliAction(opts.reason)));
      writeOutput(cli, format, key);
    });
}
