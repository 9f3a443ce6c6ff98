import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@quintessence/platform';
import { extractArrayFeatures } from '../domain/features/transient-features.js';
import type { LabelledBatch } from '../domain/identification/drift-protocol.js';

/** Gas classes of the UCI gas sensor array drift dataset, numbered as in its label files. */
export const uciGases = ['Ethanol', 'Ethylene', 'Ammonia', 'Acetaldehyde', 'Acetone', 'Toluene'] as const;

/**
 * Product codes of the CQU May session mapped to the product names used from July on (pinyin initials: pj 啤酒 beer,
 * hc 红茶 black tea, mj 毛尖 (a green tea; our reading of the code), wlc 乌龙茶 oolong, pr 普洱 pu'er, bj 白酒 liquor,
 * ptj 葡萄酒 wine).
 */
export const cquProductAliases: Readonly<Record<string, string>> = {
  pj: 'beer',
  hc: 'blacktea',
  mj: 'greentea',
  wlc: 'olongtea',
  pr: 'puertea',
  bj: 'liquor',
  ptj: 'wine',
};

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    throw new AppError('SCENT_DATA_NOT_FOUND', `Cannot read directory ${dir}: ${(error as Error).message}`);
  }
}

function parseNumberLine(text: string, file: string, line: number, separator: RegExp): Float64Array {
  const cells = text.trim().split(separator);
  const out = new Float64Array(cells.length);
  for (let j = 0; j < cells.length; j++) {
    const v = Number(cells[j]);
    if (cells[j] === '' || !Number.isFinite(v)) {
      throw new AppError('SCENT_BAD_DATA', `${file}:${line}: column ${j + 1} is not a number ("${cells[j]}")`);
    }
    out[j] = v;
  }
  return out;
}

function batchNumber(name: string, pattern: RegExp): number | null {
  const m = pattern.exec(name);
  return m ? Number(m[1]) : null;
}

/** `batchN_ext.txt` (space-separated features) + `batchN_lab.txt` (integer labels), batches in ascending N. */
export function loadUciExt(dir: string): LabelledBatch[] {
  const numbers = listDir(dir)
    .map((f) => batchNumber(f, /^batch(\d+)_ext\.txt$/))
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
  if (numbers.length === 0) throw new AppError('SCENT_DATA_NOT_FOUND', `No batchN_ext.txt files in ${dir}`);
  return numbers.map((n) => {
    const featFile = join(dir, `batch${n}_ext.txt`);
    const labFile = join(dir, `batch${n}_lab.txt`);
    const rows = readFileSync(featFile, 'utf8')
      .split('\n')
      .map((l, i) => [l, i + 1] as const)
      .filter(([l]) => l.trim() !== '')
      .map(([l, i]) => parseNumberLine(l, featFile, i, /\s+/));
    const labels = readFileSync(labFile, 'utf8')
      .split('\n')
      .map((l, i) => [l.trim(), i + 1] as const)
      .filter(([l]) => l !== '')
      .map(([l, i]) => {
        const v = Number(l);
        if (!Number.isInteger(v))
          throw new AppError('SCENT_BAD_DATA', `${labFile}:${i}: label "${l}" is not an integer`);
        return v;
      });
    if (labels.length !== rows.length) {
      throw new AppError('SCENT_BAD_DATA', `${labFile} has ${labels.length} labels for ${rows.length} feature rows`);
    }
    return { name: `batch${n}`, rows, labels };
  });
}

/** `batchN.csv` rows `gas_name,concentration_ppmv,f1..f128` (UCI raw features), batches in ascending N. */
export function loadUciRaw(dir: string): LabelledBatch[] {
  const numbers = listDir(dir)
    .map((f) => batchNumber(f, /^batch(\d+)\.csv$/))
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
  if (numbers.length === 0) throw new AppError('SCENT_DATA_NOT_FOUND', `No batchN.csv files in ${dir}`);
  return numbers.map((n) => {
    const file = join(dir, `batch${n}.csv`);
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const comma = line.indexOf(',');
        const gas = line.slice(0, comma);
        const label = uciGases.indexOf(gas as (typeof uciGases)[number]);
        if (label < 0) throw new AppError('SCENT_BAD_DATA', `${file}:${i + 1}: unknown gas "${gas}"`);
        const values = parseNumberLine(line.slice(comma + 1), file, i + 1, /,/);
        rows.push(values.subarray(1));
        labels.push(label + 1);
      });
    return { name: `batch${n}`, rows, labels };
  });
}

/** Reads one CQU raw file: an optional `***time***` header, then 32 lines × 180 samples. */
export function readCquSeries(file: string): Float64Array[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim() !== '' && !l.startsWith('*'))
    .map(([l, i]) => parseNumberLine(l, file, i, /\s+/));
}

/**
 * CQU sessions: one sub-folder per session (name order = time order), files labelled by their product prefix (May
 * codes mapped through {@link cquProductAliases}); features are our UCI-style transient extraction per channel.
 * Returns the batches and the product names behind the numeric labels.
 */
export function loadCqu(dir: string): { batches: LabelledBatch[]; products: string[] } {
  const sessions = listDir(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();
  if (sessions.length === 0) throw new AppError('SCENT_DATA_NOT_FOUND', `No session folders in ${dir}`);
  const products: string[] = [];
  const batches = sessions.map((session) => {
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (const file of listDir(join(dir, session)).sort()) {
      if (!file.endsWith('.txt')) continue;
      const code = /^[a-z]+/i.exec(file)?.[0]?.toLowerCase();
      if (!code) continue;
      const product = cquProductAliases[code] ?? code;
      if (!products.includes(product)) products.push(product);
      rows.push(extractArrayFeatures(readCquSeries(join(dir, session, file)), { baselineSamples: 1 }));
      labels.push(products.indexOf(product) + 1);
    }
    return { name: session, rows, labels };
  });
  return { batches, products };
}
