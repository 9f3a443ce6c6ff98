import { AppError } from '@quintessence/platform';

/**
 * Demand-history CSV readers. Wide: first column the series id, one column per period, blank = missing. Long:
 * `date,sku,quantity`. A cell that is not a number is an error naming its line and column; nothing is returned
 * partially.
 */
export interface DemandSeries {
  readonly id: string;
  /** NaN marks a missing period. */
  readonly values: Float64Array;
}

function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function parseCell(cell: string, line: number, column: string): number {
  const t = cell.trim();
  if (t === '') return Number.NaN;
  const v = Number(t);
  if (!Number.isFinite(v)) {
    throw new AppError('RESTOCK_INVALID_CSV', `line ${line}, column "${column}": "${cell}" is not a number`, {
      details: { line, column, value: cell },
    });
  }
  if (v < 0) {
    throw new AppError(
      'RESTOCK_INVALID_CSV',
      `line ${line}, column "${column}": demand must be non-negative, got ${v}`,
      {
        details: { line, column, value: cell },
      },
    );
  }
  return v;
}

/** Parses a wide CSV (header row: id column, then one column per period). */
export function parseWideCsv(text: string): { periods: string[]; series: DemandSeries[] } {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length < 2) throw new AppError('RESTOCK_INVALID_CSV', 'the CSV needs a header row and at least one series');
  const header = splitCsvLine(lines[0]!);
  const periods = header.slice(1);
  if (periods.length === 0)
    throw new AppError('RESTOCK_INVALID_CSV', 'line 1: the header needs at least one period column');
  const series: DemandSeries[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = splitCsvLine(lines[i]!);
    if (cells.length > header.length) {
      throw new AppError(
        'RESTOCK_INVALID_CSV',
        `line ${i + 1}: ${cells.length} cells but the header has ${header.length}`,
      );
    }
    const values = new Float64Array(periods.length).fill(Number.NaN);
    for (let j = 1; j < cells.length; j++) values[j - 1] = parseCell(cells[j]!, i + 1, header[j]!);
    series.push({ id: cells[0]!.trim(), values });
  }
  return { periods, series };
}

/** Parses a long CSV `date,sku,quantity` into one series per SKU over the sorted distinct dates (missing = 0). */
export function parseLongCsv(text: string): { periods: string[]; series: DemandSeries[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new AppError('RESTOCK_INVALID_CSV', 'the CSV needs a header row and at least one row');
  const header = splitCsvLine(lines[0]!).map((h) => h.trim().toLowerCase());
  const di = header.indexOf('date');
  const si = header.indexOf('sku');
  const qi = header.indexOf('quantity');
  if (di < 0 || si < 0 || qi < 0)
    throw new AppError('RESTOCK_INVALID_CSV', 'line 1: a long CSV needs the columns date, sku, quantity');
  const rows: Array<{ date: string; sku: string; q: number }> = [];
  for (let i = 1; i < lines.length; i++) {
    const c = splitCsvLine(lines[i]!);
    const date = (c[di] ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}/.test(date))
      throw new AppError('RESTOCK_INVALID_CSV', `line ${i + 1}: "${date}" is not a date (YYYY-MM-DD)`);
    const q = parseCell(c[qi] ?? '', i + 1, 'quantity');
    if (Number.isNaN(q)) throw new AppError('RESTOCK_INVALID_CSV', `line ${i + 1}: quantity is empty`);
    rows.push({ date, sku: (c[si] ?? '').trim(), q });
  }
  const periods = [...new Set(rows.map((r) => r.date))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const bySku = new Map<string, Float64Array>();
  for (const r of rows) {
    let v = bySku.get(r.sku);
    if (!v) {
      v = new Float64Array(periods.length);
      bySku.set(r.sku, v);
    }
    v[index.get(r.date)!]! += r.q;
  }
  return { periods, series: [...bySku].map(([id, values]) => ({ id, values })) };
}

/** Reads either layout: long when the header names date, sku and quantity. */
export function parseDemandCsv(text: string): { periods: string[]; series: DemandSeries[] } {
  const first = (text.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  const cols = first.split(',').map((s) => s.trim());
  return cols.includes('date') && cols.includes('sku') && cols.includes('quantity')
    ? parseLongCsv(text)
    : parseWideCsv(text);
}

/** The first `n` periods of a series, or undefined when any of them is missing. */
export function completePrefix(values: Float64Array, n: number): Float64Array | undefined {
  if (values.length < n) return undefined;
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!)) return undefined;
  return values.subarray(0, n);
}
