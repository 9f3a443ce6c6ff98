#!/usr/bin/env node
// The `quintessence` command. Runs the built CLI when `npm run build` has produced it and QX_FROM_SOURCE is not
// set; otherwise runs the TypeScript sources through tsx, so `npx quintessence` works right after `npm install`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url));
if (existsSync(built) && !process.env.QX_FROM_SOURCE && process.env.QX_FROM_DIST) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../apps/cli/src/main.ts');
}
