import type { CliContext } from '@quintessence/platform';
import { AppError, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { createWinkPosTagger } from '../adapters/wink.js';
import { groupMetricsFromCsv } from '../service/group-metrics.js';
import { swapLines } from '../service/swap-lines.js';
import { nonEmptyLines, readInputFile } from './read-input.js';

/** Parses a non-negative integer option. */
export function parseCount(value: string, option: string, min = 0): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new AppError('VALIDATION_ERROR', `${option} must be an integer >= ${min}; got "${value}"`);
  }
  return n;
}

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

  group
    .command('metrics')
    .description('Group fairness metrics (Fairlearn-style metric frame) of 0/1 labels and predictions in a CSV')
    .requiredOption('--input <csv>', 'CSV with a header line')
    .requiredOption('--label-col <name>', 'column of true labels (0/1)')
    .requiredOption('--pred-col <name>', 'column of predictions (0/1)')
    .requiredOption(
      '--group-col <names>',
      'protected attribute column; several comma-separated for intersectional groups',
    )
    .option('--format <fmt>', 'json | table', 'json')
    .option('--extended', 'add the 80% rule (and --bootstrap CIs) to the output', false)
    .option('--bootstrap <n>', 'bootstrap resamples for CIs (implies --extended)', '0')
    .option('--seed <n>', 'seed for the bootstrap', '0')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence counterfactual metrics --input preds.csv --label-col y --pred-col yhat --group-col sex --format json',
    )
    .action(
      (opts: {
        input: string;
        labelCol: string;
        predCol: string;
        groupCol: string;
        format: string;
        extended: boolean;
        bootstrap: string;
        seed: string;
      }) => {
        const format = parseChoice(opts.format, '--format', ['json', 'table']);
        const bootstrap = parseCount(opts.bootstrap, '--bootstrap');
        const seed = parseCount(opts.seed, '--seed');
        const groupCols = opts.groupCol
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c.length > 0);
        const { report, extended } = groupMetricsFromCsv(readInputFile(opts.input), {
          labelCol: opts.labelCol,
          predCol: opts.predCol,
          groupCols,
          bootstrap,
          seed,
        });
        const result = opts.extended || bootstrap > 0 ? extended : report;
        if (format === 'json') {
          cli.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const rows = Object.entries(report.groups).map(([group, m]) => ({ group, ...m }));
        writeOutput(cli, 'table', rows);
        const { groups: _groups, ...summary } = result;
        writeOutput(cli, 'table', summary);
      },
    );
}
