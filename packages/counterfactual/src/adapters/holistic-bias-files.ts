import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '@quintessence/platform';
import { type HolisticBiasDataset, parseHolisticBias } from '../domain/holistic/holistic-bias.js';

/** Where HolisticBias lives by default: `$QX_SHARED_DATA/fairness/holistic_bias_v1.1` or `../shared/data/...`. */
export function defaultHolisticBiasDir(cwd = process.cwd()): string {
  const shared = process.env.QX_SHARED_DATA ?? resolve(cwd, '../shared/data');
  return resolve(shared, 'fairness/holistic_bias_v1.1');
}

/** Loads HolisticBias v1.1 (descriptors.json, nouns.json, sentence_templates.json) from a directory. */
export function loadHolisticBias(dir: string = defaultHolisticBiasDir()): HolisticBiasDataset {
  const read = (name: string): unknown => {
    try {
      return JSON.parse(readFileSync(resolve(dir, name), 'utf8'));
    } catch (error) {
      throw new AppError(
        'VALIDATION_ERROR',
        `cannot read HolisticBias ${name} from ${dir} (${(error as Error).message}); pass --data-dir or set QX_SHARED_DATA`,
      );
    }
  };
  return parseHolisticBias(read('descriptors.json'), read('nouns.json'), read('sentence_templates.json'));
}
