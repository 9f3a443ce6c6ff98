import { existsSync, readFileSync } from 'node:fs';
import { AppError, type CliContext, parseFormat, toCsv, writeOutput } from '@quintessence/platform';
import type { Command } from 'commander';
import { defaultWeightsDir, saveOdorModel } from '../adapters/data/odor-model-store.js';
import {
  type FormulationMaterial,
  formulate,
  type ProductType,
  productConcentration,
} from '../domain/formulation/formulation.js';
import { parseCsvRecords } from '../domain/internal/csv.js';
import { type IfraCategory, ifraCategories } from '../domain/safety/ifra.js';
import type { GenerationResult } from '../service/fragrance-generator.js';
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
    .command('generate')
    .description('design novel, safe, plausibly odorous molecules for a text brief (seeded graph GA)')
    .argument('<prompt>', 'the brief, e.g. "fresh citrus with woody undertones"')
    .option('-n, --count <n>', 'number of candidates', '5')
    .option('--seed <n>', 'random seed (same seed, same output)', '42')
    .option('--generations <n>', 'GA generations', '12')
    .option('--format <format>', 'json | csv | txt', 'txt')
    .option('--data <dir>', 'reference data folder (default ../shared/data)')
    .option('--weights <dir>', 'odor model folder (default: committed weights)')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence odordiff generate "fresh citrus with woody undertones" -n 5 --seed 7 --format json',
    )
    .action(async (prompt: string, o: CommonOptions & { count?: string; seed?: string; generations?: string }) => {
      const format = parseFormat(o.format ?? 'txt', ['json', 'csv', 'txt']);
      const count = intOption('--count', o.count, 5, 1, 50);
      const seed = intOption('--seed', o.seed, 42, 0, 2 ** 31 - 1);
      const generations = intOption('--generations', o.generations, 12, 0, 200);
      if (!prompt?.trim()) throw new AppError('VALIDATION_ERROR', 'the prompt must not be empty');
      const engine = await engineFor(o);
      const refusal = engine.safety().screenBrief(prompt);
      if (refusal.refused) throw new AppError('ODORDIFF_BRIEF_REFUSED', `brief refused: ${refusal.reasons.join('; ')}`);
      cli.stderr.write('loading model, safety tables and known odorants...\n');
      const result = engine.generate(prompt, {
        count,
        seed,
        generations,
        onProgress: (p) =>
          cli.stderr.write(
            `generation ${p.generation}/${generations}: best ${p.bestFitness.toFixed(3)}, mean ${p.meanFitness.toFixed(3)}, ${p.evaluated} molecules scored\n`,
          ),
      });
      writeGeneration(cli, format, result);
    });

  group
    .command('design-fragrance')
    .description('brief -> candidates + known matches -> top/heart/base formula within IFRA limits')
    .argument('<prompt>', 'the brief')
    .option('--product <type>', `product type: ${Object.keys(productConcentration).join(' | ')}`, 'edp')
    .option('--category <cat>', `IFRA category (${ifraCategories.join(', ')})`, '4')
    .option('-n, --count <n>', 'novel candidates to include', '3')
    .option('--known <n>', 'known matching odorants to include', '4')
    .option('--seed <n>', 'random seed', '42')
    .option('--generations <n>', 'GA generations', '12')
    .option('--format <format>', 'json | table', 'table')
    .option('--data <dir>', 'reference data folder (default ../shared/data)')
    .option('--weights <dir>', 'odor model folder (default: committed weights)')
    .addHelpText(
      'after',
      '\nExample:\n  $ quintessence odordiff design-fragrance "clean ocean breeze" --product edt --category 4',
    )
    .action(
      async (
        prompt: string,
        o: CommonOptions & {
          product?: string;
          category?: string;
          count?: string;
          known?: string;
          seed?: string;
          generations?: string;
        },
      ) => {
        const format = parseFormat(o.format ?? 'table', ['json', 'table']);
        const product = (o.product ?? 'edp') as ProductType;
        if (!(product in productConcentration))
          throw new AppError(
            'VALIDATION_ERROR',
            `--product must be one of ${Object.keys(productConcentration).join(', ')}`,
          );
        const category = (o.category ?? '4').toUpperCase() as IfraCategory;
        if (!ifraCategories.includes(category))
          throw new AppError('VALIDATION_ERROR', `--category must be one of ${ifraCategories.join(', ')}`);
        const count = intOption('--count', o.count, 3, 0, 20);
        const knownCount = intOption('--known', o.known, 4, 0, 20);
        const seed = intOption('--seed', o.seed, 42, 0, 2 ** 31 - 1);
        const generations = intOption('--generations', o.generations, 12, 0, 200);
        if (!prompt?.trim()) throw new AppError('VALIDATION_ERROR', 'the prompt must not be empty');
        const engine = await engineFor(o);
        const refusal = engine.safety().screenBrief(prompt);
        if (refusal.refused)
          throw new AppError('ODORDIFF_BRIEF_REFUSED', `brief refused: ${refusal.reasons.join('; ')}`);
        const result = engine.generate(prompt, { count: Math.max(1, count), seed, generations, knownMatches: 20 });
        const materials: (FormulationMaterial & { source: string; odor: string })[] = [];
        for (const c of result.candidates.slice(0, count)) {
          materials.push({
            smiles: c.smiles,
            notePosition: c.properties.notePosition,
            weight: Math.max(0.01, c.briefMatch),
            ifraLimitPercent: c.safety.ifra.limits?.[category],
            isProhibited: c.safety.ifra.status === 'prohibited',
            source: c.novelty === 'novel' ? 'novel (generated)' : `known (${c.knownIn.join(', ')})`,
            odor: c.odor.top
              .slice(0, 3)
              .map((t) => t.descriptor)
              .join(', '),
          });
        }
        let added = 0;
        for (const k of result.knownMatches) {
          if (added >= knownCount) break;
          if (materials.some((m) => m.smiles === k.smiles)) continue;
          const p = computeProperties(engine.toolkit, engine.fragments(), k.smiles);
          const a = engine.safety().assess(k.smiles);
          if (!p || !a || a.recommendation === 'reject') continue;
          materials.push({
            smiles: k.smiles,
            notePosition: p.notePosition,
            weight: Math.max(0.01, k.score),
            ifraLimitPercent: a.ifra.limits?.[category],
            isProhibited: a.ifra.status === 'prohibited',
            source: 'known (GS-LF retrieval)',
            odor: k.descriptors.slice(0, 3).join(', '),
          });
          added++;
        }
        const formula = formulate(materials, { product, category });
        if (format === 'json') writeOutput(cli, 'json', { brief: result.brief, formula, materials });
        else {
          cli.stdout.write(
            `${product.toUpperCase()} (${formula.concentratePercent}% concentrate), IFRA category ${category}: ${formula.isIfraCompliant ? 'within IFRA limits' : 'IFRA LIMIT EXCEEDED'}\n`,
          );
          writeOutput(
            cli,
            'table',
            formula.lines.map((l) => {
              const m = materials.find((x) => x.smiles === l.smiles)!;
              return {
                tier: l.tier,
                smiles: l.smiles,
                '% concentrate': round(l.concentratePercent, 2),
                '% product': round(l.productPercent, 3),
                'IFRA max %': l.ifraLimitPercent ?? '',
                source: m.source,
                odor: m.odor,
              };
            }),
          );
          for (const w of formula.warnings) cli.stdout.write(`note: ${w}\n`);
        }
      },
    );

  group
    .command('train')
    .description('train the odor model on GS-LF (seeded), print k-fold CV macro-AUROC and write the weights')
    .option('--seed <n>', 'random seed', '42')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--epochs <n>', 'epochs per network', '20')
    .option('--hidden <n>', 'hidden units', '256')
    .option(
      '--ensemble <n>',
      'networks per feature set (the ensemble has one feature set of count Morgan r2 and one of Morgan r3 + atom pairs + MACCS)',
      '2',
    )
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
          ensemble: intOption('--ensemble', o.ensemble, 2, 1, 20),
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
            cv.odorlessGate
              ? `odorless gate (out of fold): AUROC ${cv.odorlessGate.auroc.toFixed(4)}; p(odorless) >= 0.5 catches ${(100 * cv.odorlessGate.recallAtHalf).toFixed(1)} % of ${cv.odorlessGate.odorless} odorless, gates ${(100 * cv.odorlessGate.falseGateRateAtHalf).toFixed(2)} % of ${cv.odorlessGate.odorous} odorous`
              : '',
            'anchors: Morgan + logistic regression 0.831, OpenPOM 0.887, Principal Odor Map ~0.89',
            `weights: ${saved.files.join(', ')} (${(saved.bytes / 1e6).toFixed(1)} MB), ${cv.trainingSeconds.toFixed(0)} s`,
          ]
            .filter(Boolean)
            .join('\n') + '\n',
        );
      },
    );
}

