import { AppError } from '@quintessence/platform';
import type { ClassLabel, DriftDetector } from '../base/estimator.js';
import { pipe } from '../compose/pipeline.js';
import { ADWIN } from '../drift/adwin.js';
import { CUSUM } from '../drift/cusum.js';
import { DDM } from '../drift/ddm.js';
import { EDDM } from '../drift/eddm.js';
import { EWMAChart } from '../drift/ewma-chart.js';
import { HDDM_A } from '../drift/hddm-a.js';
import { KSWIN } from '../drift/kswin.js';
import { PageHinkley } from '../drift/page-hinkley.js';
import { AdaptiveRandomForestClassifier } from '../ensemble/adaptive-random-forest-classifier.js';
import type { OnlineModel } from '../evaluate/progressive-val-score.js';
import { LogisticRegression } from '../linear/logistic-regression.js';
import { GaussianNB } from '../naive-bayes/gaussian-nb.js';
import { KNNClassifier } from '../neighbors/knn-classifier.js';
import { StandardScaler } from '../preprocessing/standard-scaler.js';
import { HoeffdingAdaptiveTreeClassifier } from '../tree/hoeffding-adaptive-tree-classifier.js';
import { HoeffdingTreeClassifier } from '../tree/hoeffding-tree-classifier.js';

export const modelNames = ['lr', 'nb', 'ht', 'hat', 'arf', 'knn'] as const;
export type ModelName = (typeof modelNames)[number];

/** The CLI's models, configured as in River's benchmark (scaled LR and kNN, default trees, seeded ensembles). */
export function buildModel(
  name: ModelName,
  options: { seed: number; classes: readonly string[]; posLabel: string },
): OnlineModel<ClassLabel, ClassLabel> {
  switch (name) {
    case 'lr': {
      if (options.classes.length !== 2) {
        throw new AppError(
          'ML_UNSUPPORTED',
          `--model lr is a binary classifier; the target has ${options.classes.length} classes`,
        );
      }
      const negativeLabel = options.classes.find((c) => c !== options.posLabel)!;
      return pipe(new StandardScaler(), new LogisticRegression({ positiveLabel: options.posLabel, negativeLabel }));
    }
    case 'nb':
      return new GaussianNB();
    case 'ht':
      return new HoeffdingTreeClassifier();
    case 'hat':
      return new HoeffdingAdaptiveTreeClassifier({ seed: options.seed });
    case 'arf':
      return new AdaptiveRandomForestClassifier({ seed: options.seed });
    case 'knn':
      // River 0.19's benchmark kNN: a window of 1000 (its SWINN default), searched exactly here.
      return pipe(new StandardScaler(), new KNNClassifier({ windowSize: 1000 }));
  }
}

export const detectorNames = ['adwin', 'ddm', 'eddm', 'ph', 'kswin', 'hddm', 'cusum', 'ewma'] as const;
export type DetectorName = (typeof detectorNames)[number];

type ParamKind = 'number' | 'boolean' | 'mode';

const detectorParams: Record<DetectorName, Record<string, ParamKind>> = {
  adwin: { delta: 'number', clock: 'number', maxBuckets: 'number', minWindowLength: 'number', gracePeriod: 'number' },
  ddm: { warmStart: 'number', warningThreshold: 'number', driftThreshold: 'number' },
  eddm: { warmStart: 'number', alpha: 'number', beta: 'number' },
  ph: { minInstances: 'number', delta: 'number', threshold: 'number', alpha: 'number', mode: 'mode' },
  kswin: { alpha: 'number', windowSize: 'number', statSize: 'number', seed: 'number' },
  hddm: { driftConfidence: 'number', warningConfidence: 'number', twoSidedTest: 'boolean' },
  cusum: { minInstances: 'number', slack: 'number', threshold: 'number', mode: 'mode' },
  ewma: { alpha: 'number', threshold: 'number', minInstances: 'number', mode: 'mode' },
};

/** Parses `k=v` pairs into a detector's options; unknown keys and bad values are validation errors. */
export function parseDetectorParams(name: DetectorName, pairs: readonly string[]): Record<string, unknown> {
  const allowed = detectorParams[name];
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new AppError('VALIDATION_ERROR', `--param must look like key=value; got "${pair}"`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    const kind = allowed[key];
    if (!kind) {
      throw new AppError(
        'VALIDATION_ERROR',
        `unknown parameter "${key}" for ${name}; allowed: ${Object.keys(allowed).join(', ')}`,
      );
    }
    if (kind === 'number') {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) {
        throw new AppError('VALIDATION_ERROR', `parameter ${key} must be a number; got "${raw}"`);
      }
      out[key] = v;
    } else if (kind === 'boolean') {
      if (raw !== 'true' && raw !== 'false') {
        throw new AppError('VALIDATION_ERROR', `parameter ${key} must be true or false; got "${raw}"`);
      }
      out[key] = raw === 'true';
    } else {
      if (!['up', 'down', 'both'].includes(raw)) {
        throw new AppError('VALIDATION_ERROR', `parameter ${key} must be up, down or both; got "${raw}"`);
      }
      out[key] = raw;
    }
  }
  return out;
}

/** Builds a detector; invalid option values become validation errors. */
export function buildDetector(name: DetectorName, params: Record<string, unknown>): DriftDetector {
  try {
    switch (name) {
      case 'adwin':
        return new ADWIN(params);
      case 'ddm':
        return new DDM(params);
      case 'eddm':
        return new EDDM(params);
      case 'ph':
        return new PageHinkley(params);
      case 'kswin':
        return new KSWIN(params);
      case 'hddm':
        return new HDDM_A(params);
      case 'cusum':
        return new CUSUM(params);
      case 'ewma':
        return new EWMAChart(params);
    }
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new AppError('VALIDATION_ERROR', `${name}: ${error.message}`);
    }
    throw error;
  }
}
