import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '@quintessence/platform';
import type { MlpWeights } from '../../domain/odor/multi-label-mlp.js';
import type { OdorModelArtifact } from '../../domain/odor/odor-model.js';
import { packageRoot } from './package-root.js';

/** Where the committed weights live (`packages/odordiff/weights`). */
export const defaultWeightsDir = resolve(packageRoot, 'weights');

const arrayKeys = ['w1s', 'w1d', 'b1', 'w2', 'b2'] as const;

/** The odor map: embeddings of the GS-LF training molecules, quantised to 8 bits per dimension. */
export interface StoredOdorMap {
  /** Row numbers in gslf_train.csv (0-based, header excluded). */
  readonly rows: readonly number[];
  readonly dims: number;
  /** FNV-1a hash of the SMILES column the map was built from (to detect a different data file). */
  readonly smilesHash: string;
  /** Row-major `rows.length x dims` embedding (dequantised). */
  readonly vectors: Float64Array;
}

/** FNV-1a 32-bit hash of the SMILES list, hex. */
export function smilesListHash(smiles: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const s of smiles) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 10, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Writes `odor-model.json` (metadata), `odor-model.bin` (Float32 weights) and `odor-map.bin` (uint8 map). */
export function saveOdorModel(
  dir: string,
  artifact: OdorModelArtifact,
  map: { rows: readonly number[]; smiles: readonly string[]; vectors: Float64Array; dims: number },
): { files: string[]; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const chunks: Float32Array[] = [];
  let offset = 0;
  const members = artifact.members.map((m) => {
    const layout: Record<string, [number, number]> = {};
    for (const k of arrayKeys) {
      layout[k] = [offset, m[k].length];
      chunks.push(m[k]);
      offset += m[k].length;
    }
    return { options: m.options, layout };
  });
  const weights = new Float32Array(offset);
  let o = 0;
  for (const c of chunks) {
    weights.set(c, o);
    o += c.length;
  }
  const n = map.rows.length;
  const scales = new Float64Array(map.dims);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < map.dims; j++) scales[j] = Math.max(scales[j], Math.abs(map.vectors[i * map.dims + j]));
  const q = new Uint8Array(n * map.dims);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < map.dims; j++) {
      const s = scales[j] || 1;
      q[i * map.dims + j] = Math.round((Math.max(0, map.vectors[i * map.dims + j]) / s) * 255);
    }
  const { members: _drop, ...rest } = artifact;
  const meta = {
    ...rest,
    members,
    weightsFile: 'odor-model.bin',
    odorMap: {
      file: 'odor-map.bin',
      rows: map.rows,
      dims: map.dims,
      scales: [...scales],
      smilesHash: smilesListHash(map.smiles),
    },
  };
  const files = [join(dir, 'odor-model.json'), join(dir, 'odor-model.bin'), join(dir, 'odor-map.bin')];
  writeFileSync(files[0], `${JSON.stringify(meta)}\n`);
  writeFileSync(files[1], Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength));
  writeFileSync(files[2], q);
  return { files, bytes: weights.byteLength + q.byteLength };
}

/** Reads a stored model; throws `ODORDIFF_MODEL_MISSING` when the files are absent. */
export function loadOdorModel(dir: string = defaultWeightsDir): { artifact: OdorModelArtifact; map: StoredOdorMap } {
  const metaFile = join(dir, 'odor-model.json');
  if (!existsSync(metaFile))
    throw new AppError(
      'ODORDIFF_MODEL_MISSING',
      `odor model not found in ${dir} (run \`quintessence odordiff train\` to build it)`,
    );
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  const bin = readFileSync(join(dir, meta.weightsFile));
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  const members: MlpWeights[] = meta.members.map(
    (m: { options: MlpWeights['options']; layout: Record<string, [number, number]> }) => {
      const part = (k: (typeof arrayKeys)[number]) => all.slice(m.layout[k][0], m.layout[k][0] + m.layout[k][1]);
      return { options: m.options, w1s: part('w1s'), w1d: part('w1d'), b1: part('b1'), w2: part('w2'), b2: part('b2') };
    },
  );
  const { members: _m, weightsFile: _w, odorMap, ...rest } = meta;
  const q = readFileSync(join(dir, odorMap.file));
  const vectors = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) vectors[i] = (q[i] / 255) * odorMap.scales[i % odorMap.dims];
  return {
    artifact: { ...rest, members } as OdorModelArtifact,
    map: { rows: odorMap.rows, dims: odorMap.dims, smilesHash: odorMap.smilesHash, vectors },
  };
}
