import { AppError } from '@quintessence/platform';

/** A parsed CSV table: header names and rows of string cells. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF); cells are trimmed (UCI Adult uses ", " separators). The
 * first line is the header. Rows with a different number of cells are rejected with their line number; blank lines
 * are skipped.
 */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell.trim());
      if (!(row.length === 1 && row[0] === '')) {
        records.push(row);
        lines.push(rowLine);
      }
      row = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted)
    throw new AppError('COUNTERFACTUAL_BAD_INPUT', `CSV: unterminated quoted field starting on line ${rowLine}`);
  row.push(cell.trim());
  if (!(row.length === 1 && row[0] === '')) {
    records.push(row);
    lines.push(rowLine);
  }
  if (records.length === 0) throw new AppError('COUNTERFACTUAL_BAD_INPUT', 'CSV is empty (no header line)');
  const header = records[0]!;
  for (let r = 1; r < records.length; r++) {
    if (records[r]!.length !== header.length) {
      throw new AppError(
        'COUNTERFACTUAL_BAD_INPUT',
        `CSV line ${lines[r]}: ${records[r]!.length} cells, header has ${header.length}`,
      );
    }
  }
  return { header, rows: records.slice(1) };
}

/** Index of a named column, with the available names in the error. */
export function columnIndex(table: CsvTable, name: string, option: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) {
    throw new AppError('VALIDATION_ERROR', `${option} "${name}" is not a column; columns: ${table.header.join(', ')}`);
  }
  return i;
}
