#!/usr/bin/env node
// `npm run bench -- <name>`: runs the benchmarks whose folder or file name matches <name> (e.g. `http`,
// `restock`, `adaptive-ml/drift`). With no name it lists them. Each benchmark prints its own markdown table.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : walk(path);
    return name.endsWith('.bench.ts') ? [path] : [];
  });
}

const all = walk(benchDir).map((p) => relative(benchDir, p));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
if (names.length === 0) {
  console.log('Benchmarks (run one with `npm run bench -- <name>`):');
  for (const f of all) console.log(`  ${f.replace(/\.bench\.ts$/, '')}`);
  process.exit(0);
}
const chosen = all.filter((f) => {
  const id = f.replace(/\.bench\.ts$/, '');
  return names.some((n) => id === n || id.startsWith(`${n}/`) || id.split('/').includes(n));
});
if (chosen.length === 0) {
  console.error(
    `No benchmark matches ${names.join(', ')}. Known: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`,
  );
  process.exit(2);
}
let status = 0;
for (const file of chosen) {
  console.log(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file), ...flags], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
