import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The odordiff package folder, found through module resolution (the workspace link in node_modules), so it is right
 * both when running from source and from the bundled CLI in apps/cli/dist.
 */
export const packageRoot = dirname(createRequire(import.meta.url).resolve('@quintessence/odordiff/package.json'));
