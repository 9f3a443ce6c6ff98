import { describe, expect, it } from 'vitest';
import type { DriftDetector, EstimatorJson } from '../base/estimator.js';
import { Pipeline, pipe } from '../compose/pipeline.js';
import { ADWIN } from '../drift/adwin.js';
import { CUSUM } from '../drift/cusum.js';
import { DDM } from '../drift/ddm.js';
import { EDDM } from '../drift/eddm.js';
import { EWMAChart } from '../drift/ewma-chart.js';
import { HDDM_A } from '../drift/hddm-a.js';
import { KSWIN } from '../drift/kswin.js';
import { PageHinkley } from '../drift/page-hinkley.js';
import { AdaptiveRandomForestClassifier } from '../ensemble/adaptive-random-forest-classifier.js';
import { BaggingClassifier } from '../ensemble/bagging-classifier.js';
import { LeveragingBaggingClassifier } from '../ensemble/leveraging-bagging-classifier.js';
import { ALMAClassifier } from '../linear/alma-classifier.js';
import { LinearRegression } from '../linear/linear-regression.js';
import { LogisticRegression } from '../linear/logistic-regression.js';
import { PAClassifier } from '../linear/pa-classifier.js';
import { BanditClassifier } from '../model-selection/bandit-classifier.js';
import { SuccessiveHalvingClassifier } from '../model-selection/successive-halving-classifier.js';
import { GaussianNB } from '../naive-bayes/gaussian-nb.js';
import { KNNClassifier } from '../neighbors/knn-classifier.js';
import { FeatureHasher } from '../preprocessing/feature-hasher.js';
import { MinMaxScaler } from '../preprocessing/min-max-scaler.js';
import { OneHotEncoder } from '../preprocessing/one-hot-encoder.js';
import { PolynomialExtender } from '../preprocessing/polynomial-extender.js';
import { StandardScaler } from '../preprocessing/standard-scaler.js';
import { TargetAgg } from '../preprocessing/target-agg.js';
import { HoeffdingAdaptiveTreeClassifier } from '../tree/hoeffding-adaptive-tree-classifier.js';
import { HoeffdingTreeClassifier } from '../tree/hoeffding-tree-classifier.js';
import { HoeffdingTreeRegressor } from '../tree/hoeffding-tree-regressor.js';
import {
  type CheckedLearner,
  ConformanceError,
  checkDriftDetector,
  checkLearner,
  type EstimatorSpec,
} from './check-estimator.js';

type Ctor<E> = { new (): E; fromJSON(json: EstimatorJson): E };

function spec<E>(name: string, Class: Ctor<E>, make: () => E): EstimatorSpec<E> {
  return { name, make, makeDefault: () => new Class(), fromJSON: (json) => Class.fromJSON(json) };
}

