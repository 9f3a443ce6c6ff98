import { AppError, type CliContext, parseFormat, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { loadCqu, loadUciExt, loadUciRaw } from '../adapters/enose-datasets.js';
import { type DriftProtocol, type LabelledBatch, runDriftProtocol } from '../domain/identification/drift-protocol.js';
import { evaluateMspcAcrossSessions } from '../domain/mspc/session-evaluation.js';
import { registerAgentsCommand } from './agents-command.js';
import { registerReplayCommand } from './replay-command.js';
import { registerReportCommand } from './report-command.js';
import { registerLineCommands } from './scent-line-commands.js';

const dataFormats = ['uci-raw', 'uci-ext', 'cqu'] as const;

function intOption(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new AppError('VALIDATION_ERROR', `${name} must be an integer >= ${min}; got "${value}"`);
  return n;
}

function load(format: string, dir: string): { batches: LabelledBatch[]; products?: string[] } {
  switch (format) {
    case 'uci-raw':
      return { batches: loadUciRaw(dir) };
    case 'uci-ext':
      return { batches: loadUciExt(dir) };
    case 'cqu':
      return loadCqu(dir);
    default:
      throw new AppError('VALIDATION_ERROR', `--data-format must be one of ${dataFormats.join(', ')}; got "${format}"`);
  }
}

/** `quintessence scent ...` commands. */
export function registerScentCommands(program: Command, cli: CliContext): void {
  const scent = program.command('scent').description('E-nose quality control: fingerprints, drift, benchmarks');
  registerLineCommands(scent, cli);
  registerReplayCommand(scent, cli);
  registerReportCommand(scent, cli);
  registerAgentsCommand(scent, cli);
  const bench = scent.command('bench').description('Benchmark contracts on e-nose datasets');

  bench
    .command('drift')
    .description(
      'Gas/product identification under sensor drift (setting 1: train on the first batch; setting 2: on the previous one)',
    )
    .requiredOption('--data-format <format>', `one of ${dataFormats.join(', ')}`)
    .requiredOption('--dir <dir>', 'dataset folder')
    .option('--protocol <protocol>', 'setting1 or setting2', 'setting2')
    .option('--transfer-samples <k>', 'labelled samples per class of each target batch usable for adaptation', '0')
    .option('--self-training <rounds>', 'rounds of self-training on confident pseudo-labels (no target labels)', '2')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent bench drift --data-format uci-raw --dir ../shared/data/enose/uci_drift_raw_csv --protocol setting2 --format json',
    )
    .action((opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      if (opts.protocol !== 'setting1' && opts.protocol !== 'setting2') {
        throw new AppError('VALIDATION_ERROR', `--protocol must be setting1 or setting2; got "${opts.protocol}"`);
      }
      const transferSamples = intOption('--transfer-samples', opts.transferSamples!, 0);
      const selfTrainingRounds = intOption('--self-training', opts.selfTraining!, 0);
      const { batches } = load(opts.dataFormat!, opts.dir!);
      const result = runDriftProtocol(batches, opts.protocol as DriftProtocol, {
        signedLog: opts.dataFormat !== 'uci-ext',
        transferSamples,
        selfTrainingRounds,
      });
      writeOutput(cli, format, format === 'json' ? result : result.batches);
    });

  bench
    .command('mspc')
    .description('Golden-batch MSPC across sessions: false alarms on the good product, detection of the others, AUROC')
    .requiredOption('--data-format <format>', 'cqu')
    .requiredOption('--dir <dir>', 'dataset folder (one sub-folder per session)')
    .requiredOption('--good <product>', 'the good product (e.g. beer)')
    .option('--transfer-samples <k>', 'good-product samples of each later session used for drift compensation', '0')
    .option('--alpha <alpha>', 'false-alarm probability of each control limit', '0.01')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence scent bench mspc --data-format cqu --dir ../shared/data/enose/cqu_4months_beverages --good beer --transfer-samples 2 --format json',
    )
    .action((opts: Record<string, string>) => {
      const format = parseFormat(opts.format!, ['json', 'table']);
      if (opts.dataFormat !== 'cqu')
        throw new AppError('VALIDATION_ERROR', '--data-format must be cqu for the MSPC benchmark');
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 0.5))
        throw new AppError('VALIDATION_ERROR', `--alpha must be in (0, 0.5); got "${opts.alpha}"`);
      const { batches, products } = loadCqu(opts.dir!);
      const good = products.indexOf(opts.good!) + 1;
      if (good === 0)
        throw new AppError('VALIDATION_ERROR', `--good must be one of ${products.join(', ')}; got "${opts.good}"`);
      let sessions: ReturnType<typeof evaluateMspcAcrossSessions>;
      try {
        sessions = evaluateMspcAcrossSessions(batches, good, {
          alpha,
          transferSamples: intOption('--transfer-samples', opts.transferSamples!, 0),
        });
      } catch (error) {
        if (error instanceof RangeError) throw new AppError('VALIDATION_ERROR', error.message);
        throw error;
      }
      writeOutput(cli, format, format === 'json' ? { good: opts.good, alpha, sessions } : sessions);
    });
}
