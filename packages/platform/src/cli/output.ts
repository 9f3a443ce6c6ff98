import { AppError } from '../errors/app-error.js';
import type { CliIo } from '../module.js';

export const outputFormats = ['json', 'table', 'csv'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** Parses a `--format` value; throws a usage error naming the allowed values. */
export function parseFormat(value: string, allowed: readonly string[] = outputFormats): string {
  if (!allowed.includes(value)) {
    throw new AppError('VALIDATION_ERROR', `--format must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of rows (columns from the first row unless given). */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const lines = [cols.map(csvCell).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** A plain aligned text table. */
export function toTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  if (cols.length === 0) return '(no rows)\n';
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line([...cols]), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n')}\n`;
}

/**
 * Writes a result in the chosen format. Rows (an array of flat objects) print as table/CSV; any other value prints
 * as JSON for `json`, as a key/value table for `table`.
 */
export function writeOutput(io: CliIo, format: string, data: unknown, columns?: readonly string[]): void {
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const rows = Array.isArray(data)
    ? (data as Record<string, unknown>[])
    : typeof data === 'object' && data !== null
      ? Object.entries(data).map(([key, value]) => ({ key, value }))
      : [{ value: data }];
  io.stdout.write(format === 'csv' ? toCsv(rows, columns) : toTable(rows, columns));
}
