export { erf } from '@quintessence/numeric';
export { check } from './base/check.js';
export type {
  Classifier,
  ClassLabel,
  DriftDetector,
  Estimator,
  EstimatorJson,
  Features,
  Regressor,
  Transformer,
} from './base/estimator.js';
export { argmaxLabel, dumpEstimator, FORMAT_VERSION, loadEstimator } from './base/estimator.js';
export type { Rng } from './base/rng.js';
export { MersenneTwister, poisson } from './base/rng.js';
export type { Json } from './base/serialization.js';
export { decode, encode, registerClass } from './base/serialization.js';
export type { CheckedLearner, EstimatorSpec } from './checks/check-estimator.js';
export {
  blobStream,
  ConformanceError,
  checkDriftDetector,
  checkLearner,
  linearStream,
} from './checks/check-estimator.js';
export { mlErrorCodes, registerMlCommands } from './cli/ml-commands.js';
export type { PipelineOptions } from './compose/pipeline.js';
export { Pipeline, pipe } from './compose/pipeline.js';
export type { ADWINOptions } from './drift/adwin.js';
export { ADWIN } from './drift/adwin.js';
export type { CUSUMOptions } from './drift/cusum.js';
export { CUSUM } from './drift/cusum.js';
export type { DDMOptions } from './drift/ddm.js';
export { DDM } from './drift/ddm.js';
export type { EDDMOptions } from './drift/eddm.js';
export { EDDM } from './drift/eddm.js';
export type { EWMAChartOptions } from './drift/ewma-chart.js';
export { EWMAChart } from './drift/ewma-chart.js';
export type { HDDMAOptions } from './drift/hddm-a.js';
export { HDDM_A } from './drift/hddm-a.js';
export type { KSWINOptions } from './drift/kswin.js';
export { KSWIN } from './drift/kswin.js';
export type { PageHinkleyOptions } from './drift/page-hinkley.js';
export { PageHinkley } from './drift/page-hinkley.js';
export type { AdaptiveRandomForestClassifierOptions } from './ensemble/adaptive-random-forest-classifier.js';
export { AdaptiveRandomForestClassifier, RandomSubspaceTree } from './ensemble/adaptive-random-forest-classifier.js';
export type { BaggingClassifierOptions } from './ensemble/bagging-classifier.js';
export { BaggingClassifier } from './ensemble/bagging-classifier.js';
export type { LeveragingBaggingClassifierOptions } from './ensemble/leveraging-bagging-classifier.js';
export { LeveragingBaggingClassifier } from './ensemble/leveraging-bagging-classifier.js';
export { changePointCover, changePointF1, truePositives } from './evaluate/change-point-metrics.js';
export type {
  Checkpoint,
  OnlineModel,
  ProgressiveValOptions,
  ProgressiveValResult,
} from './evaluate/progressive-val-score.js';
export { progressiveValScore } from './evaluate/progressive-val-score.js';
export type { ALMAClassifierOptions } from './linear/alma-classifier.js';
export { ALMAClassifier } from './linear/alma-classifier.js';
export type { LinearRegressionOptions } from './linear/linear-regression.js';
export { LinearRegression } from './linear/linear-regression.js';
export type { LogisticRegressionOptions } from './linear/logistic-regression.js';
export { LogisticRegression } from './linear/logistic-regression.js';
export type { PAClassifierOptions } from './linear/pa-classifier.js';
export { PAClassifier } from './linear/pa-classifier.js';
export { Accuracy, BalancedAccuracy } from './metrics/accuracy.js';
export { ConfusionMatrix } from './metrics/confusion-matrix.js';
export { LogLoss } from './metrics/log-loss.js';
export type { ClassificationMetric, Metric, ProbaMetric, RegressionMetric } from './metrics/metric.js';
export type { Averaging, PRFOptions } from './metrics/precision-recall-f1.js';
export { F1, Precision, Recall } from './metrics/precision-recall-f1.js';
export { MAE, R2, RMSE } from './metrics/regression.js';
export type { ROCAUCOptions } from './metrics/roc-auc.js';
export { exactAuc, ROCAUC } from './metrics/roc-auc.js';
export { Rolling } from './metrics/rolling.js';
export type { BanditClassifierOptions } from './model-selection/bandit-classifier.js';
export { BanditClassifier } from './model-selection/bandit-classifier.js';
export type { SuccessiveHalvingClassifierOptions } from './model-selection/successive-halving-classifier.js';
export { SuccessiveHalvingClassifier } from './model-selection/successive-halving-classifier.js';
export { adaptiveMlModule } from './module.js';
export { GaussianNB } from './naive-bayes/gaussian-nb.js';
export type { KNNClassifierOptions } from './neighbors/knn-classifier.js';
export { KNNClassifier } from './neighbors/knn-classifier.js';
export type { FeatureHasherOptions } from './preprocessing/feature-hasher.js';
export { FeatureHasher } from './preprocessing/feature-hasher.js';
export { MinMaxScaler } from './preprocessing/min-max-scaler.js';
export type { OneHotEncoderOptions } from './preprocessing/one-hot-encoder.js';
export { OneHotEncoder } from './preprocessing/one-hot-encoder.js';
export type { PolynomialExtenderOptions } from './preprocessing/polynomial-extender.js';
export { PolynomialExtender } from './preprocessing/polynomial-extender.js';
export type { StandardScalerOptions } from './preprocessing/standard-scaler.js';
export { StandardScaler } from './preprocessing/standard-scaler.js';
export type { TargetAggOptions } from './preprocessing/target-agg.js';
export { TargetAgg } from './preprocessing/target-agg.js';
export { EWMean, EWVariance } from './stats/ew-mean.js';
export { Gaussian } from './stats/gaussian.js';
export { ksTwoSample } from './stats/ks-two-sample.js';
export { Mean } from './stats/mean.js';
export { Quantile } from './stats/quantile.js';
export { RollingWindow } from './stats/rolling-window.js';
export { Variance } from './stats/variance.js';
export type { ColumnType, CsvOptions, Sample } from './stream/iter-csv.js';
export { iterCsv, iterJsonLines, splitCsvLine } from './stream/iter-csv.js';
export { StreamFormatError } from './stream/stream-format-error.js';
export type { AgrawalOptions } from './stream/synth/agrawal.js';
export { Agrawal } from './stream/synth/agrawal.js';
export type { ConceptDriftStreamOptions } from './stream/synth/concept-drift-stream.js';
export { ConceptDriftStream } from './stream/synth/concept-drift-stream.js';
export type { LabelledSample } from './stream/synth/generator.js';
export { Generator } from './stream/synth/generator.js';
export type { HyperplaneOptions } from './stream/synth/hyperplane.js';
export { Hyperplane } from './stream/synth/hyperplane.js';
export type { RandomRBFOptions } from './stream/synth/random-rbf.js';
export { RandomRBF } from './stream/synth/random-rbf.js';
export type { SEAOptions } from './stream/synth/sea.js';
export { SEA } from './stream/synth/sea.js';
export type { STAGGEROptions } from './stream/synth/stagger.js';
export { STAGGER } from './stream/synth/stagger.js';
export type { HoeffdingAdaptiveTreeClassifierOptions } from './tree/hoeffding-adaptive-tree-classifier.js';
export { HoeffdingAdaptiveTreeClassifier } from './tree/hoeffding-adaptive-tree-classifier.js';
export type { HoeffdingTreeClassifierOptions } from './tree/hoeffding-tree-classifier.js';
export { HoeffdingTreeClassifier } from './tree/hoeffding-tree-classifier.js';
export type { HoeffdingTreeRegressorOptions } from './tree/hoeffding-tree-regressor.js';
export { HoeffdingTreeRegressor } from './tree/hoeffding-tree-regressor.js';
