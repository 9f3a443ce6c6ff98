// Drift detectors as change-point detectors on the TCPD series in ../shared/data/streaming/tcpd, scored with
// TCPDBench's F1 and cover (margin 5; index 0 counts as a change point for every annotator and method), default
// parameters, against the zero baseline (no change points) on the same series. As in TCPDBench's `load_dataset`,
// every method sees the series standardised with its own mean and sample standard deviation (NaN-aware, ddof 1);
// the raw series is shown beside it. Missing values are skipped; indices stay those of the series.
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

/** TCPDBench's normalisation: (x - nanmean) / sqrt(nanvar(ddof=1)). */
function standardise(raw: Array<number | null>): Array<number | null> {
  const values = raw.filter((v): v is number => v !== null);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return raw.map((v) => (v === null ? null : (v - mean) / sd));
}

function detect(make: () => DriftDetector, values: Array<number | null>): number[] {
  const d = make();
  const cps: number[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    d.update(v);
    if (d.driftDetected) cps.push(i);
  });
  return cps;
}

const rows: Array<Array<string | number>> = [];
const perSeries: Array<Array<string | number>> = [];
for (const [name, make] of detectors) {
  const sums = { f1: 0, cover: 0, rawF1: 0, rawCover: 0 };
  for (const s of series) {
    const cps = detect(make, standardise(s.raw));
    const rawCps = detect(make, s.raw);
    const f = changePointF1(annotations[s.name], cps, 5).f1;
    const c = changePointCover(annotations[s.name], cps, s.n);
    sums.f1 += f;
    sums.cover += c;
    sums.rawF1 += changePointF1(annotations[s.name], rawCps, 5).f1;
    sums.rawCover += changePointCover(annotations[s.name], rawCps, s.n);
    perSeries.push([name, s.name, cps.length, f, c]);
  }
  const n = series.length;
  rows.push([name, sums.f1 / n, sums.cover / n, sums.rawF1 / n, sums.rawCover / n]);
}
console.log(`## TCPD (${series.length} series available here; TCPDBench F1 and cover, margin 5, default parameters)\n`);
console.log(
  markdownTable(
    ['detector', 'mean F1 (standardised, TCPDBench)', 'mean cover (standardised)', 'mean F1 (raw)', 'mean cover (raw)'],
    rows,
  ),
);
console.log(
  '\nTCPDBench paper (all 37 series, default parameters): zero F1 0.669, binseg F1 0.744 — not the same series set.\n',
);
if (process.argv.includes('--per-series'))
  console.log(markdownTable(['detector', 'series', '#cps', 'F1', 'cover'], perSeries));
