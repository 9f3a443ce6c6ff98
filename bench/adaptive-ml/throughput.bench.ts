// Throughput (samples/s, one core, predict + learn per sample) on Elec2, with scikit-learn's SGDClassifier
// partial_fit (Debian python3-sklearn, /usr/bin/python3) measured in the same run as the baseline.
// Run: nice npx tsx bench/adaptive-ml/throughput.bench.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AdaptiveRandomForestClassifier,
  type Features,
  GaussianNB,
  HoeffdingAdaptiveTreeClassifier,
  HoeffdingTreeClassifier,
  LogisticRegression,
  pipe,
  StandardScaler,
} from '@quintessence/adaptive-ml';
import { loadBinary, markdownTable, streamingFile } from './common.js';

interface Learner {
  learnOne(x: Features, y: boolean): void;
  predictOne(x: Features): unknown;
}

const samples = loadBinary('Elec2');
const scaled = (() => {
  const s = new StandardScaler();
  return samples.map(({ x, y }) => {
    s.learnOne(x);
    return { x: s.transformOne(x), y };
  });
})();

const passes = Number(process.env.PASSES ?? 3);

interface Rates {
  cold: number;
  warm: number;
  /** Best warm pass in samples per CPU-second of this process (user + system), less sensitive to machine load. */
  warmCpu: number;
}

/** Best of `passes` full passes (each with a fresh model), after one JIT warm-up pass; also returns the cold pass. */
function measure(make: () => Learner, data: typeof samples): Rates {
  const pass = () => {
    const model = make();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const { x, y } of data) {
      model.predictOne(x);
      model.learnOne(x, y);
    }
    const wall = data.length / ((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(c0);
    return { wall, cpu: data.length / ((cpu.user + cpu.system) / 1e6) };
  };
  const cold = pass().wall;
  let warm = 0;
  let warmCpu = 0;
  for (let i = 0; i < passes; i++) {
    const r = pass();
    warm = Math.max(warm, r.wall);
    warmCpu = Math.max(warmCpu, r.cpu);
  }
  return { cold, warm, warmCpu };
}

const rows: Array<Array<string | number>> = [];
const add = (name: string, rate: Rates, goal: string) =>
  rows.push([name, Math.round(rate.cold), Math.round(rate.warm), Math.round(rate.warmCpu), goal]);
add(
  'LogisticRegression (pre-scaled features)',
  measure(() => new LogisticRegression(), scaled),
  '≥ 1,000,000',
);
add(
  'StandardScaler \\| LogisticRegression',
  measure(() => pipe(new StandardScaler(), new LogisticRegression()), samples),
  '',
);
add(
  'GaussianNB',
  measure(() => new GaussianNB(), samples),
  '',
);
add(
  'HoeffdingTreeClassifier',
  measure(() => new HoeffdingTreeClassifier(), samples),
  '≥ 100,000',
);
add(
  'HoeffdingAdaptiveTreeClassifier',
  measure(() => new HoeffdingAdaptiveTreeClassifier({ seed: 42 }), samples),
  '',
);
add(
  'AdaptiveRandomForestClassifier (10 trees)',
  measure(() => new AdaptiveRandomForestClassifier({ nModels: 10, seed: 42 }), samples),
  '',
);

const script = fileURLToPath(new URL('./sklearn_sgd_baseline.py', import.meta.url));
const py = spawnSync('/usr/bin/python3', [script, streamingFile('elec2_electricity.csv'), '20000'], {
  encoding: 'utf8',
});
if (py.status === 0) {
  const r = JSON.parse(py.stdout.trim());
  const rate = Math.round(r.samples_per_s);
  rows.push([
    `scikit-learn ${r.sklearn} SGDClassifier.partial_fit (first ${r.samples} rows)`,
    rate,
    rate,
    '',
    'baseline',
  ]);
} else {
  rows.push([
    'scikit-learn SGDClassifier.partial_fit',
    'unavailable',
    'apt-get install python3-sklearn',
    '',
    'baseline',
  ]);
}

const { loadavg } = await import('node:os');
console.log(
  `## Throughput on Elec2 (${samples.length} samples, predict then learn, one core; load average ${loadavg()[0].toFixed(1)})\n`,
);
console.log(
  markdownTable(
    [
      'model',
      'samples/s (first pass)',
      `samples/s (best of ${passes} warm passes)`,
      'samples per CPU-second (best warm pass)',
      'goal / note',
    ],
    rows,
  ),
);
