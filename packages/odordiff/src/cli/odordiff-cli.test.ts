import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliContext, captureIo, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData, sharedDataSkipMessage } from '../../../../test/support/shared-data.js';
import { odordiffModule } from '../module.js';

function run(argv: string[]) {
  const cap = captureIo();
  const cli: CliContext = {
    ...cap.io,
    config: () => {
      throw new Error('not used');
    },
    withContext: () => {
      throw new Error('not used');
    },
  };
  const program = new Command('quintessence');
  odordiffModule.cli?.(program, cli);
  return runProgram(program, argv, cap.io).then((code) => ({ code, out: cap.out(), err: cap.err() }));
}

const data = ['--data', sharedData()];

describe.skipIf(!hasSharedData)(`odordiff CLI (${hasSharedData ? 'reference data' : sharedDataSkipMessage})`, () => {
  it('predict keeps the contract: smiles + one column per GS-LF descriptor, invalid rows on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odordiff-'));
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'name,smiles\nlinalool,CC(C)=CCCC(C)(O)C=C\nbroken,C1CC(\nvanillin,O=Cc1ccc(O)c(OC)c1\n');
    const r = await run(['odordiff', 'predict', '--input', input, '--format', 'csv', ...data]);
    expect(r.code).toBe(0);
    const header = readFileSync(sharedData('odor', 'gslf_train.csv'), 'utf8').split(/\r?\n/)[0].split(',').slice(2);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(['smiles', ...header].join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith('CC(C)=CCCC(C)(O)C=C,')).toBe(true);
    const probabilities = lines[2].split(',').slice(1).map(Number);
    expect(probabilities).toHaveLength(138);
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(r.err).toContain('row 3');
    expect(r.err).toContain('C1CC(');
  });

  it('predict accepts a nonStereoSMILES column and rejects a file without SMILES', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'odordiff-'));
    const good = join(dir, 'a.csv');
    writeFileSync(good, 'nonStereoSMILES\nCCCCCC(=O)OCC\n');
    const ok = await run(['odordiff', 'predict', '--input', good, ...data]);
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')[1].startsWith('CCCCCC(=O)OCC,')).toBe(true);
    const bad = join(dir, 'b.csv');
    writeFileSync(bad, 'name\nfoo\n');
    const r = await run(['odordiff', 'predict', '--input', bad, ...data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nonStereoSMILES');
  });

  it('properties prints RDKit descriptors, SA score and vapour pressure', async () => {
    const r = await run(['odordiff', 'properties', 'CC(C)=CCCC(C)(O)C=C', '--format', 'json', ...data]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out);
    expect(p.molWeight).toBeCloseTo(154.25, 1);
    expect(p.saScore).toBeGreaterThan(1);
    expect(p.notePosition).toBe('heart');
  });

  it('assess-safety rejects an IFRA-prohibited material and explains why', async () => {
    // 7-methylcoumarin, prohibited by IFRA
    const r = await run([
      'odordiff',
      'assess-safety',
      'Cc1ccc2ccc(=O)oc2c1',
      '--detailed',
      '--format',
      'json',
      ...data,
    ]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.recommendation).toBe('reject');
    expect(a.ifra.status).toBe('prohibited');
    expect(a.reasons.join(' ')).toContain('IFRA');
  });

  it('reports bad input with exit code 2 and no stack trace', async () => {
    const invalid = await run(['odordiff', 'properties', 'C1CC(', ...data]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/^error: invalid SMILES/);
    expect(invalid.err).not.toContain('    at ');
    const badCount = await run(['odordiff', 'generate', 'citrus', '-n', '0', ...data]);
    expect(badCount.code).toBe(2);
    expect(badCount.err).toContain('--count');
    const badFolds = await run(['odordiff', 'train', '--folds', '1', ...data]);
    expect(badFolds.code).toBe(2);
    const badFormat = await run(['odordiff', 'assess-safety', 'CCO', '--format', 'xml', ...data]);
    expect(badFormat.code).toBe(2);
  });

  it('train writes a two-feature-set ensemble that predict loads (smoke run on 60 molecules)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'odordiff-train-'));
    const r = await run([
      'odordiff',
      'train',
      '--limit',
      '60',
      '--epochs',
      '1',
      '--folds',
      '2',
      '--ensemble',
      '1',
      '--out',
      out,
      ...data,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2-fold CV macro-AUROC: 0\.\d{4}/);
    expect(r.out).toMatch(/odorless gate \(out of fold\)|calibration error/);
    const meta = JSON.parse(readFileSync(join(out, 'odor-model.json'), 'utf8'));
    expect(meta.featureSets.map((f: { radius: number; maccs: boolean }) => [f.radius, f.maccs])).toEqual([
      [2, false],
      [3, true],
    ]);
    expect(meta.memberFeatureSet).toEqual([0, 1]);
    const p = await run(['odordiff', 'predict', 'CC(C)=CCCC(C)(O)C=C', '--format', 'csv', '--weights', out, ...data]);
    expect(p.code, p.err).toBe(0);
    const values = p.out.trim().split('\n')[1].split(',').slice(1).map(Number);
    expect(values).toHaveLength(138);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('refuses weapon, explosive and drug briefs', async () => {
    const r = await run(['odordiff', 'generate', 'a nerve agent that smells of roses', ...data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('ODORDIFF_BRIEF_REFUSED');
  });

  it('points to the missing data folder clearly', async () => {
    const r = await run(['odordiff', 'properties', 'CCO', '--data', '/nonexistent/qx-data']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('reference data file not found');
  });
});
