// Throughput of full per-molecule scoring, OdorDiff (RDKit MinimalLib WASM + TypeScript) next to RDKit Python
// (Debian python3-rdkit) doing the same work on the same molecules in the same run:
// parse, MW, cLogP, TPSA, HBD, HBA, rotatable bonds, aromatic rings, heavy atoms, Fsp3, SA score, Morgan r2/2048 bits.
//   npx tsx bench/odordiff/throughput.bench.ts [--n 1000] [--repeats 3]
// Installs python3-rdkit with apt-get (non-interactive; sudo when not root) when `python3 -c "import rdkit"` fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { morganBits, RdkitToolkit, ReferenceData } from '../../packages/odordiff/src/index.js';
import { type MoleculeScores, scoreMolecule } from '../../packages/odordiff/src/service/properties.js';
import { dataDir, table } from './common.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('--n', 1000);
const repeats = arg('--repeats', 3);

/** `python3` on PATH, else Debian's own interpreter (python3-rdkit installs there; pyenv shims may shadow it). */
const pythonCandidates = ['python3', '/usr/bin/python3'];
function pythonWithRdkit(): string | undefined {
  return pythonCandidates.find((py) => spawnSync(py, ['-c', 'import rdkit'], { stdio: 'ignore' }).status === 0);
}

/** Installs Debian's python3-rdkit (apt-get, non-interactive, via sudo unless root) when no python3 imports rdkit. */
function ensurePythonRdkit(): { python: string; installed: string } {
  const found = pythonWithRdkit();
  if (found) return { python: found, installed: 'already installed' };
  const root = process.getuid?.() === 0;
  const run = (args: string[]) => {
    const cmd = root ? 'apt-get' : 'sudo';
    const full = root ? args : ['-n', 'apt-get', ...args];
    console.error(`installing python3-rdkit: ${cmd} ${full.join(' ')}`);
    return spawnSync(cmd, full, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status;
  };
  const install = ['install', '-y', '--no-install-recommends', 'python3-rdkit'];
  if (run(install) !== 0) {
    run(['update']);
    if (run(install) !== 0) throw new Error('apt-get install python3-rdkit failed (see the output above)');
  }
  const python = pythonWithRdkit();
  if (!python)
    throw new Error(`python3-rdkit was installed but \`import rdkit\` fails in ${pythonCandidates.join(' and ')}`);
  return { python, installed: 'installed by this run (apt-get)' };
}

type Scored = MoleculeScores & { bits: number[] };

const data = new ReferenceData(dataDir);
const molecules = data
  .text('odor', 'gslf_train.csv')
  .trim()
  .split('\n')
  .slice(1, n + 1)
  .map((line) => line.slice(0, line.indexOf(',')));

const { python, installed } = ensurePythonRdkit();
const rdkit = await RdkitToolkit.load();
const fragments = data.fragmentScores();

/**
 * The TypeScript side: the module's own descriptor and SA scoring (`computeProperties` without vapour pressure)
 * plus the Morgan fingerprint.
 */
function score(smiles: string): Scored | null {
  const scored = scoreMolecule(rdkit, fragments, smiles);
  return scored && { ...scored.scores, bits: [...morganBits(scored.graph, 2, 2048)] };
}

for (const s of molecules.slice(0, 50)) score(s); // warm-up (JIT, WASM), not timed
const tsSeconds: number[] = [];
let tsResults: (Scored | null)[] = [];
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  tsResults = molecules.map(score);
  tsSeconds.push((performance.now() - t0) / 1000);
}

const dir = mkdtempSync(join(tmpdir(), 'odordiff-throughput-'));
const smilesFile = join(dir, 'molecules.smi');
writeFileSync(smilesFile, `${molecules.join('\n')}\n`);
const script = fileURLToPath(new URL('rdkit_scoring.py', import.meta.url));
const py = spawnSync(python, [script, smilesFile, data.path('odor', 'sascore', 'fpscores.json.gz'), String(repeats)], {
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
rmSync(dir, { recursive: true, force: true });
if (py.status !== 0) throw new Error(`rdkit_scoring.py failed: ${py.stderr}`);
const pyOut = JSON.parse(py.stdout) as { rdkitVersion: string; seconds: number[]; results: (Scored | null)[] };

// Same work? Compare every value both sides computed.
const keys = [
  'molWeight',
  'clogP',
  'tpsa',
  'hbd',
  'hba',
  'rotatableBonds',
  'aromaticRings',
  'heavyAtoms',
  'fsp3',
] as const satisfies readonly (keyof MoleculeScores)[];
let both = 0;
let saWithin = 0;
let saMax = 0;
let bitsEqual = 0;
const descMax = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
const descSame = Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
for (let i = 0; i < molecules.length; i++) {
  const a = tsResults[i];
  const b = pyOut.results[i];
  if (!a || !b) continue;
  both++;
  const e = Math.abs(a.saScore - b.saScore);
  saMax = Math.max(saMax, e);
  if (e <= 1e-3) saWithin++;
  if (a.bits.length === b.bits.length && a.bits.every((x, j) => x === b.bits[j])) bitsEqual++;
  for (const k of keys) {
    const diff = Math.abs(a[k] - b[k]);
    descMax[k] = Math.max(descMax[k], diff);
    if (diff <= 1e-6) descSame[k]++;
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const tsRate = molecules.length / median(tsSeconds);
const pyRate = molecules.length / median(pyOut.seconds);
console.log(
  `## Full scoring per molecule: OdorDiff (RDKit MinimalLib ${rdkit.version}, Node ${process.version}) vs RDKit Python ${pyOut.rdkitVersion} (${python}, python3-rdkit ${installed})\n`,
);
console.log(
  `${molecules.length} GS-LF molecules (first rows of gslf_train.csv), ${repeats} timed passes each after a 50-molecule warm-up; median pass.\n`,
);
table(
  ['implementation', 'molecules/s', 'ms per molecule', 'passes (s)', 'relative to RDKit Python'],
  [
    [
      'RDKit Python (C++ RDKit, anchor)',
      pyRate.toFixed(0),
      (1000 / pyRate).toFixed(3),
      pyOut.seconds.map((s) => s.toFixed(2)).join(', '),
      '1.00',
    ],
    [
      'OdorDiff (RDKit WASM + TS Morgan/SA)',
      tsRate.toFixed(0),
      (1000 / tsRate).toFixed(3),
      tsSeconds.map((s) => s.toFixed(2)).join(', '),
      `${(tsRate / pyRate).toFixed(2)} (RDKit Python ${(pyRate / tsRate).toFixed(1)}x faster)`,
    ],
  ],
);
console.log(
  'Same work check (molecules both sides parsed; the two RDKit releases differ by four years, so a descriptor whose definition changed in between may differ):\n',
);
table(
  ['value', 'molecules', 'agreement'],
  [
    ['SA score within 1e-3', both, `${saWithin}/${both} (max abs diff ${saMax.toExponential(2)})`],
    ['Morgan r2/2048 set bits identical', both, `${bitsEqual}/${both}`],
    ...keys.map(
      (k) =>
        [k, both, `${descSame[k]}/${both} equal (max abs diff ${descMax[k].toExponential(2)})`] as [
          string,
          number,
          string,
        ],
    ),
  ],
);
