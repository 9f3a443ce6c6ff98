import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the reference datasets live: `../shared/data` beside the repository, or `QX_SHARED_DATA`.
 * Tests that need them use `describe.skipIf(!hasSharedData)` so a fresh clone without `../shared` still passes.
 */
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const sharedDataDir = process.env.QX_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
export const hasSharedData = existsSync(sharedDataDir);
export const sharedDataSkipMessage = `reference data not found at ${sharedDataDir} (clone ../shared beside the repo or set QX_SHARED_DATA)`;

/** Absolute path of a file under the shared data folder. */
export function sharedData(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}

if (!hasSharedData) {
  console.warn(`[skip] ${sharedDataSkipMessage}`);
}
