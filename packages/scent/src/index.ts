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
export type { BatchAssessment, BatchDecision, BatchRules, RiskLevel } from './domain/quality/batch-assessment.js';
export { assessBatch, defaultBatchRules } from './domain/quality/batch-assessment.js';
export type { ReadingValidatorOptions, SensorKind, ValidationResult } from './domain/readings/reading-validator.js';
export { physicalRanges, ReadingValidator, sensorKinds } from './domain/readings/reading-validator.js';
