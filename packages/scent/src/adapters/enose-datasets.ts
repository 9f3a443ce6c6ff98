import {
  closeSync,
  constants,
  createReadStream,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { access } from 'node:fs/promises';
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

/**
 * The lines of a text file, read chunk by chunk as the consumer asks for them (memory: one chunk, whatever the file
 * size). Line numbers start at 1.
 */
export async function* readTextLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  let stream: ReturnType<typeof createReadStream>;
  try {
    await access(file, constants.R_OK);
    stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  } catch (error) {
    throw new AppError(
      'SCENT_DATA_NOT_FOUND',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let rest = '';
  let line = 0;
  try {
    for await (const chunk of stream) {
      const parts = (rest + (chunk as string)).split('\n');
      rest = parts.pop()!;
      for (const text of parts) {
        line += 1;
        yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, line };
      }
    }
  } finally {
    stream.destroy();
  }
  if (rest !== '') yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: line + 1 };
}

/** One measurement of the UCI drift raw format. */
export interface UciRawRow {
  readonly file: string;
  readonly line: number;
  readonly gas: (typeof uciGases)[number];
  readonly concentrationPpmv: number;
  /** The 128 features (16 sensors × 8, sensor-major). */
  readonly values: Float64Array;
}

function uciRawFiles(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (error) {
    throw new AppError(
      'SCENT_DATA_NOT_FOUND',
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (!isDir) return [path];
  const numbers = listDir(path)
    .map((f) => batchNumber(f, /^batch(\d+)\.csv$/))
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
  if (numbers.length === 0) throw new AppError('SCENT_DATA_NOT_FOUND', `No batchN.csv files in ${path}`);
  return numbers.map((n) => join(path, `batch${n}.csv`));
}

/**
 * Streams UCI drift raw rows `gas_name,concentration_ppmv,f1..f128` from one `batchN.csv` or from every batch file
 * of a folder (ascending N). Unknown gases, non-numeric cells and rows whose feature count differs from the first
 * row throw `SCENT_BAD_DATA` naming `file:line`.
 */
export async function* streamUciRaw(path: string): AsyncGenerator<UciRawRow> {
  let width = -1;
  for (const file of uciRawFiles(path)) {
    for await (const { text, line } of readTextLines(file)) {
      if (text.trim() === '') continue;
      const comma = text.indexOf(',');
      const gas = (comma < 0 ? text : text.slice(0, comma)).trim();
      if (!uciGases.includes(gas as (typeof uciGases)[number])) {
        throw new AppError(
          'SCENT_BAD_DATA',
          `${file}:${line}: unknown gas "${gas.slice(0, 40)}" (expected one of ${uciGases.join(', ')})`,
        );
      }
      const numbers = parseNumberLine(text.slice(comma + 1), file, line, /,/);
      if (numbers.length < 2) throw new AppError('SCENT_BAD_DATA', `${file}:${line}: no feature columns`);
      if (width < 0) width = numbers.length;
      if (numbers.length !== width) {
        throw new AppError(
          'SCENT_BAD_DATA',
          `${file}:${line}: ${numbers.length - 1} features, expected ${width - 1} like the first row`,
        );
      }
      yield {
        file,
        line,
        gas: gas as (typeof uciGases)[number],
        concentrationPpmv: numbers[0]!,
        values: numbers.subarray(1),
      };
    }
  }
}

/** One CQU raw file: channels × samples. */
export interface CquRawFile {
  readonly file: string;
  /** The `******yyyy/m/d h:mm:ss******` header read as UTC (null when the file has none). */
  readonly startedAtMs: number | null;
  /** One series per channel (line), all of the same length. */
  readonly series: Float64Array[];
  /** Line number of each channel's series, for messages. */
  readonly lines: number[];
}

function cquHeaderTime(text: string): number | null {
  const m = /^\*+\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s*\*+$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Reads one CQU raw file strictly: optional `***` header lines (the time, markers), then one whitespace-separated line per channel
 * (32 × 180 in the shared data); a non-numeric cell or a line whose length differs from the first throws
 * `SCENT_BAD_DATA` naming `file:line`.
 */
export function readCquRawFile(file: string): CquRawFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'SCENT_DATA_NOT_FOUND',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let startedAtMs: number | null = null;
  const series: Float64Array[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (l === '') return;
    if (l.startsWith('*')) {
      // header lines: the time (******yyyy/m/d h:mm:ss******) and markers such as ***START OF FILE***
      if (series.length > 0) {
        throw new AppError('SCENT_BAD_DATA', `${file}:${i + 1}: a *** header line after the data`);
      }
      startedAtMs = cquHeaderTime(l) ?? startedAtMs;
      return;
    }
    const row = parseNumberLine(l, file, i + 1, /\s+/);
    if (series.length > 0 && row.length !== series[0]!.length) {
      throw new AppError(
        'SCENT_BAD_DATA',
        `${file}:${i + 1}: ${row.length} samples, expected ${series[0]!.length} like line ${lines[0]}`,
      );
    }
    series.push(row);
    lines.push(i + 1);
  });
  if (series.length === 0) throw new AppError('SCENT_BAD_DATA', `${file}: no data lines`);
  return { file, startedAtMs, series, lines };
}

function cquHeaderOf(file: string): number | null {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8').split('\n').slice(0, 3);
    for (const l of head) {
      const t = cquHeaderTime(l);
      if (t !== null) return t;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The CQU raw files under `path` (one file, a session folder, or a folder of session folders in name order) in
 * replay order: within a session, files with a time header by that time, then the others by name.
 */
export function listCquRawFiles(path: string): Array<{ file: string; startedAtMs: number | null }> {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new AppError(
      'SCENT_DATA_NOT_FOUND',
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (!stat.isDirectory()) return [{ file: path, startedAtMs: cquHeaderOf(path) }];
  const entries = listDir(path).sort();
  const sessions = entries.filter((d) => statSync(join(path, d)).isDirectory());
  const folders = sessions.length > 0 ? sessions.map((s) => join(path, s)) : [path];
  const out: Array<{ file: string; startedAtMs: number | null }> = [];
  for (const folder of folders) {
    const files = listDir(folder)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ file: join(folder, f), startedAtMs: cquHeaderOf(join(folder, f)) }));
    const timed = files.filter((f) => f.startedAtMs !== null).sort((a, b) => a.startedAtMs! - b.startedAtMs!);
    out.push(...timed, ...files.filter((f) => f.startedAtMs === null));
  }
  if (out.length === 0) throw new AppError('SCENT_DATA_NOT_FOUND', `No CQU .txt files under ${path}`);
  return out;
}
