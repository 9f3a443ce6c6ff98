import { readFileSync, statSync } from 'node:fs';
import { AppError } from '@quintessence/platform';

/** Reads a UTF-8 input file for a CLI command, with clear errors for missing, directory or oversized files. */
export function readInputFile(path: string, option = '--input', maxBytes = 256 * 1024 * 1024): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new AppError('VALIDATION_ERROR', `${option} ${path} is a directory, not a file`);
    size = st.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_ERROR', `${option} file not found or unreadable: ${path}`);
  }
  if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `${option} ${path} is larger than ${maxBytes} bytes`);
  return readFileSync(path, 'utf8');
}

/** Non-empty lines of a text (CRLF tolerant). */
export function nonEmptyLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim().length > 0);
}
