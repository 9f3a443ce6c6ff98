import { type CliContext, runWorker } from '@quintessence/platform';
import { createPlatform } from '@quintessence/server';
import type { Command } from 'commander';
import type { ProgramOptions } from '../program.js';

/** `quintessence worker`: runs queued jobs (every module's handlers) without the HTTP server, until SIGTERM. */
export function registerWorkerCommand(program: Command, cli: CliContext, options: ProgramOptions): void {
  program
    .command('worker')
    .description('Run background jobs without the HTTP server (stops on SIGTERM/SIGINT after the running jobs)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ quintessence worker\n  $ REDIS_URL=redis://127.0.0.1:6379 DATABASE_URL=postgres://127.0.0.1/qx quintessence worker',
    )
    .action(async () => {
      const platform = await createPlatform(cli.config(), options.modules, { purpose: 'quintessence worker' });
      try {
        // Modules register their job handlers in `start`; the queue itself runs under runWorker.
        await platform.start({ worker: false });
        const backend = platform.services.jobs.backend;
        cli.stdout.write(`Quintessence worker running (${backend} queue); stop with SIGTERM or Ctrl-C\n`);
        const { reason } = await runWorker({ queue: platform.services.jobs, log: platform.log });
        cli.stdout.write(`worker stopped (${reason})\n`);
      } finally {
        await platform.close();
      }
    });
}
