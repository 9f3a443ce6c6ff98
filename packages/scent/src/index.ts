export type { TransientFeatureOptions } from './domain/features/transient-features.js';
export {
  extractArrayFeatures,
  extractTransientFeatures,
  uciEmaAlphas,
  uciFeaturesPerSensor,
} from './domain/features/transient-features.js';
export { hotellingT2Limit, speLimitBox, speLimitJacksonMudholkar } from './domain/mspc/control-limits.js';
export type { GoldenBatchModelJSON, GoldenBatchOptions, Score } from './domain/mspc/golden-batch-model.js';
export { GoldenBatchModel } from './domain/mspc/golden-batch-model.js';
