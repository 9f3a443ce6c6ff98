import { type CliContext, redactConfig, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { flatten, formatOption } from '../options.js';

/** `quintessence config print`: the effective configuration, secrets redacted. */
export function registerConfigCommands(program: Command, cli: CliContext): void {
  const group = program
    .command('config')
    .description('Inspect the effective configuration')
    .addHelpText('after', '\nExample:\n  $ quintessence config print --format table');
  group
    .command('print')
    .description('Print the effective configuration (defaults < --config file < environment), secrets redacted')
    .option('--format <format>', 'json, table or csv', formatOption, 'json')
    .addHelpText('after', '\nExample:\n  $ quintessence --config quintessence.yaml config print --format table')
    .action((opts: { format: string }) => {
      const redacted = redactConfig(cli.config());
      if (opts.format === 'json') writeOutput(cli, 'json', redacted);
      else writeOutput(cli, opts.format, flatten(redacted), ['key', 'value']);
    });
}
