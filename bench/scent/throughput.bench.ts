// Scoring throughput of the golden-batch model on 128-feature samples, one core: samples/s and per-sample latency
// (p50/p99) of GoldenBatchModel.score next to numpy doing the same maths in the same run (per-sample calls and one
// vectorised matrix), with the largest T²/SPE difference between the two as a check. Goal ≥ 50k samples/s.
// Run: npm run bench -- scent/throughput [--samples=200000]
// numpy: Debian's python3-numpy; the bench runs `apt-get install -y python3-numpy` when it is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoldenBatchModel, seededRng } from '@quintessence/scent';
import { intFlag, printTable } from './simulated-line.js';

const features = 128;
const latent = 12;
const reference = 1000;
const samples = intFlag('samples', 200_000);

// reference and monitoring data: 12 latent factors (an e-nose array's few independent responses) + channel noise
const rng = seededRng(128);
const mixing = Float64Array.from({ length: features * latent }, () => rng.normal());
const row = (shift = 0) => {
  const f = Array.from({ length: latent }, () => rng.normal());
  return Float64Array.from({ length: features }, (_, j) => {
    let v = 100 + j;
    for (let a = 0; a < latent; a++) v += mixing[j * latent + a]! * f[a]!;
    return v + 0.3 * rng.normal() + (j === 5 ? shift : 0);
  });
};
const model = GoldenBatchModel.fit(
  Array.from({ length: reference }, () => row()),
  { alpha: 0.01 },
);
const data = new Float64Array(samples * features);
for (let i = 0; i < samples; i++) data.set(row(i % 50 === 0 ? 5 : 0), i * features);

const python = '/usr/bin/python3';
function hasNumpy(): boolean {
  return spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
}
if (!hasNumpy()) {
  console.log('python3-numpy is missing; trying `apt-get install -y python3-numpy` ...');
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-numpy'], { stdio: 'inherit' });
}

// TypeScript: per-sample latency over all samples (hrtime around each call) and wall-clock rate
const view = (i: number) => data.subarray(i * features, (i + 1) * features);
for (let i = 0; i < 20_000; i++) model.score(view(i % samples));
const tsT2 = new Float64Array(samples);
const tsSpe = new Float64Array(samples);
const latency = new Float64Array(samples);
let alarms = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < samples; i++) {
  const s = process.hrtime.bigint();
  const sc = model.score(view(i));
  latency[i] = Number(process.hrtime.bigint() - s);
  tsT2[i] = sc.t2;
  tsSpe[i] = sc.spe;
  if (sc.isAnomaly) alarms++;
}
const tsSeconds = Number(process.hrtime.bigint() - started) / 1e9;
// the same loop without the per-call timers, for the rate: best of 3 passes (median reported too)
let sink = 0;
const rateOf = (body: (i: number) => void) => {
  const rates: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < samples; i++) body(i);
    rates.push(samples / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  rates.sort((a, b) => a - b);
  return { best: rates[2]!, median: rates[1]! };
};
const tsRate = rateOf((i) => {
  sink += model.score(view(i)).t2;
});
latency.sort();
// and with every contribution vector read (what a diagnosed alarm costs): rate without timers, then latency per call
const fullRate = rateOf((i) => {
  const sc = model.score(view(i));
  sink += sc.t2Contributions[0]! + sc.speContributions[0]! + sc.t2Rbc[0]! + sc.speRbc[0]!;
});
const fullLatency = new Float64Array(samples);
for (let i = 0; i < samples; i++) {
  const s = process.hrtime.bigint();
  const sc = model.score(view(i));
  sink += sc.t2Contributions[0]! + sc.speContributions[0]! + sc.t2Rbc[0]! + sc.speRbc[0]!;
  fullLatency[i] = Number(process.hrtime.bigint() - s);
}
fullLatency.sort();
const pct = (a: Float64Array, q: number) => a[Math.min(a.length - 1, Math.floor(q * a.length))]! / 1000;

let numpyRows: Array<Array<string>> = [];
let check = 'numpy not available';
if (hasNumpy()) {
  const dir = mkdtempSync(join(tmpdir(), 'qx-scent-throughput-'));
  try {
    const json = model.toJSON();
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...json, samples }));
    writeFileSync(join(dir, 'samples.f64'), data);
    const script = fileURLToPath(new URL('numpy_scoring.py', import.meta.url));
    const r = spawnSync(python, [script, dir], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    if (r.status !== 0) throw new Error(`numpy run failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as Record<
      string,
      { per_s: number; median_per_s?: number; p50_us?: number; p99_us?: number; samples: number }
    > & { numpy: string };
    const npT2 = new Float64Array(readFileSync(join(dir, 'numpy_t2.f64')).buffer.slice(0));
    const npSpe = new Float64Array(readFileSync(join(dir, 'numpy_spe.f64')).buffer.slice(0));
    let worst = 0;
    for (let i = 0; i < samples; i++) {
      worst = Math.max(worst, Math.abs(npT2[i]! - tsT2[i]!) / Math.max(1, tsT2[i]!));
      worst = Math.max(worst, Math.abs(npSpe[i]! - tsSpe[i]!) / Math.max(1, tsSpe[i]!));
    }
    check = `largest relative T²/SPE difference TypeScript vs numpy over ${samples} samples: ${worst.toExponential(2)}`;
    const f = (x?: number) => (x === undefined ? '—' : x.toFixed(1));
    numpyRows = [
      [
        'numpy ' + out.numpy + ', one sample per call (same outputs: T², SPE, contributions, RBC)',
        out.per_sample_full!,
      ],
      ['numpy, one sample per call, T² and SPE only', out.per_sample_stats!],
      ['numpy, all samples as one matrix (vectorised, same outputs)', out.batch_full!],
    ].map(([name, o]) => {
      const v = o as { per_s: number; median_per_s?: number; p50_us?: number; p99_us?: number; samples: number };
      const rate = Math.round(v.per_s).toLocaleString('en');
      const median = v.median_per_s === undefined ? '' : ` (median ${Math.round(v.median_per_s).toLocaleString('en')})`;
      return [name as string, String(v.samples), `${rate}${median}`, f(v.p50_us), f(v.p99_us)];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `${features} features, ${model.components} components (90% variance of ${reference} reference samples), ` +
    `${samples} samples (2% with a shift on one channel; ${alarms} alarms). Node ${process.version}, ` +
    `${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores.\n`,
);
printTable(
  ['implementation', 'samples', 'samples/s', 'p50 µs', 'p99 µs'],
  [
    [
      'GoldenBatchModel.score (TypeScript; T², SPE, alarm; contributions computed when read)',
      String(samples),
      `${Math.round(tsRate.best).toLocaleString('en')} (median ${Math.round(tsRate.median).toLocaleString('en')})`,
      pct(latency, 0.5).toFixed(1),
      pct(latency, 0.99).toFixed(1),
    ],
    [
      'GoldenBatchModel.score + reading T²/SPE contributions and RBC (TypeScript)',
      String(samples),
      `${Math.round(fullRate.best).toLocaleString('en')} (median ${Math.round(fullRate.median).toLocaleString('en')})`,
      pct(fullLatency, 0.5).toFixed(1),
      pct(fullLatency, 0.99).toFixed(1),
    ],
    ...numpyRows,
    ['goal', '', '≥ 50,000', '', ''],
  ],
);
console.log(
  `\n${check}; wall time of the timed TypeScript loop ${tsSeconds.toFixed(2)} s (checksum ${sink.toFixed(0)}).`,
);
