import { writeFileSync } from 'node:fs';
import type { CliContext } from '@quintessence/platform';
import { AppError, progress, systemClock, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { loadHolisticBias } from '../adapters/holistic-bias-files.js';
import { createWinkPosTagger } from '../adapters/wink.js';
import type { GenderDirection } from '../domain/gender/gender-lexicon.js';
import { type ParaphraseStrategy, paraphraseStrategies } from '../domain/paraphrase.js';
import { type AuditReport, buildAuditReport } from '../domain/report/audit-report.js';
import { renderHtml } from '../domain/report/render-html.js';
import { renderMarkdown } from '../domain/report/render-markdown.js';
import type { Correction } from '../domain/stats/multiple-testing.js';
import { createRng } from '../domain/stats/rng.js';
import { validateAttribute, validateText } from '../domain/validation.js';
import {
  descriptorPairs,
  genderPairs,
  intersectionalDescriptorPairs,
  type PairSpec,
  runAudit,
} from '../service/audit.js';
import { groupMetricsFromCsv } from '../service/group-metrics.js';
import { parseDirection, swapLines } from '../service/swap-lines.js';
import { nonEmptyLines, readInputFile } from './read-input.js';
import { resolveModel } from './resolve-model.js';

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

  group
    .command('generate')
    .description(
      'Generate counterfactual pairs: gender swaps of your sentences (with paraphrases) or HolisticBias descriptor sets',
    )
    .option('--input <file>', 'sentences, one per line (for --attribute gender)')
    .option('--attribute <name>', 'gender, or a HolisticBias axis (ability, age, race_ethnicity, ...)', 'gender')
    .option('--directions <list>', 'gender directions, comma-separated', 'm2f,f2m')
    .option('--strategies <list>', `paraphrases before the swap: ${paraphraseStrategies.join(', ')}`, '')
    .option('--intersect <axis>', 'HolisticBias: combine each descriptor with each of this axis (intersectional)')
    .option('--max-descriptors <n>', 'HolisticBias: cap on descriptors per axis', '1000')
    .option('--noun <noun>', 'HolisticBias: noun after the descriptor', 'person')
    .option('--data-dir <dir>', 'HolisticBias v1.1 folder (default $QX_SHARED_DATA or ../shared/data)')
    .option('--no-controls', 'leave out the matched no-effect control pairs')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence counterfactual generate --input sentences.txt --attribute gender --strategies hedge,active-passive\n  $ quintessence counterfactual generate --attribute age --intersect race_ethnicity --max-descriptors 3',
    )
    .action(
      (opts: {
        input?: string;
        attribute: string;
        directions: string;
        strategies: string;
        intersect?: string;
        maxDescriptors: string;
        noun: string;
        dataDir?: string;
        controls: boolean;
      }) => {
        if (opts.intersect) {
          validateAttribute(opts.intersect);
          const intersections = intersectionalDescriptorPairs(
            loadHolisticBias(opts.dataDir),
            opts.attribute,
            opts.intersect,
            {
              maxDescriptors: parseCount(opts.maxDescriptors, '--max-descriptors', 1),
              noun: opts.noun,
            },
          );
          for (const p of intersections) cli.stdout.write(`${JSON.stringify(p)}\n`);
          return;
        }
        const pairs = buildPairs({ ...opts, tagger: true });
        for (const p of pairs) cli.stdout.write(`${JSON.stringify(p)}\n`);
      },
    );

  group
    .command('evaluate')
    .description('Score counterfactual pairs (JSONL from "generate") with a model and print each pair\'s predictions')
    .requiredOption('--input <file>', 'JSONL pairs with "original" and "counterfactual"')
    .requiredOption('--model <spec>', 'afinn | vader | wink | cmd:<executable> | http:<url>')
    .option('--model-arg <arg>', 'argument for a cmd: model (repeatable)', collect, [])
    .option('--http-template <json>', 'JSON body with {{text}} for http: models')
    .option('--http-path <path>', 'dot path of the prediction in the HTTP response')
    .addHelpText('after', '\nExample:\n  $ quintessence counterfactual evaluate --input pairs.jsonl --model vader')
    .action(
      async (opts: { input: string; model: string; modelArg: string[]; httpTemplate?: string; httpPath?: string }) => {
        const pairs = readPairs(opts.input);
        const { model } = resolveModel(opts);
        const texts = [...new Set(pairs.flatMap((p) => [p.original, p.counterfactual]))];
        const bar = progress(cli, 'scoring', texts.length);
        const preds = new Map<string, unknown>();
        for (let i = 0; i < texts.length; i += 256) {
          const batch = texts.slice(i, i + 256);
          const out = await model.predictBatch(batch);
          batch.forEach((t, k) => {
            preds.set(t, out[k]);
          });
          bar.update(Math.min(i + 256, texts.length));
        }
        bar.done();
        for (const p of pairs) {
          const o = preds.get(p.original) as { label: string; score: number | null };
          const c = preds.get(p.counterfactual) as { label: string; score: number | null };
          cli.stdout.write(
            `${JSON.stringify({ ...p, original_prediction: o, counterfactual_prediction: c, consistent: o.label === c.label })}\n`,
          );
        }
      },
    );

  group
    .command('audit')
    .description('Counterfactual fairness audit of a model: pairs, predictions, paired tests, corrected p-values, risk')
    .option('--input <file>', 'sentences, one per line (gender audits)')
    .option('--attribute <name>', 'gender, or HolisticBias axes comma-separated (ability,age,...)', 'gender')
    .requiredOption('--model <spec>', 'afinn | vader | wink | cmd:<executable> | http:<url>')
    .option('--model-arg <arg>', 'argument for a cmd: model (repeatable)', collect, [])
    .option('--http-template <json>', 'JSON body with {{text}} for http: models')
    .option('--http-path <path>', 'dot path of the prediction in the HTTP response')
    .option('--directions <list>', 'gender directions, comma-separated', 'm2f,f2m')
    .option('--strategies <list>', `paraphrases before the swap: ${paraphraseStrategies.join(', ')}`, '')
    .option('--max-descriptors <n>', 'HolisticBias: cap on descriptors per axis', '1000')
    .option('--noun <noun>', 'HolisticBias: noun after the descriptor', 'person')
    .option('--data-dir <dir>', 'HolisticBias v1.1 folder')
    .option('--no-controls', 'leave out the matched no-effect controls')
    .option('--positive-label <label>', 'label counted as positive for McNemar')
    .option('--correction <method>', 'holm | bh | none', 'holm')
    .option('--alpha <a>', 'significance level', '0.05')
    .option('--resamples <n>', 'bootstrap resamples', '1000')
    .option('--seed <n>', 'seed for the bootstrap', '0')
    .option(
      '--metrics-csv <file>',
      'also compute group metrics from this CSV (with --label-col, --pred-col, --group-col)',
    )
    .option('--label-col <name>', 'label column for --metrics-csv')
    .option('--pred-col <name>', 'prediction column for --metrics-csv')
    .option('--group-col <names>', 'group column(s) for --metrics-csv')
    .option('--title <text>', 'report title', 'Counterfactual fairness audit')
    .option('--date <iso>', 'report date (default now)')
    .option('--out <file>', 'write the technical JSON report here instead of stdout')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence counterfactual audit --input sentences.txt --attribute gender --model vader --strategies hedge --out audit.json',
    )
    .action(async (opts: AuditFlags) => {
      const correction = parseChoice(opts.correction, '--correction', ['holm', 'bh', 'none']) as Correction;
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1))
        throw new AppError('VALIDATION_ERROR', `--alpha must be in (0, 1); got "${opts.alpha}"`);
      const resamples = parseCount(opts.resamples, '--resamples', 1);
      const seed = parseCount(opts.seed, '--seed');
      const date = opts.date ? new Date(opts.date) : systemClock.now();
      if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION_ERROR', `--date is not a date: "${opts.date}"`);
      const { pairs, sources } = buildPairsWithSources({ ...opts, tagger: true });
      const { model, version } = resolveModel(opts);
      const texts = new Set(pairs.flatMap((p) => [p.original, p.counterfactual])).size;
      const bar = progress(cli, 'auditing', texts);
      const { analysis, modelCalls } = await runAudit(pairs, model, {
        rng: createRng(seed),
        resamples,
        alpha,
        correction,
        positiveLabel: opts.positiveLabel,
        onProgress: (done) => bar.update(done),
      });
      bar.done();
      let groupMetrics: ReturnType<typeof groupMetricsFromCsv>['extended'] | undefined;
      if (opts.metricsCsv) {
        if (!opts.labelCol || !opts.predCol || !opts.groupCol) {
          throw new AppError('VALIDATION_ERROR', '--metrics-csv needs --label-col, --pred-col and --group-col');
        }
        groupMetrics = groupMetricsFromCsv(readInputFile(opts.metricsCsv, '--metrics-csv'), {
          labelCol: opts.labelCol,
          predCol: opts.predCol,
          groupCols: opts.groupCol.split(',').map((c) => c.trim()),
          bootstrap: resamples,
          seed,
        }).extended;
      }
      const report = buildAuditReport({
        title: opts.title,
        generatedAt: date,
        model: { name: model.name, ...(version ? { version } : {}) },
        data: {
          description:
            opts.attribute === 'gender' ? `sentences from ${opts.input}` : `HolisticBias v1.1 axes ${opts.attribute}`,
          sentences: sources,
          pairs: pairs.length,
          model_calls: modelCalls,
        },
        settings: { seed, resamples, alpha, correction, confidence_level: 0.95 },
        analysis,
        ...(groupMetrics ? { groupMetrics } : {}),
      });
      const json = `${JSON.stringify(report, null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, json);
        cli.stderr.write(`wrote ${opts.out} (risk ${report.risk.level})\n`);
      } else cli.stdout.write(json);
    });

  group
    .command('report')
    .description('Render an audit (technical JSON from "audit") as JSON, academic Markdown or regulatory HTML')
    .requiredOption('--input <file>', 'technical JSON report written by "counterfactual audit"')
    .option('--format <fmt>', 'json | markdown | html', 'markdown')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence counterfactual report --input audit.json --format html --out audit.html',
    )
    .action((opts: { input: string; format: string; out?: string }) => {
      const format = parseChoice(opts.format, '--format', ['json', 'markdown', 'html']);
      let report: AuditReport;
      try {
        report = JSON.parse(readInputFile(opts.input)) as AuditReport;
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('COUNTERFACTUAL_BAD_INPUT', `${opts.input} is not JSON`);
      }
      if (report?.kind !== 'quintessence.counterfactual.audit' || !Array.isArray(report.analysis?.cells)) {
        throw new AppError(
          'COUNTERFACTUAL_BAD_INPUT',
          `${opts.input} is not an audit written by "counterfactual audit"`,
        );
      }
      const text =
        format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : format === 'markdown'
            ? renderMarkdown(report)
            : renderHtml(report);
      if (opts.out) {
        writeFileSync(opts.out, text);
        cli.stderr.write(`wrote ${opts.out}\n`);
      } else cli.stdout.write(text);
    });
}

interface AuditFlags {
  input?: string;
  attribute: string;
  model: string;
  modelArg: string[];
  httpTemplate?: string;
  httpPath?: string;
  directions: string;
  strategies: string;
  maxDescriptors: string;
  noun: string;
  dataDir?: string;
  controls: boolean;
  positiveLabel?: string;
  correction: string;
  alpha: string;
  resamples: string;
  seed: string;
  metricsCsv?: string;
  labelCol?: string;
  predCol?: string;
  groupCol?: string;
  title: string;
  date?: string;
  out?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

type PairFlags = {
  input?: string;
  attribute: string;
  directions: string;
  strategies: string;
  maxDescriptors: string;
  noun: string;
  dataDir?: string;
  controls: boolean;
  tagger: boolean;
};

/** Builds the pairs for generate/audit from the shared flags. */
function buildPairs(opts: PairFlags): PairSpec[] {
  return buildPairsWithSources(opts).pairs;
}

/** Pairs plus the number of source texts (input lines, or descriptor x template cells). */
function buildPairsWithSources(opts: PairFlags): { pairs: PairSpec[]; sources: number } {
  const attributes = list(opts.attribute).map(validateAttribute);
  if (attributes.length === 0) throw new AppError('VALIDATION_ERROR', '--attribute is required');
  if (attributes.includes('gender')) {
    if (attributes.length > 1)
      throw new AppError('VALIDATION_ERROR', '--attribute gender cannot be combined with HolisticBias axes');
    if (!opts.input) throw new AppError('VALIDATION_ERROR', '--input is required for --attribute gender');
    const directions = list(opts.directions).map(parseDirection) as GenderDirection[];
    const strategies = list(opts.strategies).map(
      (s) => parseChoice(s, '--strategies', paraphraseStrategies) as ParaphraseStrategy,
    );
    const lines = nonEmptyLines(readInputFile(opts.input));
    lines.forEach((l, i) => {
      try {
        validateText(l);
      } catch (error) {
        if (error instanceof AppError) throw new AppError(error.code, `line ${i + 1}: ${error.message}`);
        throw error;
      }
    });
    return {
      pairs: genderPairs(lines, { directions, strategies, tagger: createWinkPosTagger(), controls: opts.controls }),
      sources: lines.length,
    };
  }
  const dataset = loadHolisticBias(opts.dataDir);
  const pairs = descriptorPairs(dataset, {
    axes: attributes,
    noun: opts.noun,
    maxDescriptors: parseCount(opts.maxDescriptors, '--max-descriptors', 1),
    controls: opts.controls,
  });
  return { pairs, sources: new Set(pairs.map((p) => p.counterfactual)).size };
}

/** Reads JSONL pairs with string `original` and `counterfactual`. */
function readPairs(path: string): PairSpec[] {
  return nonEmptyLines(readInputFile(path)).map((line, i) => {
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new AppError('COUNTERFACTUAL_BAD_INPUT', `${path} line ${i + 1}: not JSON`);
    }
    if (typeof o.original !== 'string' || typeof o.counterfactual !== 'string') {
      throw new AppError(
        'COUNTERFACTUAL_BAD_INPUT',
        `${path} line ${i + 1}: needs string "original" and "counterfactual"`,
      );
    }
    return {
      attribute: String(o.attribute ?? 'unknown'),
      direction: String(o.direction ?? 'unknown'),
      strategy: String(o.strategy ?? 'swap'),
      control: o.control === true,
      original: o.original,
      counterfactual: o.counterfactual,
    };
  });
}
