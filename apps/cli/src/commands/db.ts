import { type CliContext, migrateToLatest, migrationStatus, writeOutput } from '@quintessence/platform';
import { createPlatform } from '@quintessence/server';
import type { Command } from 'commander';
import pino from 'pino';
import { formatOption } from '../options.js';
import type { ProgramOptions } from '../program.js';

/** `quintessence db migrate|status`. */
export function registerDbCommands(program: Command, cli: CliContext, options: ProgramOptions): void {
  const group = program
    .command('db')
    .description('Database migrations (embedded PGlite in the data directory, or PostgreSQL with DATABASE_URL)')
    .addHelpText('after', '\nExample:\n  $ quintessence db status --format table');
  const open = async () => {
    const config = cli.config();
    return createPlatform(config, options.modules, {
      purpose: 'quintessence db',
      migrate: false,
      log: pino({ level: 'warn' }, pino.destination(2)),
    });
  };
  group
    .command('migrate')
    .description('Apply every pending migration (platform first, then modules)')
    .option('--format <format>', 'json, table or csv', formatOption, 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence db migrate')
    .action(async (opts: { format: string }) => {
      const platform = await open();
      try {
        const applied = await migrateToLatest(platform.ctx.db, platform.migrationOwners);
        const rows = applied.map((m) => ({ owner: m.owner, migration: m.name }));
        if (opts.format === 'json') writeOutput(cli, 'json', { applied: rows });
        else if (rows.length === 0) cli.stdout.write('Nothing to migrate: the database is up to date.\n');
        else writeOutput(cli, opts.format, rows, ['owner', 'migration']);
      } finally {
        await platform.close();
      }
    });
  group
    .command('status')
    .description('List every migration and when it ran (pending ones have no time)')
    .option('--format <format>', 'json, table or csv', formatOption, 'table')
    .addHelpText('after', '\nExample:\n  $ quintessence db status --format json')
    .action(async (opts: { format: string }) => {
      const platform = await open();
      try {
        const status = await migrationStatus(platform.ctx.db, platform.migrationOwners);
        const rows = status.map((m) => ({
          owner: m.owner,
          migration: m.name,
          state: m.executedAt ? 'applied' : 'pending',
          executed_at: m.executedAt ? m.executedAt.toISOString() : null,
        }));
        writeOutput(cli, opts.format, rows, ['owner', 'migration', 'state', 'executed_at']);
      } finally {
        await platform.close();
      }
    });
}
