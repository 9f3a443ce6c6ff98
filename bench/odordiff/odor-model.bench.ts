// Odor model: 5-fold CV macro-AUROC on GS-LF with the published anchors beside it.
//   npx tsx bench/odordiff/odor-model.bench.ts             # reads the CV report stored with the committed weights
//   nice -n 10 npx tsx bench/odordiff/odor-model.bench.ts --retrain [--epochs 20] [--ensemble 2]   # re-runs CV (~13 CPU-min)
import {
  loadOdorModel,
  type OdorFeatureOptions,
  RdkitToolkit,
  ReferenceData,
  trainOdorModel,
} from '../../packages/odordiff/src/index.js';
import { dataDir, table } from './common.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};
const stored = loadOdorModel().artifact;
let cv = stored.cv;
let described = describe(stored.featureSets ?? [stored.features], stored.members.length);
let source =
  'stored with packages/odordiff/weights (written by `odordiff train --seed 42 --folds 5 --epochs 20 --ensemble 2`)';
if (process.argv.includes('--retrain')) {
  const rdkit = await RdkitToolkit.load();
  const result = trainOdorModel(rdkit, new ReferenceData(dataDir), {
    seed: 42,
    folds: 5,
    epochs: arg('--epochs') ?? 20,
    ensemble: arg('--ensemble') ?? 2,
    onProgress: (m) => console.error(m),
  });
  cv = result.cv;
  described = describe(result.artifact.featureSets ?? [result.artifact.features], result.artifact.members.length);
  source = 'fresh run of this benchmark';
}
console.log('## Odor model, GS-LF 5-fold CV macro-AUROC (138 descriptors)\n');
table(
  ['model', 'macro-AUROC', 'source'],
  [
    ['Morgan fingerprint + logistic regression (anchor)', 0.831, 'Lee et al. 2023 / OpenPOM benchmark'],
    ['OpenPOM, ensemble of MPNNs (anchor)', 0.887, 'OpenPOM'],
    ['Principal Odor Map (anchor)', 0.89, 'Lee et al., Science 2023'],
    [
      `OdorDiff: ${described}, Platt-calibrated`,
      cv.meanAuroc,
      `${source}; folds ${cv.foldAuroc.map((a) => a.toFixed(4)).join(', ')}; pooled ${cv.pooledAuroc.toFixed(4)}`,
    ],
  ],
);
console.log(
  `calibration (ECE of Platt-calibrated out-of-fold probabilities, all labels pooled): ${cv.calibrationError.toFixed(4)}; training time ${cv.trainingSeconds.toFixed(0)} s (CV + final fit, shared 2-core machine, nice 10)`,
);
if (cv.odorlessGate) {
  const g = cv.odorlessGate;
  console.log('\n## Odorless gate (out-of-fold, calibrated p(odorless))\n');
  table(
    [
      'odorless / odorous molecules',
      'AUROC (odorless vs odorous)',
      'recall on odorless at p >= 0.5',
      'odorous gated at p >= 0.5',
    ],
    [
      [
        `${g.odorless} / ${g.odorous}`,
        g.auroc,
        `${(100 * g.recallAtHalf).toFixed(1)} %`,
        `${(100 * g.falseGateRateAtHalf).toFixed(2)} %`,
      ],
    ],
  );
}
console.log(
  cv.meanAuroc >= 0.89
    ? `Goal 0.89 reached (${cv.meanAuroc.toFixed(4)}).`
    : `Goal 0.89 is not reached (${cv.meanAuroc.toFixed(4)}, ${(0.89 - cv.meanAuroc).toFixed(4)} short): fingerprint MLPs sit between the logistic-regression and the message-passing anchors.`,
);

function describe(sets: readonly OdorFeatureOptions[], members: number): string {
  const name = (f: OdorFeatureOptions) =>
    [
      `count-Morgan r${f.radius ?? 2} (${f.nBits ?? 2048})`,
      f.atomPairBits ? `atom pairs (${f.atomPairBits})` : '',
      f.maccs ? 'MACCS' : '',
      '26 RDKit descriptors',
    ]
      .filter(Boolean)
      .join(' + ');
  const perSet = members / sets.length;
  return `${members} MLP(s) of 256 ReLU units: ${sets.map((f) => `${perSet} on ${name(f)}`).join('; ')}; logits averaged`;
}
