import { readFile } from 'node:fs/promises';
import { AppError, type CliContext, parseFormat, registerErrorCodes, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { progressiveValScore } from '../evaluate/progressive-val-score.js';
import { Accuracy } from '../metrics/accuracy.js';
import { F1 } from '../metrics/precision-recall-f1.js';
import { iterCsv, type Sample } from '../stream/iter-csv.js';
import { StreamFormatError } from '../stream/stream-format-error.js';
import {
  buildDetector,
  buildModel,
  type DetectorName,
  detectorNames,
  type ModelName,
  modelNames,
  parseDetectorParams,
} from './model-factory.js';
import { parseNumberStream } from './number-stream.js';

/** Error codes of the adaptive-ml module. */
export const mlErrorCodes = {
  ML_BAD_INPUT: 400,
  ML_INPUT_NOT_FOUND: 404,
  ML_UNSUPPORTED: 400,
} as const;

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('ML_INPUT_NOT_FOUND', `input file not found: ${path}`);
    if (code === 'EISDIR') throw new AppError('ML_BAD_INPUT', `input is a directory: ${path}`);
    throw error;
  }
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('VALIDATION_ERROR', `${flag} must be a positive integer; got "${value}"`);
  return n;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(value as T)) {
    throw new AppError('VALIDATION_ERROR', `${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

/** Registers `quintessence ml evaluate` and `quintessence ml drift`. */
export function registerMlCommands(program: Command, cli: CliContext): void {
  registerErrorCodes(mlErrorCodes);
  const ml = program.command('ml').description('Online learning and drift detection (adaptive-ml)');

  ml.command('evaluate')
    .description('Progressive validation (predict, then learn) of an online classifier over a CSV file, in order')
    .requiredOption('--input <csv>', 'CSV file with a header row')
    .requiredOption('--target <column>', 'name of the label column')
    .requiredOption('--model <name>', `model: ${modelNames.join('|')}`)
    .option('--seed <n>', 'seed of randomised models', '42')
    .option('--checkpoints <n>', 'number of timeline checkpoints', '50')
    .option('--pos-label <label>', 'positive class for binary F1 (default: the second label in sorted order)')
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence ml evaluate --input elec2.csv --target class --model lr --checkpoints 50 --format json',
    )
    .action(async (opts: Record<string, string>) => {
      const format = parseFormat(opts.format, ['json', 'table']);
      const model = oneOf(opts.model, modelNames, '--model') as ModelName;
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0)
        throw new AppError('VALIDATION_ERROR', `--seed must be a non-negative integer; got "${opts.seed}"`);
      const checkpoints = positiveInt(opts.checkpoints, '--checkpoints');
      const text = await readInput(opts.input);
      let samples: Sample[];
      try {
        samples = [...iterCsv(text, { target: opts.target })];
      } catch (error) {
        if (error instanceof StreamFormatError) throw new AppError('ML_BAD_INPUT', `${opts.input}: ${error.message}`);
        throw error;
      }
      if (samples.length === 0) throw new AppError('ML_BAD_INPUT', `${opts.input}: no data rows`);
      const classes = [...new Set(samples.map((s) => String(s.y)))].sort();
      if (classes.length < 2)
        throw new AppError('ML_BAD_INPUT', `${opts.input}: the target has a single class "${classes[0]}"`);
      const binary = classes.length === 2;
      const posLabel = opts.posLabel ?? classes[1];
      if (binary && !classes.includes(posLabel)) {
        throw new AppError(
          'VALIDATION_ERROR',
          `--pos-label "${posLabel}" is not a label of ${opts.target} (${classes.join(', ')})`,
        );
      }
      const learner = buildModel(model, { seed, classes, posLabel });
      const f1 = binary ? new F1({ posLabel }) : new F1({ average: 'macro' });
      const stream = samples.map((s) => ({ x: s.x, y: String(s.y) }));
      const started = performance.now();
      const result = progressiveValScore(stream, learner, [new Accuracy(), f1], {
        step: Math.max(1, Math.ceil(samples.length / checkpoints)),
      });
      const seconds = (performance.now() - started) / 1000;
      const report = {
        model,
        input: opts.input,
        target: opts.target,
        n: result.n,
        classes,
        posLabel: binary ? posLabel : null,
        f1Average: binary ? 'binary' : 'macro',
        accuracy: result.metrics.Accuracy,
        f1: result.metrics.F1,
        seconds,
        samplesPerSecond: result.n / seconds,
        timeline: result.timeline.map((c) => ({ step: c.step, accuracy: c.metrics.Accuracy, f1: c.metrics.F1 })),
      };
      if (format === 'json') writeOutput(cli, 'json', report);
      else writeOutput(cli, 'table', report.timeline);
    });

  ml.command('drift')
    .description('Run a drift detector over a stream of numbers; prints 0-based indices of warnings and drifts')
    .requiredOption('--input <file>', 'one number per line, or a TCPD series JSON file (first value column)')
    .requiredOption('--detector <name>', `detector: ${detectorNames.join('|')}`)
    .option(
      '--param <k=v>',
      'detector option (repeatable), e.g. --param delta=0.002',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--format <format>', 'json or table', 'json')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence ml drift --input stream.txt --detector adwin --param delta=0.002 --format json',
    )
    .action(async (opts: { input: string; detector: string; param: string[]; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table']);
      const name = oneOf(opts.detector, detectorNames, '--detector') as DetectorName;
      const params = parseDetectorParams(name, opts.param);
      const detector = buildDetector(name, params);
      const text = await readInput(opts.input);
      let values: number[];
      try {
        values = parseNumberStream(text);
      } catch (error) {
        if (error instanceof StreamFormatError) throw new AppError('ML_BAD_INPUT', `${opts.input}: ${error.message}`);
        throw error;
      }
      const warnings: number[] = [];
      const drifts: number[] = [];
      values.forEach((v, i) => {
        detector.update(v);
        if (detector.warningDetected) warnings.push(i);
        if (detector.driftDetected) drifts.push(i);
      });
      const report = { detector: name, params, n: values.length, warnings, drifts };
      if (format === 'json') writeOutput(cli, 'json', report);
      else
        writeOutput(
          cli,
          'table',
          [
            ...warnings.map((i) => ({ index: i, event: 'warning' })),
            ...drifts.map((i) => ({ index: i, event: 'drift' })),
          ].sort((a, b) => a.index - b.index),
        );
    });
}