function writeGeneration(cli: CliContext, format: string, r: GenerationResult): void {
  if (format === 'json') {
    writeOutput(cli, 'json', r);
    return;
  }
  const rows = r.candidates.map((c) => ({
    smiles: c.smiles,
    novelty: c.novelty,
    briefMatch: round(c.briefMatch),
    odor: c.odor.top.map((t) => `${t.descriptor}:${t.probability.toFixed(2)}`).join(' '),
    odorless: round(c.odor.odorless, 3),
    molWeight: round(c.properties.molWeight, 1),
    clogP: round(c.properties.clogP, 2),
    saScore: round(c.properties.saScore, 2),
    vaporPressurePa: round(c.properties.vaporPressurePa, 3),
    note: c.properties.notePosition,
    safety: c.safety.recommendation,
    ifra: c.safety.ifra.status,
    nearestKnown: c.nearestKnown.map((k) => k.smiles).join(' '),
  }));
  if (format === 'csv') {
    cli.stdout.write(toCsv(rows));
    return;
  }
  const t = Object.entries(r.brief.targets)
    .map(([d, w]) => `${d} ${w}`)
    .join(', ');
  cli.stdout.write(
    `brief: ${r.brief.text}\ntargets: ${t}${Object.keys(r.brief.avoid).length ? `; avoid: ${Object.keys(r.brief.avoid).join(', ')}` : ''}\n`,
  );
  for (const a of r.brief.naturalAllergens)
    cli.stdout.write(
      `note: "${a.matched}" is an EU 2023/1545 labelled allergen (${a.name}; ${a.reason}); label above 0.001 % leave-on / 0.01 % rinse-off if used\n`,
    );
  cli.stdout.write(`seed ${r.seed}, ${r.evaluated} molecules scored\n\n`);
  r.candidates.forEach((c, i) => {
    cli.stdout.write(
      `${i + 1}. ${c.smiles}  [${c.novelty}${c.knownIn.length ? `: ${c.knownIn.join(', ')}` : ''}]\n` +
        `   odor: ${c.odor.top.map((x) => `${x.descriptor} ${x.probability.toFixed(2)}`).join(', ')}; odorless ${c.odor.odorless.toFixed(2)}\n` +
        `   MW ${c.properties.molWeight.toFixed(1)}, cLogP ${c.properties.clogP.toFixed(2)}, SA ${c.properties.saScore.toFixed(2)}, VP ${c.properties.vaporPressurePa.toPrecision(2)} Pa (${c.properties.notePosition} note)\n` +
        `   safety: ${c.safety.recommendation} - ${c.safety.reasons.join('; ')}\n` +
        `   nearest known: ${c.nearestKnown.map((k) => `${k.smiles} (${k.descriptors.slice(0, 3).join(', ')})`).join('; ') || 'n/a'}\n`,
    );
  });
  cli.stdout.write('\nknown odorants matching the brief (GS-LF):\n');
  for (const k of r.knownMatches) cli.stdout.write(`   ${k.smiles}  ${k.descriptors.join(', ')}\n`);
}
