import type { Features } from '../base/estimator.js';
import { StreamFormatError } from './stream-format-error.js';

/** How a column is read: a number, a category (one-hot `name=value` feature), or skipped. */
export type ColumnType = 'number' | 'category' | 'ignore';

/** Options of {@link iterCsv}. */
export interface CsvOptions {
  /** Name of the target column. */
  target: string;
  /** Field delimiter (default `,`). */
  delimiter?: string;
  /** Column types; columns not listed are inferred from the first data row (number if it parses, else category). */
  types?: Record<string, ColumnType>;
  /** How the target is read (default: kept as the raw string). */
  targetType?: 'string' | 'number';
}

/** One sample of a stream: features, target, and the 1-based source line. */
export interface Sample<Y = string | number> {
  x: Features;
  y: Y;
  line: number;
}

/** Splits one CSV line, honouring double-quoted fields with `""` escapes. */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

const isNumeric = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/**
 * Iterates a CSV text with a header as (x, y) samples in file order. Numeric columns become numbers, category columns
 * one-hot features, empty numeric cells are treated as missing (the feature is absent). A row with the wrong number of
 * fields, a non-numeric value in a numeric column, or an empty target throws {@link StreamFormatError} with its line.
 *
 * @example
 * for (const { x, y } of iterCsv('a,b,y\n1,2,UP\n', { target: 'y' })) console.log(x, y); // { a: 1, b: 2 } 'UP'
 */
export function* iterCsv(text: string, options: CsvOptions): Generator<Sample> {
  const delimiter = options.delimiter ?? ',';
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', delimiter).map((h) => h.trim());
  if (header.length === 0 || header[0] === '') throw new StreamFormatError(1, 'missing header');
  const targetIndex = header.indexOf(options.target);
  if (targetIndex < 0) {
    throw new StreamFormatError(1, `target column "${options.target}" not in header (${header.join(', ')})`);
  }
  let types: ColumnType[] | undefined;
  for (let li = 1; li < lines.length; li++) {
    const raw = lines[li];
    if (raw.trim() === '') continue;
    const line = li + 1;
    const fields = splitCsvLine(raw, delimiter);
    if (fields.length !== header.length) {
      throw new StreamFormatError(line, `expected ${header.length} fields, found ${fields.length}`);
    }
    if (!types) {
      types = header.map((name, i) => options.types?.[name] ?? (isNumeric(fields[i]) ? 'number' : 'category'));
    }
    const x: Features = {};
    for (let i = 0; i < fields.length; i++) {
      if (i === targetIndex) continue;
      const type = types[i];
      const value = fields[i].trim();
      if (type === 'ignore') continue;
      if (type === 'number') {
        if (value === '') continue;
        const v = Number(value);
        if (!Number.isFinite(v)) {
          throw new StreamFormatError(line, `column "${header[i]}" expects a number, found "${value}"`);
        }
        x[header[i]] = v;
      } else if (value !== '') x[`${header[i]}=${value}`] = 1;
    }
    const target = fields[targetIndex].trim();
    if (target === '') throw new StreamFormatError(line, `empty target "${options.target}"`);
    let y: string | number = target;
    if (options.targetType === 'number') {
      y = Number(target);
      if (!Number.isFinite(y)) throw new StreamFormatError(line, `target "${options.target}" expects a number`);
    }
    yield { x, y, line };
  }
}

/**
 * Iterates JSON-lines text (`{"feature": 1, ..., "<target>": "label"}` per line) as samples.
 *
 * @example
 * [...iterJsonLines('{"a":1,"y":"x"}', { target: 'y' })]; // [{ x: { a: 1 }, y: 'x', line: 1 }]
 */
export function* iterJsonLines(text: string, options: { target: string }): Generator<Sample> {
  const lines = text.split(/\r?\n/);
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li].trim();
    if (raw === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new StreamFormatError(li + 1, 'not valid JSON');
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj))
      throw new StreamFormatError(li + 1, 'expected an object');
    const record = obj as Record<string, unknown>;
    const y = record[options.target];
    if (typeof y !== 'string' && typeof y !== 'number') {
      throw new StreamFormatError(li + 1, `missing target "${options.target}"`);
    }
    const x: Features = {};
    for (const [k, v] of Object.entries(record)) {
      if (k === options.target || v === null) continue;
      if (typeof v === 'number') x[k] = v;
      else if (typeof v === 'string' || typeof v === 'boolean') x[`${k}=${v}`] = 1;
      else throw new StreamFormatError(li + 1, `field "${k}" must be a number, string or boolean`);
    }
    yield { x, y, line: li + 1 };
  }
}
