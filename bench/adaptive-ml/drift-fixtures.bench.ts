// Drift detectors on River's docstring fixtures (../shared/data/streaming/drift_fixtures): our first detection
// indices next to River's expected ones.
// Run: nice npx tsx bench/adaptive-ml/drift-fixtures.bench.ts
import { readFileSync } from 'node:fs';
import {
  ADWIN,
  CUSUM,
  DDM,
  type DriftDetector,
  EDDM,
  EWMAChart,
  HDDM_A,
  KSWIN,
  MersenneTwister,
  PageHinkley,
} from '@quintessence/adaptive-ml';
import { markdownTable, streamingFile } from './common.js';

const load = (name: string) =>
  readFileSync(streamingFile('drift_fixtures', name), 'utf8').trim().split('\n').map(Number);
const expected = JSON.parse(
  readFileSync(streamingFile('drift_fixtures', 'expected_river_docstring_results.json'), 'utf8'),
);
const a = load('stream_A_seed12345.txt');
const b = load('stream_B_seed42.txt');

function events(detector: DriftDetector, stream: readonly number[]): string {
  const out: string[] = [];
  let printWarning = true;
  stream.forEach((x, i) => {
    detector.update(x);
    if (detector.warningDetected && printWarning) {
      out.push(`warning ${i}`);
      printWarning = false;
    }
    if (detector.driftDetected) {
      out.push(`drift ${i}`);
      printWarning = true;
    }
  });
  return out.join(', ');
}

const first = (s: string) => s.split(', ')[0];
const rngA = new MersenneTwister(12345);
const gaussCusum = [
  ...Array.from({ length: 200 }, () => rngA.gauss(0, 1)),
  ...Array.from({ length: 200 }, () => rngA.gauss(3, 1)),
];
const rngB = new MersenneTwister(12345);
const gaussEwma = Array.from({ length: 2000 }, (_, i) => (i < 1000 ? rngB.gauss(0, 1) : rngB.gauss(3, 1)));
const A = expected['stream_A_seed12345.txt'];
const B = expected['stream_B_seed42.txt'];
const fmtEvents = (ev: Array<[string, number]>) => ev.map(([k, i]) => `${k} ${i}`).join(', ');

const rows: Array<[string, string, string, string]> = [
  [
    'ADWIN(delta=0.002)',
    'A',
    `drift ${A['ADWIN(delta=0.002)'].first_drift_index}`,
    first(events(new ADWIN({ delta: 0.002 }), a)),
  ],
  [
    'PageHinkley(30, 0.005, 50, 0.9999)',
    'A',
    `drift ${A['PageHinkley(min_instances=30,delta=0.005,threshold=50,alpha=0.9999)'].first_drift_index}`,
    first(events(new PageHinkley(), a)),
  ],
  [
    'KSWIN(alpha=1e-4, 100, 30, seed=42)',
    'A',
    `drift ${A['KSWIN(alpha=0.0001,window_size=100,stat_size=30,seed=42)'].first_drift_index}`,
    first(events(new KSWIN({ alpha: 0.0001, seed: 42 }), a)),
  ],
  ['DDM(30, 2, 3)', 'B', fmtEvents(B['binary.DDM(warm_start=30,warning=2.0,drift=3.0)'].events), events(new DDM(), b)],
  [
    'EDDM(30, 0.8, 0.75)',
    'B',
    fmtEvents(B['binary.EDDM(warm_start=30,alpha=0.8,beta=0.75)'].events),
    events(new EDDM({ alpha: 0.8, beta: 0.75 }), b),
  ],
  ['HDDM_A()', 'B', 'warning 451, drift 1206 (River docstring)', events(new HDDM_A(), b)],
  [
    'CUSUM()',
    'gauss(0,1)x200 + gauss(3,1)x200, Random(12345)',
    'drift 201, drift 251 (River docstring)',
    events(new CUSUM(), gaussCusum),
  ],
  [
    'EWMA(0.1, 4, 50)',
    'gauss(0,1)x1000 + gauss(3,1)x1000, Random(12345)',
    'drift 1010 (River docstring)',
    events(new EWMAChart({ alpha: 0.1, threshold: 4, minInstances: 50 }), gaussEwma),
  ],
];

console.log('## Drift detectors on River docstring fixtures\n');
console.log(
  markdownTable(
    ['detector', 'stream', 'River', 'adaptive-ml', 'match'],
    rows.map(([d, s, river, ours]) => [
      d,
      s,
      river,
      ours,
      ours === river.replace(/ \(River docstring\)/, '') ? 'exact' : 'DIFF',
    ]),
  ),
);
