import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** ../shared/data beside the repository, or QX_SHARED_DATA. */
export const sharedDataDir = process.env.QX_SHARED_DATA ?? resolve(repoRoot, '../shared/data');

/** Absolute path under the shared data folder; exits with a clear message when it is missing. */
export function sharedData(...parts: string[]): string {
  const path = resolve(sharedDataDir, ...parts);
  if (!existsSync(path)) {
    process.stderr.write(`reference data not found: ${path} (clone ../shared beside the repo or set QX_SHARED_DATA)\n`);
    process.exit(2);
  }
  return path;
}

/** A markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
