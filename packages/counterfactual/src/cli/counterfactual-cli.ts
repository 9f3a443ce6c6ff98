import type { CliContext } from '@quintessence/platform';
import { AppError } from '@quintessence/platform';
import type { Command } from 'commander';
import { createWinkPosTagger } from '../adapters/wink.js';
import { swapLines } from '../service/swap-lines.js';
import { nonEmptyLines, readInputFile } from './read-input.js';

function parseChoice(value: string, option: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw new AppError('VALIDATION_ERROR', `${option} must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value;
}

/** Registers `quintessence counterfactual ...` commands. */
export function registerCounterfactualCli(program: Command, cli: CliContext): void {
  const group = program
    .command('counterfactual')
    .description('Counterfactual fairness lab: generate, swap, evaluate, audit, metrics, report');

  group
    .command('swap')
    .description('Rewrite each line of a text file with a protected attribute swapped (one JSON object per line)')
    .requiredOption('--input <file>', 'text file, one sentence per line (blank lines skipped)')
    .option('--attribute <name>', 'protected attribute', 'gender')
    .option('--direction <dir>', 'm2f | f2m | neutral', 'm2f')
    .option('--format <fmt>', 'jsonl | json', 'jsonl')
    .option('--max-length <n>', 'maximum characters per line', '2000')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence counterfactual swap --input sentences.txt --attribute gender --direction m2f --format jsonl',
    )
    .action((opts: { input: string; attribute: string; direction: string; format: string; maxLength: string }) => {
      const format = parseChoice(opts.format, '--format', ['jsonl', 'json']);
      const maxLength = Number(opts.maxLength);
      if (!Number.isInteger(maxLength) || maxLength < 1) {
        throw new AppError('VALIDATION_ERROR', `--max-length must be a positive integer; got "${opts.maxLength}"`);
      }
      const lines = nonEmptyLines(readInputFile(opts.input));
      const records = swapLines(lines, {
        attribute: opts.attribute,
        direction: opts.direction,
        tagger: createWinkPosTagger(),
        limits: { maxLength },
      });
      if (format === 'json') cli.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
      else for (const r of records) cli.stdout.write(`${JSON.stringify(r)}\n`);
    });
}
