// Drift classification on the e-nose reference data, anchors side by side.
// Run: npm run bench -- scent/drift   (reads ../shared/data/enose)
import { loadCqu, loadUciExt, loadUciRaw, runDriftProtocol } from '@quintessence/scent';
import { hasSharedData, sharedData } from '../../test/support/shared-data.js';

if (!hasSharedData) {
  console.log('skipped: ../shared/data not found');
  process.exit(0);
}

const fmt = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const rows: string[] = [];
const datasets = [
  {
    name: 'UCI per-batch z-scored (10 batches)',
    batches: loadUciExt(sharedData('enose/uci_drift_perbatch_zscore')),
    signedLog: false,
    anchors: { setting1: 'softmax 66.4%', setting2: 'softmax 75.5%' },
  },
  {
    name: 'UCI raw (batches 1-6, 8, 9)',
    batches: loadUciRaw(sharedData('enose/uci_drift_raw_csv')),
    signedLog: true,
    anchors: {
      setting1: 'softmax, source-only scaling 64.5%',
      setting2: 'AMDS-PFFA 83.2% (unsupervised); DAELM ≤ 91.86% (target labels)',
    },
  },
  {
    name: 'CQU beverages (2 sessions)',
    batches: loadCqu(sharedData('enose/cqu_4months_beverages')).batches,
    signedLog: true,
    anchors: { setting1: '—', setting2: '—' },
  },
] as const;

console.log('| dataset | protocol | adaptation | mean accuracy | per test batch | anchor |');
console.log('|---|---|---|---|---|---|');
for (const d of datasets) {
  for (const protocol of ['setting1', 'setting2'] as const) {
    for (const rounds of [0, 2]) {
      const r = runDriftProtocol(d.batches, protocol, { signedLog: d.signedLog, selfTrainingRounds: rounds });
      const label = rounds === 0 ? 'per-batch standardisation' : `+ ${rounds} rounds self-training`;
      rows.push(
        `| ${d.name} | ${protocol} | ${label} | ${fmt(r.mean_accuracy)} | ${r.batches.map((b) => fmt(b.accuracy)).join(' ')} | ${d.anchors[protocol]} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
}

// cross-session MSPC: bench/scent/mspc.bench.ts
