import { AppError, type CliContext, loadConfig } from '@quintessence/platform';
import { createPlatform, prepareStartup, startServer } from '@quintessence/server';
import type { Command } from 'commander';
import { parsePort } from '../options.js';
import type { ProgramOptions } from '../program.js';

interface ServeOptions {
  port?: number;
  host?: string;
  demo?: boolean;
}

/** `quintessence serve`: the HTTP server with every module; prints the URL (and bootstrap credentials once). */
export function registerServeCommand(program: Command, cli: CliContext, options: ProgramOptions): void {
  program
    .command('serve')
    .description('Start the HTTP server with every module (embedded PGlite by default, PostgreSQL with DATABASE_URL)')
    .option('--port <port>', 'port to listen on; 0 picks a free port (default: config server.port, 8080)', parsePort)
    .option('--host <host>', 'address to bind (default: config server.host, 127.0.0.1)')
    .option('--demo', 'seed demo data from every module and print the bootstrap admin credentials')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence serve --port 0 --demo\n  $ QX_ADMIN_PASSWORD=... quintessence serve --host 0.0.0.0',
    )
    .action(async (opts: ServeOptions) => {
      if (opts.host !== undefined && opts.host.trim() === '') {
        throw new AppError('VALIDATION_ERROR', '--host must not be empty');
      }
      const base = cli.config();
      const config =
        opts.port === undefined && opts.host === undefined
          ? base
          : loadConfig(options.env ?? process.env, {
              configFile: options.configFile(),
              overrides: {
                server: {
                  ...(opts.port !== undefined ? { port: opts.port } : {}),
                  ...(opts.host !== undefined ? { host: opts.host } : {}),
                },
              },
            });
      const platform = await createPlatform(config, options.modules, { purpose: 'quintessence serve' });
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        const report = await prepareStartup(platform, { demo: opts.demo ?? false });
        server = await startServer(platform);
        // One write, so whoever waits for the "listening on" line gets the whole banner.
        const lines = [
          `Quintessence ${platform.version} listening on ${server.url}`,
          `  API docs: ${server.url}/docs   health: ${server.url}/health`,
        ];
        if (report.seeded.length > 0) lines.push(`  demo data: ${report.seeded.join(', ')}`);
        if (report.admin) {
          const password = report.admin.password ?? '(from QX_ADMIN_PASSWORD)';
          lines.push(`  bootstrap admin created (shown once): username ${report.admin.username}  password ${password}`);
        }
        cli.stdout.write(`${lines.join('\n')}\n`);
      } catch (error) {
        await platform.close();
        throw error;
      }
      await server.stopped;
    });
}