const learners: EstimatorSpec<CheckedLearner>[] = [
  spec('LogisticRegression', LogisticRegression, () => new LogisticRegression({ learningRate: 0.05 })),
  spec('PAClassifier', PAClassifier, () => new PAClassifier()),
  spec('ALMAClassifier', ALMAClassifier, () => new ALMAClassifier()),
  spec('LinearRegression', LinearRegression, () => new LinearRegression()),
  spec('GaussianNB', GaussianNB, () => new GaussianNB()),
  spec('KNNClassifier', KNNClassifier, () => new KNNClassifier({ windowSize: 100 })),
  spec('HoeffdingTreeClassifier', HoeffdingTreeClassifier, () => new HoeffdingTreeClassifier({ gracePeriod: 50 })),
  spec(
    'HoeffdingAdaptiveTreeClassifier',
    HoeffdingAdaptiveTreeClassifier,
    () => new HoeffdingAdaptiveTreeClassifier({ gracePeriod: 50, seed: 3 }),
  ),
  spec('HoeffdingTreeRegressor', HoeffdingTreeRegressor, () => new HoeffdingTreeRegressor({ gracePeriod: 50 })),
  spec('BaggingClassifier', BaggingClassifier, () => new BaggingClassifier({ nModels: 3, seed: 5 })),
  spec(
    'LeveragingBaggingClassifier',
    LeveragingBaggingClassifier,
    () => new LeveragingBaggingClassifier({ nModels: 3, seed: 5 }),
  ),
  spec(
    'AdaptiveRandomForestClassifier',
    AdaptiveRandomForestClassifier,
    () => new AdaptiveRandomForestClassifier({ nModels: 3, seed: 5 }),
  ),
  spec('StandardScaler', StandardScaler, () => new StandardScaler()),
  spec('MinMaxScaler', MinMaxScaler, () => new MinMaxScaler()),
  spec('OneHotEncoder', OneHotEncoder, () => new OneHotEncoder({ dense: true })),
  spec('FeatureHasher', FeatureHasher, () => new FeatureHasher({ nFeatures: 8 })),
  spec('PolynomialExtender', PolynomialExtender, () => new PolynomialExtender()),
  spec('TargetAgg', TargetAgg, () => new TargetAgg({ by: ['a'] })),
  {
    name: 'BanditClassifier(ucb)',
    make: () => new BanditClassifier({ models: [new GaussianNB(), new KNNClassifier({ windowSize: 50 })] }),
    makeDefault: () => new BanditClassifier({ models: [new GaussianNB()] }),
    fromJSON: (json) => BanditClassifier.fromJSON(json),
  },
  {
    name: 'BanditClassifier(epsilon-greedy)',
    make: () =>
      new BanditClassifier({ models: [new GaussianNB(), new LogisticRegression()], policy: 'epsilon-greedy', seed: 9 }),
    makeDefault: () => new BanditClassifier({ models: [new GaussianNB()], policy: 'epsilon-greedy' }),
    fromJSON: (json) => BanditClassifier.fromJSON(json),
  },
  {
    name: 'SuccessiveHalvingClassifier',
    make: () =>
      new SuccessiveHalvingClassifier({
        models: [new GaussianNB(), new LogisticRegression(), new KNNClassifier({ windowSize: 50 })],
        budget: 300,
      }),
    makeDefault: () => new SuccessiveHalvingClassifier({ models: [new GaussianNB()] }),
    fromJSON: (json) => SuccessiveHalvingClassifier.fromJSON(json),
  },
  {
    name: 'Pipeline(StandardScaler, LogisticRegression)',
    make: () => pipe(new StandardScaler(), new LogisticRegression()),
    makeDefault: () => pipe(new StandardScaler(), new LogisticRegression()),
    fromJSON: (json) => Pipeline.fromJSON(json),
  },
] as EstimatorSpec<CheckedLearner>[];

const detectors: EstimatorSpec<DriftDetector>[] = [
  spec('ADWIN', ADWIN, () => new ADWIN()),
  spec('PageHinkley', PageHinkley, () => new PageHinkley({ threshold: 20 })),
  spec('DDM', DDM, () => new DDM()),
  spec('EDDM', EDDM, () => new EDDM()),
  spec('HDDM_A', HDDM_A, () => new HDDM_A()),
  spec('KSWIN', KSWIN, () => new KSWIN({ seed: 42 })),
  spec('CUSUM', CUSUM, () => new CUSUM()),
  spec('EWMAChart', EWMAChart, () => new EWMAChart()),
];

describe('conformance suite (checks/)', () => {
  it.each(learners.map((s) => [s.name, s] as const))('%s passes every estimator check', (_, s) => {
    expect(() => checkLearner(s)).not.toThrow();
  });

  it.each(detectors.map((s) => [s.name, s] as const))('%s passes every detector check', (_, s) => {
    expect(() => checkDriftDetector(s)).not.toThrow();
  });

  it('fails an estimator whose clone shares state', () => {
    class LeakyNB extends GaussianNB {
      override clone(): GaussianNB {
        return this;
      }
    }
    const leaky = { ...learners[4], make: () => new LeakyNB() } as EstimatorSpec<CheckedLearner>;
    expect(() => checkLearner(leaky)).toThrow(ConformanceError);
  });

  it('fails a classifier that cannot learn the stream (a 1-sample memory)', () => {
    const forgetful = { ...learners[5], make: () => new KNNClassifier({ windowSize: 1, nNeighbors: 1 }) };
    expect(() => checkLearner(forgetful as EstimatorSpec<CheckedLearner>)).toThrow(/learns/);
  });
});
