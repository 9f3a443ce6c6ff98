// Golden-batch MSPC across CQU sessions (the `scent bench mspc` contract, evaluateMspcAcrossSessions): a model of the
// good product from the first session, scored on the next session with 0, 1 or 2 transfer samples of the good
// product, before (theoretical limits, plain offset compensation — the naive PCA limits) and after (cross-validated
// limits, compensation scaled for the error of the transfer mean). The reference-session column is the leave-one-out
// false-alarm rate inside the first session, the only data the method was chosen on. Goal: FAR ≤ 5% with detection
// ≥ 95% using at most 2 transfer samples.
// Run: npm run bench -- scent/mspc   (reads ../shared/data/enose/cqu_4months_beverages)
import { evaluateMspcAcrossSessions, GoldenBatchModel, loadCqu } from '@quintessence/scent';
import { hasSharedData, sharedData } from '../../test/support/shared-data.js';
import { percent, printTable } from './simulated-line.js';

if (!hasSharedData) {
  console.log('skipped: ../shared/data not found');
  process.exit(0);
}
const alpha = 0.01;
const { batches, products } = loadCqu(sharedData('enose/cqu_4months_beverages'));
const signedLog = (r: ArrayLike<number>) => Float64Array.from(r, (v) => Math.sign(v) * Math.log1p(Math.abs(v)));
const methods = [
  { name: 'before: theoretical limits, offset', limits: 'theory' as const, scaleForTransferError: false },
  {
    name: 'after: cross-validated limits, offset scaled √(1+1/K)',
    limits: 'cross-validated' as const,
    scaleForTransferError: true,
  },
];

/** Leave-one-out false alarms on the good product inside the first session (needs 5 good samples). */
function referenceLoo(good: number, limits: 'theory' | 'cross-validated'): string {
  const ref = batches[0]!;
  const rows = ref.rows.filter((_, i) => ref.labels[i] === good).map(signedLog);
  if (rows.length < 5) return `n/a (${rows.length} samples)`;
  let alarms = 0;
  for (let i = 0; i < rows.length; i++) {
    const model = GoldenBatchModel.fit(
      rows.filter((_, k) => k !== i),
      { alpha, limits },
    );
    if (model.score(rows[i]!).isAnomaly) alarms++;
  }
  return `${alarms}/${rows.length}`;
}

const table: Array<Array<string | number>> = [];
const summary = methods.map(() => [0, 1, 2].map(() => ({ far: 0, det: 0, auc: 0, n: 0 })));
for (const product of products) {
  const good = products.indexOf(product) + 1;
  methods.forEach((m, mi) => {
    const loo = referenceLoo(good, m.limits);
    for (const k of [0, 1, 2]) {
      for (const s of evaluateMspcAcrossSessions(batches, good, {
        alpha,
        transferSamples: k,
        limits: m.limits,
        scaleForTransferError: m.scaleForTransferError,
      })) {
        const acc = summary[mi]![k]!;
        acc.far += s.false_alarm_rate;
        acc.det += s.detection_rate;
        acc.auc += s.auroc;
        acc.n++;
        table.push([
          product,
          m.name,
          s.limits,
          k,
          s.session,
          loo,
          `${percent(s.false_alarm_rate)} (${s.good_samples})`,
          `${percent(s.detection_rate)} (${s.other_samples})`,
          s.auroc.toFixed(3),
        ]);
      }
    }
  });
}
console.log(
  `CQU beverages: first session ${batches[0]!.name} (${batches[0]!.rows.length} samples), next ${batches
    .slice(1)
    .map((b) => `${b.name} (${b.rows.length})`)
    .join(', ')}; ${batches[0]!.rows[0]!.length} features (signed log), α = ${alpha} per chart.\n`,
);
printTable(
  [
    'golden product',
    'method',
    'limits used',
    'transfer K',
    'session',
    'reference-session LOO false alarms',
    'FAR good (n)',
    'detection others (n)',
    'AUROC',
  ],
  table,
);
console.log('');
printTable(
  ['method', 'transfer K', 'mean FAR', 'mean detection', 'mean AUROC', 'goal'],
  methods.flatMap((m, mi) =>
    [0, 1, 2].map((k) => {
      const a = summary[mi]![k]!;
      return [
        m.name,
        k,
        percent(a.far / a.n),
        percent(a.det / a.n),
        (a.auc / a.n).toFixed(3),
        'FAR ≤ 5%, detection ≥ 95%',
      ];
    }),
  ),
);
