import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { AppError } from '@quintessence/platform';
import { type FragmentScores, fragmentScoresFromRows } from '../../domain/properties/sa-score.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

/** Default location of the reference data: `../shared/data` beside the repository. */
export const defaultReferenceDataDir = resolve(repoRoot, '../shared/data');

/**
 * Reads files of the shared reference data (GS-LF, IFRA, SA fragments, alerts, vapour pressures) at run time. These
 * tables carry third-party terms and are never copied into the repository.
 */
export class ReferenceData {
  readonly dir: string;
  #fragments: FragmentScores | undefined;

  constructor(dir: string = defaultReferenceDataDir) {
    this.dir = resolve(dir);
  }

  /** Whether the folder exists at all. */
  get isAvailable(): boolean {
    return existsSync(this.dir);
  }

  /** Absolute path of a file below the data folder; throws `ODORDIFF_DATA_MISSING` when it is absent. */
  path(...parts: string[]): string {
    const file = resolve(this.dir, ...parts);
    if (!existsSync(file)) {
      throw new AppError(
        'ODORDIFF_DATA_MISSING',
        `reference data file not found: ${file} (place ../shared/data beside the repository or pass --data <dir>)`,
      );
    }
    return file;
  }

  /** UTF-8 text of a data file. */
  text(...parts: string[]): string {
    return readFileSync(this.path(...parts), 'utf8');
  }

  /** SA-score fragment contributions from `odor/sascore/fpscores.json.gz` (loaded once). */
  fragmentScores(): FragmentScores {
    if (!this.#fragments) {
      const rows = JSON.parse(gunzipSync(readFileSync(this.path('odor', 'sascore', 'fpscores.json.gz'))).toString());
      this.#fragments = fragmentScoresFromRows(rows as number[][]);
    }
    return this.#fragments;
  }
}
