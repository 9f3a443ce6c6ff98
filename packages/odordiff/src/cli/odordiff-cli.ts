import { existsSync, readFileSync } from 'node:fs';
import { AppError, type CliContext, parseFormat, toCsv, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { defaultWeightsDir, saveOdorModel } from '../adapters/data/odor-model-store.js';
import { parseCsvRecords } from '../domain/internal/csv.js';
import { trainOdorModel } from '../service/odor-training.js';
import { OdorDiffEngine } from '../service/odordiff-engine.js';
import { computeProperties } from '../service/properties.js';
import { intOption, numberOption, smilesArgument } from './options.js';

interface CommonOptions {
  data?: string;
  weights?: string;
  format?: string;
}

const engines = new Map<string, Promise<OdorDiffEngine>>();

/** One engine per (data, weights) pair per process, so repeated commands in tests reuse RDKit and tables. */
function engineFor(o: CommonOptions): Promise<OdorDiffEngine> {
  const key = `${o.data ?? ''}|${o.weights ?? ''}`;
  let e = engines.get(key);
  if (!e) {
    e = OdorDiffEngine.create({ dataDir: o.data, weightsDir: o.weights });
    engines.set(key, e);
  }
  return e;
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** Registers `quintessence odordiff ...`. */
export function registerOdorDiffCli(program: Command, cli: CliContext): void {
  const group = program
    .command('odordiff')
    .description('fragrance design: odor prediction, properties, safety screen, generation, formulation');

  group
    .command('predict')
    .description('predict calibrated odor-descriptor probabilities for SMILES')
    .argument('[smiles...]', 'SMILES to predict (or use --input)')
    .option('--input <csv>', 'CSV with a `smiles` or `nonStereoSMILES` column')
    .option('--format <format>', 'csv | json | table', 'csv')
    .option('--data <dir>', 'reference data folder (default ../shared/data)')
    .option('--weights <dir>', 'odor model folder (default: committed weights)')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence odordiff predict --input molecules.csv --format csv > odors.csv\n  $ quintessence odordiff predict "CC(C)=CCCC(C)(O)C=C" --format table',
    )
    .action(async (smilesArgs: string[], o: CommonOptions & { input?: string }) => {
      const format = parseFormat(o.format ?? 'csv');
      const items: { smiles: string; where: string }[] = [];
      if (o.input) {
        if (!existsSync(o.input)) throw new AppError('VALIDATION_ERROR', `--input file not found: ${o.input}`);
        const records = parseCsvRecords(readFileSync(o.input, 'utf8'));
        const column = records.length && 'smiles' in records[0] ? 'smiles' : 'nonStereoSMILES';
        if (records.length && !(column in records[0]))
          throw new AppError('VALIDATION_ERROR', `--input needs a "smiles" or "nonStereoSMILES" column`);
        for (const [i, r] of records.entries()) items.push({ smiles: r[column], where: `row ${i + 2}` });
      }
      for (const [i, s] of smilesArgs.entries()) items.push({ smiles: s, where: `argument ${i + 1}` });
      if (items.length === 0) throw new AppError('VALIDATION_ERROR', 'give SMILES arguments or --input <csv>');
      const engine = await engineFor(o);
      const predictor = engine.predictor();
      const rows: Record<string, unknown>[] = [];
      for (const item of items) {
        const p = item.smiles ? predictor.probabilities(item.smiles) : null;
        if (!p) {
          cli.stderr.write(`warning: ${item.where}: invalid SMILES "${item.smiles}" skipped\n`);
          continue;
        }
        const row: Record<string, unknown> = { smiles: item.smiles };
        predictor.descriptors.forEach((d, k) => {
          row[d] = round(p.probabilities[k], 6);
        });
        rows.push(row);
      }
      const columns = ['smiles', ...predictor.descriptors];
      if (format === 'csv') cli.stdout.write(toCsv(rows, columns));
      else if (format === 'json') writeOutput(cli, 'json', rows);
      else {
        const profiles = items
          .map((it) => predictor.predict(it.smiles))
          .filter((p) => p !== null)
          .map((p) => ({
            smiles: p.smiles,
            top: p.top.map((t) => `${t.descriptor} ${t.probability.toFixed(2)}`).join(', '),
            odorless: round(p.odorless, 3),
          }));
        writeOutput(cli, 'table', profiles);
      }
    });

  group
    .command('properties')
    .description('RDKit properties and synthetic accessibility of one molecule')
    .argument('<smiles>', 'SMILES')
    .option('--format <format>', 'json | table', 'table')
    .option('--data <dir>', 'reference data folder (default ../shared/data)')
    .addHelpText('after', '\nExample:\n  $ quintessence odordiff properties "CC(C)=CCCC(C)(O)C=C" --format json')
    .action(async (smiles: string, o: CommonOptions) => {
      const format = parseFormat(o.format ?? 'table', ['json', 'table']);
      const s = smilesArgument(smiles);
      const engine = await engineFor(o);
      const p = computeProperties(engine.toolkit, engine.fragments(), s);
      if (!p) throw new AppError('ODORDIFF_INVALID_SMILES', `invalid SMILES: ${s}`);
      writeOutput(
        cli,
        format,
        format === 'json'
          ? p
          : Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])),
      );
    });

  group
    .command('assess-safety')
    .description('IFRA 51st Amendment, EU allergen and structural-alert screen of one molecule')
    .argument('<smiles>', 'SMILES')
    .option('--detailed', 'include every alert, IFRA limits by category and allergen details')
    .option('--format <format>', 'json | table', 'table')
    .option('--data <dir>', 'reference data folder (default ../shared/data)')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence odordiff assess-safety "COc1ccc(CC=C)cc1OC" --detailed --format json',
    )
    .action(async (smiles: string, o: CommonOptions & { detailed?: boolean }) => {
      const format = parseFormat(o.format ?? 'table', ['json', 'table']);
      const s = smilesArgument(smiles);
      const engine = await engineFor(o);
      const a = engine.safety().assess(s);
      if (!a) throw new AppError('ODORDIFF_INVALID_SMILES', `invalid SMILES: ${s}`);
      const brief = {
        smiles: a.smiles,
        recommendation: a.recommendation,
        reasons: a.reasons,
        ifra: { status: a.ifra.status, standard: a.ifra.standard?.name ?? null, limits: a.ifra.limits },
        alerts: a.alerts.map((x) => `${x.severity}: ${x.id}`),
      };
      if (format === 'json') writeOutput(cli, 'json', o.detailed ? a : brief);
      else
        writeOutput(cli, 'table', {
          smiles: a.smiles,
          recommendation: a.recommendation,
          reasons: a.reasons.join('; '),
          ifra: a.ifra.standard ? `${a.ifra.status} (${a.ifra.standard.name})` : a.ifra.status,
          ...(o.detailed
            ? { limits: a.ifra.limits ?? '', alerts: a.alerts.map((x) => `${x.severity}:${x.id}`).join(', ') }
            : {}),
        });
    });

  group
    .command('train')
    .description('train the odor model on GS-LF (seeded), print k-fold CV macro-AUROC and write the weights')
    .option('--seed <n>', 'random seed', '42')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--epochs <n>', 'epochs per network', '20')
    .option('--hidden <n>', 'hidden units', '256')
    .option('--ensemble <n>', 'networks per ensemble', '1')
    .option('--dropout <p>', 'dropout rate', '0.3')
    .option('--limit <n>', 'use only the first N molecules (smoke runs)')
    .option('--skip-cv', 'skip cross-validation (no CV score, identity calibration)')
    .option('--out <dir>', 'where to write the weights', defaultWeightsDir)
    .option('--data <dir>', 'reference data folder (default ../shared/data)')
    .addHelpText('after', '\nExample:\n  $ nice -n 10 quintessence odordiff train --seed 42 --folds 5')
    .action(
      async (o: {
        seed?: string;
        folds?: string;
        epochs?: string;
        hidden?: string;
        ensemble?: string;
        dropout?: string;
        limit?: string;
        skipCv?: boolean;
        out: string;
        data?: string;
      }) => {
        const options = {
          seed: intOption('--seed', o.seed, 42, 0, 2 ** 31 - 1),
          folds: intOption('--folds', o.folds, 5, 2, 20),
          epochs: intOption('--epochs', o.epochs, 20, 1, 500),
          hidden: intOption('--hidden', o.hidden, 256, 8, 2048),
          ensemble: intOption('--ensemble', o.ensemble, 1, 1, 20),
          dropout: numberOption('--dropout', o.dropout, 0.3, 0, 0.9),
          limit: o.limit === undefined ? undefined : intOption('--limit', o.limit, 0, 50, 1_000_000),
          skipCv: Boolean(o.skipCv),
        };
        const engine = await engineFor(o);
        const result = trainOdorModel(engine.toolkit, engine.data, {
          ...options,
          onProgress: (m) => cli.stderr.write(`${m}\n`),
        });
        const saved = saveOdorModel(o.out, result.artifact, {
          rows: result.dataset.rows,
          smiles: result.dataset.smiles,
          vectors: result.odorMap,
          dims: options.hidden,
        });
        const cv = result.cv;
        cli.stdout.write(
          [
            `molecules: ${result.dataset.smiles.length}, descriptors: ${result.dataset.descriptors.length}`,
            cv.folds
              ? `${cv.folds}-fold CV macro-AUROC: ${cv.meanAuroc.toFixed(4)} (folds ${cv.foldAuroc.map((a) => a.toFixed(4)).join(', ')}; pooled ${cv.pooledAuroc.toFixed(4)})`
              : 'cross-validation skipped',
            cv.folds ? `calibration error (ECE, Platt on out-of-fold logits): ${cv.calibrationError.toFixed(4)}` : '',
            'anchors: Morgan + logistic regression 0.831, OpenPOM 0.887, Principal Odor Map ~0.89',
            `weights: ${saved.files.join(', ')} (${(saved.bytes / 1e6).toFixed(1)} MB), ${cv.trainingSeconds.toFixed(0)} s`,
          ]
            .filter(Boolean)
            .join('\n') + '\n',
        );
      },
    );
}
