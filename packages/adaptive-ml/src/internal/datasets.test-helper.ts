import { readFileSync } from 'node:fs';
import { sharedData } from '../../../../test/support/shared-data.js';
import type { Features } from '../base/estimator.js';
import { iterCsv } from '../stream/iter-csv.js';

/** River's binary tracks: the label is `true` for the positive class (Elec2 `UP`, Phishing `1`). */
export function loadBinary(name: 'phishing' | 'elec2'): Array<{ x: Features; y: boolean }> {
  const [file, target, positive] =
    name === 'phishing' ? ['phishing.csv', 'is_phishing', '1'] : ['elec2_electricity.csv', 'class', 'UP'];
  const text = readFileSync(sharedData('streaming', file), 'utf8');
  return [...iterCsv(text, { target })].map((s) => ({ x: s.x, y: s.y === positive }));
}

/** River's published final result for a model and dataset (river_published/river_binary_classification_final.csv). */
export function riverPublished(model: string, dataset: string): { accuracy: number; f1: number; memoryMb: number } {
  const text = readFileSync(
    sharedData('streaming', 'river_published', 'river_binary_classification_final.csv'),
    'utf8',
  );
  for (const line of text.trim().split('\n').slice(1)) {
    const [m, d, acc, f1, mem] = line.split(',');
    if (m === model && d === dataset) return { accuracy: Number(acc), f1: Number(f1), memoryMb: Number(mem) };
  }
  throw new Error(`no published result for ${model} on ${dataset}`);
}
