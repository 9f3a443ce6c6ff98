// Shared helpers of the adaptive-ml benchmarks: reference data from ../shared/data/streaming and markdown tables.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Features, iterCsv } from '@quintessence/adaptive-ml';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const dataDir = process.env.QX_SHARED_DATA ?? resolve(repoRoot, '../shared/data');

export function streamingFile(...parts: string[]): string {
  const path = resolve(dataDir, 'streaming', ...parts);
  if (!existsSync(path)) {
    console.error(`reference data not found: ${path} (clone ../shared beside the repo or set QX_SHARED_DATA)`);
    process.exit(1);
  }
  return path;
}

/** River's binary tracks as (x, boolean y): Elec2 `UP`, Phishing `1` are the positive class. */
export function loadBinary(name: 'Phishing' | 'Elec2' | 'Bananas'): Array<{ x: Features; y: boolean }> {
  const [file, target, positive] =
    name === 'Phishing'
      ? ['phishing.csv', 'is_phishing', '1']
      : name === 'Bananas'
        ? ['bananas.csv', 'y', '1']
        : ['elec2_electricity.csv', 'class', 'UP'];
  const text = readFileSync(streamingFile(file), 'utf8');
  return [...iterCsv(text, { target })].map((s) => ({ x: s.x, y: s.y === positive }));
}

export interface PublishedRow {
  accuracy: number;
  f1: number;
  memoryMb: number;
}

export function riverBinaryTable(): Map<string, PublishedRow> {
  const text = readFileSync(streamingFile('river_published', 'river_binary_classification_final.csv'), 'utf8');
  const out = new Map<string, PublishedRow>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [model, dataset, acc, f1, mem] = line.split(',');
    out.set(`${model}|${dataset}`, { accuracy: Number(acc), f1: Number(f1), memoryMb: Number(mem) });
  }
  return out;
}

export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(6)) : v);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`),
  ].join('\n');
}

/** Size of the model's serialised state (toJSON) in MB: a proxy for model-state memory. */
export function stateMb(model: { toJSON(): unknown }): number {
  return Buffer.byteLength(JSON.stringify(model.toJSON())) / 1e6;
}
