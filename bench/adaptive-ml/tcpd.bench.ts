// Drift detectors as change-point detectors on the TCPD series in ../shared/data/streaming/tcpd, scored with
// TCPDBench's F1 and cover (margin 5; index 0 counts as a change point for every annotator and method), default
// parameters, against the zero baseline (no change points) on the same series.
// Run: nice npx tsx bench/adaptive-ml/tcpd.bench.ts
import { readdirSync, readFileSync } from 'node:fs';
import {
  ADWIN,
  CUSUM,
  changePointCover,
  changePointF1,
  DDM,
  type DriftDetector,
  EDDM,
  EWMAChart,
  HDDM_A,
  KSWIN,
  PageHinkley,
} from '@quintessence/adaptive-ml';
import { markdownTable, streamingFile } from './common.js';

const dir = streamingFile('tcpd');
const annotations: Record<string, Record<string, number[]>> = JSON.parse(
  readFileSync(streamingFile('tcpd', 'annotations.json'), 'utf8'),
);
const series = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'annotations.json')
  .map((f) => {
    const doc = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
    return { name: f.replace(/\.json$/, ''), n: doc.n_obs as number, raw: doc.series[0].raw as Array<number | null> };
  })
  .filter((s) => annotations[s.name]);

const detectors: Array<[string, () => DriftDetector]> = [
  [
    'zero (no change points)',
    () => ({ update() {}, driftDetected: false, warningDetected: false }) as unknown as DriftDetector,
  ],
  ['ADWIN', () => new ADWIN()],
  ['PageHinkley (up)', () => new PageHinkley()],
  ['PageHinkley (both)', () => new PageHinkley({ mode: 'both' })],
  ['KSWIN', () => new KSWIN({ seed: 42 })],
  ['CUSUM', () => new CUSUM()],
  ['EWMA chart', () => new EWMAChart()],
  ['DDM (binary input)', () => new DDM()],
  ['EDDM (binary input)', () => new EDDM()],
  ['HDDM_A (binary input)', () => new HDDM_A()],
];

const rows: Array<Array<string | number>> = [];
const perSeries: Array<Array<string | number>> = [];
for (const [name, make] of detectors) {
  let f1 = 0;
  let cover = 0;
  for (const s of series) {
    const d = make();
    const cps: number[] = [];
    // Missing values (null) are skipped; indices stay those of the series.
    s.raw.forEach((v, i) => {
      if (v === null) return;
      d.update(v);
      if (d.driftDetected) cps.push(i);
    });
    const f = changePointF1(annotations[s.name], cps, 5).f1;
    const c = changePointCover(annotations[s.name], cps, s.n);
    f1 += f;
    cover += c;
    perSeries.push([name, s.name, cps.length, f, c]);
  }
  rows.push([name, f1 / series.length, cover / series.length]);
}
console.log(`## TCPD (${series.length} series available here; TCPDBench F1 and cover, margin 5, default parameters)\n`);
console.log(markdownTable(['detector', 'mean F1', 'mean cover'], rows));
console.log(
  '\nTCPDBench paper (all 37 series, default parameters): zero F1 0.669, binseg F1 0.744 — not the same series set.\n',
);
if (process.argv.includes('--per-series'))
  console.log(markdownTable(['detector', 'series', '#cps', 'F1', 'cover'], perSeries));
