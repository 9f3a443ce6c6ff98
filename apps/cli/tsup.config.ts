import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The `quintessence` binary as one ESM file: the @quintessence/* workspaces (TypeScript sources) are bundled in;
// every npm dependency stays external and resolves from node_modules at run time (argon2's native addon, PGlite's
// WASM and data files, RDKit's WASM). Build from the repository root: `tsup --config apps/cli/tsup.config.ts`.
export default defineConfig({
  entry: { main: here('./src/main.ts') },
  outDir: here('./dist'),
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  bundle: true,
  splitting: false,
  sourcemap: true,
  clean: true,
  dts: false,
  noExternal: [/^@quintessence\//],
  // Bare specifiers that are not workspaces (and node: built-ins) stay imports.
  external: [/^(?!@quintessence\/)(?:@[^/]+\/)?[^./][^:]*$/, /^node:/],
});
