import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '@quintessence/platform';
import { type FragmentScores, fragmentScoresFromRows } from '../../domain/properties/sa-score.js';
import { packageRoot } from './package-root.js';

const repoRoot = resolve(packageRoot, '../..');

/** Default location of the reference data: `../shared/data` beside the repository. */
export const defaultReferenceDataDir = process.env.QX_SHARED_DATA ?? resolve(repoRoot, '../shared/data');

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
