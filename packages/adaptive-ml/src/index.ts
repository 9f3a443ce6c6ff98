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
export { EWMean, EWVariance } from './stats/ew-mean.js';
export { ksTwoSample } from './stats/ks-two-sample.js';
export { Mean } from './stats/mean.js';
export { Variance } from './stats/variance.js';
